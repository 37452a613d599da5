from django.db import models
from django.utils.translation import gettext_lazy as _

from ..states import AuthorityLevel


class Movement(models.Model):
    name = models.CharField(_("tên phong trào"), max_length=300)
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")

    def __str__(self):
        return f"{self.name} ({self.start_year}–{self.end_year})"


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

    class Meta:
        verbose_name = _("đợt khen thưởng")
        verbose_name_plural = _("đợt khen thưởng")
        ordering = ["-year", "name"]

    def __str__(self):
        return self.name


class AwardForm(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên hình thức"), max_length=200)
    authority_level = models.CharField(
        _("thẩm quyền quyết định"), max_length=10, choices=AuthorityLevel.choices
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")
        ordering = ["position", "code"]

    def __str__(self):
        return self.name


class LegalBasis(models.Model):
    """A 'Căn cứ …' line of the generated documents: data with the dates it is in force, since the law moves."""

    text = models.CharField(_("nội dung"), max_length=500)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text

    @classmethod
    def in_force(cls, day):
        from django.db.models import Q

        return cls.objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


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
    nominee_kind = models.CharField(_("đối tượng (để trống: mọi đối tượng)"), max_length=12, blank=True)
    multiplier = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2)
    valid_from = models.DateField(_("áp dụng từ"))

    class Meta:
        verbose_name = _("mức tiền thưởng")
        verbose_name_plural = _("mức tiền thưởng")
        ordering = ["award_form", "nominee_kind", "-valid_from"]

    def __str__(self):
        return f"{self.award_form} {self.nominee_kind or ''} × {self.multiplier}"
