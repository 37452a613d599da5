from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from dossiers.models import Dossier


class DossierProcess(Process):
    """The workflow instance of one dossier: its tasks mirror the dossier's stages."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="process"
    )

    class Meta:
        verbose_name = _("quy trình hồ sơ")
        verbose_name_plural = _("quy trình hồ sơ")
