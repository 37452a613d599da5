from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from permissions.roles import Level

from ..states import AuthorityLevel, NomineeKind, RouteName


class Movement(models.Model):
    name = models.CharField(_("tên phong trào"), max_length=300)
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")

    def __str__(self):
        return f"{self.name} ({self.start_year}–{self.end_year})"


def route_of_units(village) -> str:
    """The route a village's unit line runs: the ladder while its commune sits in a district, the two tiers
    once it hangs directly from its province (after the 2025 reorganisation)."""
    commune = village.parent
    return (
        RouteName.THREE_TIER
        if commune and commune.parent and commune.parent.level == Level.DISTRICT
        else (RouteName.TWO_TIER)
    )


class RoundQuerySet(models.QuerySet):
    def open_to(self, village):
        """Open rounds a dossier of ``village`` may be proposed in: those whose route its units run."""
        return self.filter(is_open=True, route=route_of_units(village))


class Round(models.Model):
    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Hằng năm")
        MID_TERM = "mid_term", _("Sơ kết")
        FINAL = "final", _("Tổng kết")
        SPECIAL = "special", _("Đột xuất / trường hợp đặc biệt")

    movement = models.ForeignKey(
        Movement, verbose_name=_("phong trào"), on_delete=models.PROTECT, related_name="rounds"
    )
    name = models.CharField(_("tên đợt"), max_length=200)
    kind = models.CharField(_("loại đợt"), max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    deadline = models.DateField(_("hạn nộp hồ sơ"))
    is_open = models.BooleanField(_("đang nhận hồ sơ"), default=True)
    # Rounds before 1 July 2025 follow the seeds' three-tier ladder; today's government has two tiers.
    route = models.CharField(
        _("quy trình"),
        max_length=20,
        choices=RouteName.choices,
        default=RouteName.TWO_TIER,
        help_text=_("Quy trình xét của các hồ sơ trong đợt; không đổi được khi đợt đã có hồ sơ."),
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt khen thưởng")
        verbose_name_plural = _("đợt khen thưởng")
        ordering = ["-year", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        # A dossier keeps the route it started on (and its history of that route's stages): once a round has
        # dossiers, moving them to another route is a reorganisation, not an edit of the round.
        if self.pk and self.dossiers.exists():
            saved = Round.objects.filter(pk=self.pk).values_list("route", flat=True).first()
            if saved and saved != self.route:
                raise ValidationError(
                    {
                        "route": _(
                            "Đợt đã có hồ sơ: không đổi quy trình được nữa (các hồ sơ giữ quy trình đã bắt đầu)."
                        )
                    }
                )


class AwardForm(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên hình thức"), max_length=200)
    authority_level = models.CharField(
        _("thẩm quyền quyết định"), max_length=10, choices=AuthorityLevel.choices
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    # The forms and who grants them move with the law (Decree 129/2025 gave the commune chair the titles the
    # district chair granted): a form is offered in the rounds of the period it is in force.
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")
        ordering = ["position", "code"]

    def __str__(self):
        return self.name

    @classmethod
    def in_force(cls, day):
        return cls.objects.filter(_in_force_on(day))

    @classmethod
    def offered_in(cls, round):
        """The forms a dossier of ``round`` may ask for: those in force on its deadline and, on the two-tier
        route, none of the district's (there is no district since 1 July 2025)."""
        forms = cls.in_force(round.deadline)
        if round.route == RouteName.TWO_TIER:
            forms = forms.exclude(authority_level=AuthorityLevel.DISTRICT)
        return forms


def _in_force_on(day) -> Q:
    from_ok = Q(valid_from__isnull=True) | Q(valid_from__lte=day)
    return from_ok & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class LegalBasis(models.Model):
    """A 'Căn cứ …' line of the generated documents: data with the dates it is in force, since the law moves."""

    text = models.CharField(_("nội dung"), max_length=500)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    # Some bases belong to one decider only: the decree that gives the commune chair the authority (Decree
    # 129/2025) is cited by the commune's decisions, not by the province's.
    issuer_level = models.CharField(
        _("cấp ban hành (để trống: mọi cấp)"), max_length=10, choices=Level.choices, blank=True
    )
    note = models.TextField(_("ghi chú, nguồn"), blank=True)

    class Meta:
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text

    @classmethod
    def in_force(cls, day, issuer_level: str = ""):
        """The lines in force on ``day``: those of every decider, and those of ``issuer_level`` if given."""
        levels = Q(issuer_level="") | Q(issuer_level=issuer_level) if issuer_level else Q(issuer_level="")
        return cls.objects.filter(_in_force_on(day) & levels)


class BaseSalary(models.Model):
    """The base salary (mức lương cơ sở) from a date: bonuses are multiples of the figure in force."""

    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng/tháng)"))
    valid_from = models.DateField(_("áp dụng từ"), unique=True)

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.amount:,} đ từ {self.valid_from:%d/%m/%Y}"


class BonusRate(models.Model):
    """The bonus of an award form (optionally for one nominee kind) as a multiple of the base salary."""

    award_form = models.ForeignKey(AwardForm, verbose_name=_("hình thức"), on_delete=models.CASCADE)
    nominee_kind = models.CharField(
        _("đối tượng (để trống: mọi đối tượng)"), max_length=12, choices=NomineeKind.choices, blank=True
    )
    multiplier = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2)
    valid_from = models.DateField(_("áp dụng từ"))
    # Where the figure comes from: the sources disagree on some (households, collectives), so each says.
    source = models.TextField(_("nguồn"), blank=True)

    class Meta:
        verbose_name = _("mức tiền thưởng")
        verbose_name_plural = _("mức tiền thưởng")
        ordering = ["award_form", "nominee_kind", "-valid_from"]

    def __str__(self):
        return f"{self.award_form} {self.nominee_kind or ''} × {self.multiplier}"


class BonusRounding(models.Model):
    """How a bonus (base salary × multiple) is rounded, from a date. Decree 152/2025 Art. 49(2) reads "rounded
    up to the tens of thousands of đồng"; some sources print the unrounded product. See README."""

    class Mode(models.TextChoices):
        UP_10000 = "up_10000", _("Làm tròn lên hàng chục nghìn đồng")
        NONE = "none", _("Không làm tròn (đến đồng)")

    valid_from = models.DateField(_("áp dụng từ"), unique=True)
    mode = models.CharField(_("cách làm tròn"), max_length=10, choices=Mode.choices)
    source = models.TextField(_("nguồn"), blank=True)

    class Meta:
        verbose_name = _("cách làm tròn tiền thưởng")
        verbose_name_plural = _("cách làm tròn tiền thưởng")
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.get_mode_display()} từ {self.valid_from:%d/%m/%Y}"


class Criterion(models.Model):
    """One item of the appraisal checklist of a nominee kind. A movement's own items replace, kind by kind,
    the general ones (movement empty), which come from the plans of "Vì người nghèo" (domain.md §3)."""

    movement = models.ForeignKey(
        Movement,
        verbose_name=_("phong trào (để trống: mọi phong trào)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="criteria",
    )
    nominee_kind = models.CharField(_("đối tượng"), max_length=12, choices=NomineeKind.choices)
    key = models.SlugField(
        _("mã"),
        max_length=60,
        help_text=_("Khóa lưu kết quả thẩm định; không đổi mã của tiêu chí đã được dùng để thẩm định."),
    )
    label = models.CharField(_("nội dung tiêu chí"), max_length=300)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chí thẩm định")
        verbose_name_plural = _("tiêu chí thẩm định")
        ordering = ["movement", "nominee_kind", "position", "pk"]

    def __str__(self):
        return self.label

    def clean(self):
        # One key per checklist: the key is what the appraisal's marks are stored under.
        twins = Criterion.objects.filter(
            movement=self.movement, nominee_kind=self.nominee_kind, key=self.key
        ).exclude(pk=self.pk)
        if twins.exists():
            raise ValidationError({"key": _("Mã này đã có trong danh sách tiêu chí của đối tượng này.")})
