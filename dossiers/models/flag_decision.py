"""The appraiser's word on a duplicate or re-award flag (dossiers.duplicates computes the flags themselves)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .dossier import Nomination


class FlagDecision(models.Model):
    """A flag never blocks a dossier; the appraiser says whether the nominee is kept or withdrawn, and why.
    A flag is named by its key (``duplicate:<other nomination>`` or ``reaward:<earlier nomination>``), so the
    decision stays with it while the flags themselves are computed afresh on every read."""

    class Verdict(models.TextChoices):
        KEPT = "kept", _("Giữ đề nghị")
        WITHDRAWN = "withdrawn", _("Rút đề nghị")

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("đề nghị"), on_delete=models.CASCADE, related_name="flag_decisions"
    )
    flag = models.CharField(_("cảnh báo"), max_length=40)
    verdict = models.CharField(_("quyết định"), max_length=10, choices=Verdict.choices)
    reason = models.TextField(_("lý do"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("thời điểm"), auto_now=True)

    class Meta:
        verbose_name = _("quyết định về cảnh báo trùng")
        verbose_name_plural = _("quyết định về cảnh báo trùng")
        constraints = [models.UniqueConstraint(fields=["nomination", "flag"], name="one_decision_per_flag")]

    def __str__(self):
        return f"{self.nomination_id} {self.flag}: {self.verdict}"
