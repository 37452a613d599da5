from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The delivery layer: the officials' pages, the JSON API, the generated files and exports, and
    viewflow's frontend for administrators. It calls the engine (workflows, dossiers, permissions); the
    engine never imports it."""

    name = "web"
    verbose_name = _("Trang và API")
