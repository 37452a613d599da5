from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from dossiers.models import AuditEvent, Dossier

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


class Notification(models.Model):
    """An in-app message (and the e-mail sent with it) to an official or to the village head who made the
    dossier. A change of the dossier (its history event) tells each person once; a reminder goes once per
    task, kind and day."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Sắp đến hạn")
        OVERDUE = "overdue", _("Quá hạn")
        QUEUED = "queued", _("Hồ sơ mới chờ xử lý")
        RETURNED = "returned", _("Hồ sơ bị trả lại")
        # What the village head is told of their dossier's route (workflows.routing.Step.notifies_creator);
        # the words of the status or step where they already exist.
        COMMUNE_REVIEWED = "commune_reviewed", _("Xã đã họp xét")
        SENT_BACK = "sent_back", _("Trả lại để xem xét lại")
        REJECTED = "rejected", _("Không được đề nghị")
        DECIDED = "decided", _("Đã quyết định")
        FORWARDED = "forwarded", _("Đã trình tỉnh")
        PROVINCE_OUTCOME = "province_outcome", _("Tỉnh đã có kết quả")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="+")
    task_id = models.BigIntegerField(_("công việc"), null=True, blank=True)
    # The change a notice tells of; empty for a reminder, which tells of time passing.
    event = models.ForeignKey(
        AuditEvent,
        verbose_name=_("sự kiện"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    day = models.DateField(_("ngày"))
    message = models.CharField(_("nội dung"), max_length=500)
    created = models.DateTimeField(_("lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created", "-pk"]
        constraints = [
            # A retried job never tells anyone twice: once per change, and a reminder once a day.
            models.UniqueConstraint(
                fields=["user", "event"],
                condition=Q(event__isnull=False),
                name="notification_once_per_change",
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "task_id", "day"],
                condition=Q(event__isnull=True),
                name="notification_once_a_day",
            ),
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.message


class GeneratedFile(models.Model):
    """A file built by a job (hundreds of certificates, a long export), offered to its owner when ready."""

    class State(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Lỗi")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("loại"), max_length=30)
    params = models.JSONField(_("tham số"), default=dict)
    filename = models.CharField(_("tên tệp"), max_length=200)
    content_type = models.CharField(max_length=100)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices, default=State.PENDING)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    file = models.FileField(_("tệp"), upload_to="generated/", blank=True)
    error = models.CharField(_("lỗi"), max_length=300, blank=True)
    created = models.DateTimeField(_("lúc yêu cầu"), auto_now_add=True)
    finished = models.DateTimeField(_("lúc xong"), null=True, blank=True)

    class Meta:
        verbose_name = _("tệp được tạo")
        verbose_name_plural = _("tệp được tạo")

    def __str__(self):
        return self.filename
