import threading
from contextlib import contextmanager

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
        held_back = getattr(_deferral, "events", None)
        if held_back is not None:
            held_back.append(self)
            return
        _append([self])

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Lịch sử hồ sơ chỉ được ghi thêm, không được xoá.")


# The events held back by ``deferred_history`` in this thread (None: each event is appended as it is saved).
_deferral = threading.local()


def _append(events: list[AuditEvent]) -> None:
    """Extend the chain by ``events``, in order, under the chain lock (held from here to the commit)."""
    take_chain_lock()
    prev_hash = AuditEvent.objects.order_by("-pk").values_list("hash", flat=True).first() or GENESIS
    for event in events:
        event.prev_hash, event.hash = prev_hash, digest(event, prev_hash)
        prev_hash = event.hash
    if len(events) == 1:
        super(AuditEvent, events[0]).save()
    else:
        AuditEvent.objects.bulk_create(events)  # sets their ids (PostgreSQL, SQLite ≥ 3.35)


@contextmanager
def deferred_history():
    """Hold back the events saved inside the block and append them together when it ends.

    The chain lock is held from an event's insert to the commit, so a change that records many events one
    after the other (a chair's decision over hundreds of dossiers) would hold it through all of its work and
    stall every other official's step in the meantime. Inside this block it is taken once, at the end, for
    one short insert. The events keep their own times and order, and get their ids at the end: read an id
    only after the block (``transaction.on_commit`` callbacks do). Use it where any failure inside aborts the
    whole block (no savepoint is rolled back and then carried on from), as the held events are then dropped.
    """
    if not transaction.get_connection().in_atomic_block:
        raise AuditLogIsAppendOnly("Sự kiện phải được ghi trong cùng giao dịch với thay đổi nó ghi lại.")
    if getattr(_deferral, "events", None) is not None:  # nested: the outermost block appends
        yield
        return
    _deferral.events = []
    try:
        yield
        held_back, _deferral.events = _deferral.events, None
        if held_back:
            _append(held_back)
    finally:
        _deferral.events = None
