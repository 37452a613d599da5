from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from dossiers.models import Dossier

from .routing import STAGES


class DossierProcess(Process):
    """The workflow instance of one dossier: its tasks mirror the dossier's stages."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="process"
    )

    class Meta:
        verbose_name = _("quy trình hồ sơ")
        verbose_name_plural = _("quy trình hồ sơ")


class StageTimeLimit(models.Model):
    """How many working days a stage may take; overrides the default of workflows.routing."""

    stage = models.CharField(
        _("bước"), max_length=30, unique=True, choices=[(s.name, s.label) for s in STAGES]
    )
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))

    class Meta:
        verbose_name = _("thời hạn xử lý của bước")
        verbose_name_plural = _("thời hạn xử lý các bước")

    def __str__(self):
        return f"{self.stage}: {self.working_days}"


class CalendarDay(models.Model):
    """A day the public-holiday calendar does not know: an extra day off, or a make-up working day."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Ngày nghỉ")
        WORKING_DAY = "working_day", _("Ngày làm bù")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ngày nghỉ / làm bù")
        verbose_name_plural = _("ngày nghỉ / làm bù")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"
