"""The public notice of a commune's nominees in one round, and the comments anyone leaves on them.

A notice lists the nominations that were listable when it was opened (``NoticeEntry``): the paper posted at
the commune's office and the page say the same thing for the whole period. A comment is never changed or
removed: it is part of its dossier's history (its event holds no contact detail; see publicity.services).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dossiers.models import AuditEvent, Dossier, Nomination, Round
from permissions.models import Unit

COMMENTER_NAME_MAX = 100
COMMENT_TEXT_MAX = 2_000
PHONE_MAX = 20


class CommentIsPermanent(Exception):
    """Raised by any attempt to change or remove a public comment once received."""


class PublicNotice(models.Model):
    commune = models.ForeignKey(Unit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(Round, verbose_name=_("đợt"), on_delete=models.PROTECT, related_name="+")
    opens_on = models.DateField(_("niêm yết từ ngày"))
    closes_on = models.DateField(_("niêm yết đến hết ngày"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người mở"), on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("mở lúc"), auto_now_add=True)
    # Set when the officer ends the notice early (with a reason), or when a new notice replaces one whose
    # period had run out (no one, no reason).
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người kết thúc"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    close_reason = models.TextField(_("lý do kết thúc sớm"), blank=True)

    class Meta:
        verbose_name = _("thông báo niêm yết công khai")
        verbose_name_plural = _("thông báo niêm yết công khai")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            # One notice running per commune and round: two would tell the public two different periods.
            models.UniqueConstraint(
                fields=["commune", "round"],
                condition=Q(closed_at__isnull=True),
                name="public_notice_one_open_per_commune_round",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="public_notice_closes_after_it_opens"
            ),
        ]

    def __str__(self):
        return f"{self.commune} – {self.round}"

    def is_running(self, today=None) -> bool:
        """Whether the notice is posted today (and so takes comments)."""
        today = today or timezone.localdate()
        return self.closed_at is None and self.opens_on <= today <= self.closes_on

    def has_started(self, today=None) -> bool:
        return self.opens_on <= (today or timezone.localdate())

    def has_ended(self, today=None) -> bool:
        return self.closed_at is not None or self.closes_on < (today or timezone.localdate())


class NoticeEntry(models.Model):
    """A nomination listed on a notice. Removed with its nomination if a returned draft drops it."""

    notice = models.ForeignKey(PublicNotice, on_delete=models.CASCADE, related_name="entries")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="notice_entries")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["notice", "nomination"], name="notice_entry_unique_nomination")
        ]

    def __str__(self):
        return f"{self.notice_id}: {self.nomination_id}"


class PublicCommentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise CommentIsPermanent("Góp ý công khai đã nhận không được sửa.")

    def delete(self):
        raise CommentIsPermanent("Góp ý công khai đã nhận không được xoá.")


class PublicComment(models.Model):
    notice = models.ForeignKey(
        PublicNotice, verbose_name=_("thông báo"), on_delete=models.PROTECT, related_name="comments"
    )
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="public_comments"
    )
    # Kept if a returned draft later drops the nomination: the comment and its name stay with the dossier.
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("đề nghị"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="public_comments",
    )
    nominee_name = models.CharField(_("tên người / tập thể được góp ý"), max_length=300)
    commenter_name = models.CharField(_("họ và tên người góp ý"), max_length=COMMENTER_NAME_MAX)
    phone = models.CharField(_("số điện thoại"), max_length=PHONE_MAX, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    text = models.TextField(_("nội dung góp ý"))
    created = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)
    # A keyed hash of the sender's address: enough to tell one sender's comments apart for an audit, never
    # the address itself.
    address_hash = models.CharField(max_length=64, editable=False)
    event = models.OneToOneField(
        AuditEvent, on_delete=models.PROTECT, related_name="public_comment", editable=False
    )

    objects = PublicCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("góp ý công khai")
        verbose_name_plural = _("góp ý công khai")
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["dossier", "created"])]

    def __str__(self):
        return f"{self.commenter_name} – {self.nominee_name}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise CommentIsPermanent("Góp ý công khai đã nhận không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise CommentIsPermanent("Góp ý công khai đã nhận không được xoá.")
