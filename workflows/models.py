from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from dossiers.models import AuditEvent, Dossier
from dossiers.states import RouteName
from permissions.roles import LEVEL_AGENCIES, AgencyKind, Level

from .routes import ROUTES, Stage, all_stages

# Every stage of every route, each name once (a name means the same work on every route).
STAGE_CHOICES = [(stage.name, stage.label) for stage in all_stages()]


class DossierProcess(Process):
    """The workflow instance of one dossier: its tasks mirror the dossier's stages."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="process"
    )

    class Meta:
        verbose_name = _("quy trình hồ sơ")
        verbose_name_plural = _("quy trình hồ sơ")


class StageSetting(models.Model):
    """How a province runs one stage of a route from a date: the office that works it, its time limit and
    whether it is on (Decree 152/2025 Art. 6(2)(c) leaves the commune-level procedure to each province).

    A row is never changed nor deleted once saved: a change is a new row from a date, so the rows are the
    history. Which row is in force on a day is read by ``workflows.stage_settings``: the latest ``valid_from``
    on or before that day; on the same date a province's own row beats the all-province one, and of two rows
    of the same province and date the one recorded last.
    """

    province = models.ForeignKey(
        "permissions.Unit",
        verbose_name=_("tỉnh"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        limit_choices_to={"level": Level.PROVINCE},
        help_text=_("Để trống: áp dụng cho mọi tỉnh chưa có thiết lập riêng."),
    )
    route = models.CharField(_("quy trình"), max_length=20, choices=RouteName.choices)
    stage = models.CharField(_("bước"), max_length=40, choices=STAGE_CHOICES)
    agency = models.CharField(
        _("cơ quan thực hiện"),
        max_length=20,
        choices=AgencyKind.choices,
        blank=True,
        help_text=_("Để trống: cơ quan mặc định của quy trình."),
    )
    time_limit = models.PositiveSmallIntegerField(
        _("thời hạn (ngày làm việc)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Để trống: thời hạn mặc định của quy trình."),
    )
    enabled = models.BooleanField(
        _("thực hiện bước này"),
        default=True,
        help_text=_(
            "Chỉ bước được quy trình cho phép tắt mới bỏ chọn được; hồ sơ khi đó chuyển thẳng sang bước sau."
        ),
    )
    valid_from = models.DateField(
        _("áp dụng từ ngày"),
        help_text=_(
            "Áp dụng cho công việc phát sinh từ ngày này; không áp dụng ngược cho việc đã phát sinh."
        ),
    )
    note = models.CharField(_("căn cứ, ghi chú"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    recorded_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("thiết lập bước xử lý")
        verbose_name_plural = _("thiết lập bước xử lý (cơ quan, thời hạn, bật/tắt)")
        ordering = ["route", "stage", "province", "-valid_from", "-pk"]
        indexes = [models.Index(fields=["route", "stage", "valid_from"], name="stage_setting_lookup")]

    def __str__(self):
        return f"{self.get_route_display()} — {self.get_stage_display()} ({self.valid_from:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RecordedSetting(f"stage setting {self.pk} is history: record a new row from a date instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RecordedSetting(f"stage setting {self.pk} is history: it is never deleted")

    @property
    def declared_stage(self) -> Stage | None:
        """The stage as the row's route declares it (None if the route has no such stage)."""
        route = ROUTES.get(self.route)
        return route.stages_by_name.get(self.stage) if route else None

    def clean(self):
        stage = self.declared_stage
        if self.route and self.stage and stage is None:
            raise ValidationError(
                {"stage": _("Quy trình «%(route)s» không có bước «%(stage)s».") % self._names()}
            )
        if stage is None:
            return
        errors = {}
        if self.agency and self.agency not in LEVEL_AGENCIES[stage.level]:
            kinds = ", ".join(str(AgencyKind(kind).label) for kind in LEVEL_AGENCIES[stage.level])
            errors["agency"] = _(
                "Bước «%(stage)s» do một cơ quan cấp %(level)s thực hiện: chọn một trong %(kinds)s."
            ) % {**self._names(), "level": Level(stage.level).label.lower(), "kinds": kinds}
        if not self.enabled and not stage.optional:
            errors["enabled"] = (
                _("Bước «%(stage)s» là bước bắt buộc của quy trình, không tắt được.") % self._names()
            )
        if self._state.adding and self.valid_from and self.valid_from < timezone.localdate():
            errors["valid_from"] = _(
                "Chỉ đặt được từ hôm nay trở đi: thay đổi không áp dụng ngược cho việc đã phát sinh."
            )
        if errors:
            raise ValidationError(errors)

    def _names(self) -> dict:
        return {"route": self.get_route_display(), "stage": self.get_stage_display()}


class RecordedSetting(Exception):
    """A saved stage setting was to be changed or deleted: it is history, a change is a new row."""


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
        # What the village head is told of their dossier's route (workflows.routes.Step.notifies_creator);
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


class Reorganisation(models.Model):
    """A reorganisation of administrative units with its effective date (2025: communes merged, districts
    abolished, provinces merged). Recorded by an administrator, shown as a dry run, then applied all or
    nothing by workflows.services.reorganisation; applied once."""

    name = models.CharField(_("tên"), max_length=300)
    basis = models.CharField(
        _("căn cứ"), max_length=500, help_text=_("Ví dụ: Nghị quyết số 1664/NQ-UBTVQH15 ngày 16/6/2025")
    )
    effective_on = models.DateField(_("có hiệu lực từ ngày"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)
    applied_at = models.DateTimeField(_("áp dụng lúc"), null=True, blank=True, editable=False)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người áp dụng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sắp xếp đơn vị hành chính")
        verbose_name_plural = _("sắp xếp đơn vị hành chính")
        ordering = ["-effective_on", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.effective_on:%d/%m/%Y})"


class UnitSuccession(models.Model):
    """One unit a reorganisation ends: merged into its successor, or (a district) abolished without one."""

    reorganisation = models.ForeignKey(
        Reorganisation, verbose_name=_("đợt sắp xếp"), on_delete=models.CASCADE, related_name="successions"
    )
    unit = models.ForeignKey(
        "permissions.Unit", verbose_name=_("đơn vị kết thúc"), on_delete=models.PROTECT, related_name="+"
    )
    successor = models.ForeignKey(
        "permissions.Unit",
        verbose_name=_("đơn vị kế thừa"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Để trống khi bãi bỏ cấp huyện: việc của huyện chuyển cho xã và tỉnh theo quy trình hai cấp."),
    )

    class Meta:
        verbose_name = _("đơn vị kết thúc")
        verbose_name_plural = _("các đơn vị kết thúc")
        constraints = [
            models.UniqueConstraint(fields=["reorganisation", "unit"], name="one_succession_per_unit"),
        ]

    def __str__(self):
        return f"{self.unit} → {self.successor or '—'}"

    def clean(self):
        if self.successor_id is None and self.unit.level != Level.DISTRICT:
            raise ValidationError({"successor": _("Chỉ cấp huyện được bãi bỏ không có đơn vị kế thừa.")})
        if self.successor_id and self.successor.level != self.unit.level:
            raise ValidationError({"successor": _("Đơn vị kế thừa phải cùng cấp với đơn vị kết thúc.")})
        if self.successor_id == self.unit_id:
            raise ValidationError({"successor": _("Đơn vị kế thừa phải là đơn vị khác.")})
