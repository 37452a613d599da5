from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from permissions.models import Unit

from ..chain import GENESIS, digest, take_chain_lock


class AuditLogIsAppendOnly(Exception):
    """Raised by any attempt to change or remove a recorded event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("Lịch sử hồ sơ chỉ được ghi thêm, không được sửa.")

    def delete(self):
        raise AuditLogIsAppendOnly("Lịch sử hồ sơ chỉ được ghi thêm, không được xoá.")


class AuditEvent(models.Model):
    """One entry of the append-only history: who did what, when, in which role and unit, and why."""

    dossier = models.ForeignKey(
        "Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    role = models.CharField(_("vai trò"), max_length=20, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("thao tác"), max_length=40)
    from_status = models.CharField(_("trạng thái trước"), max_length=24, blank=True)
    to_status = models.CharField(_("trạng thái sau"), max_length=24, blank=True)
    comment = models.TextField(_("ý kiến / lý do"), blank=True)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    prev_hash = models.CharField(_("mã băm sự kiện trước"), max_length=64, editable=False)
    hash = models.CharField(_("mã băm"), max_length=64, unique=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện lịch sử")
        verbose_name_plural = _("lịch sử xử lý")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["dossier", "at"])]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditLogIsAppendOnly("Lịch sử hồ sơ chỉ được ghi thêm, không được sửa.")
        if not transaction.get_connection().in_atomic_block:
            raise AuditLogIsAppendOnly("Sự kiện phải được ghi trong cùng giao dịch với thay đổi nó ghi lại.")
        take_chain_lock()
        last = AuditEvent.objects.order_by("-pk").values_list("hash", flat=True).first()
        self.prev_hash = last or GENESIS
        self.hash = digest(self, self.prev_hash)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Lịch sử hồ sơ chỉ được ghi thêm, không được xoá.")
