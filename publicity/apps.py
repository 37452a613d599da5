from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "publicity"
    verbose_name = _("Niêm yết công khai")
    default_auto_field = "django.db.models.BigAutoField"
