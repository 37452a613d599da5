"""Keys the administrator configures, and the signed decision that is the record once issued."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from dossiers.models import Decision
from permissions.models import Unit


class SignedRecordIsFinal(RuntimeError):
    pass


class SigningKey(models.Model):
    """A PKCS#12 file for one signer or one agency. The file lives outside the web root and its passphrase in
    the environment variable named here, so that neither a database dump nor a page can reveal the key."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("cơ quan"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pkcs12_path = models.CharField(_("đường dẫn tệp PKCS#12"), max_length=500)
    passphrase_env = models.CharField(_("biến môi trường chứa mật khẩu"), max_length=100)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_until = models.DateField(_("hiệu lực đến"))

    class Meta:
        verbose_name = _("khóa ký số")
        verbose_name_plural = _("khóa ký số")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=True) ^ models.Q(unit__isnull=True),
                name="signing_key_for_a_user_or_a_unit",
            )
        ]

    def __str__(self):
        return str(self.user or self.unit)

    def clean(self):
        if (self.user_id is None) == (self.unit_id is None):
            raise ValidationError(_("Khóa ký số thuộc về một người ký hoặc một cơ quan, không phải cả hai."))
        if self.valid_until < self.valid_from:
            raise ValidationError(_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))
        served = [settings.STATIC_ROOT, settings.MEDIA_ROOT, settings.BASE_DIR / "static"]
        if any(_inside(self.pkcs12_path, str(root)) for root in served):
            raise ValidationError(_("Tệp khóa phải nằm ngoài các thư mục mà máy chủ web phục vụ."))


def _inside(path: str, root: str) -> bool:
    return path.rstrip("/").startswith(root.rstrip("/") + "/")


class SignedDecision(models.Model):
    """The signed PDF of an issued decision: the record. It is written once and never changed; a correction is
    a new decision that references the old."""

    decision = models.OneToOneField(
        Decision, verbose_name=_("quyết định"), on_delete=models.PROTECT, related_name="signed_record"
    )
    pdf = models.BinaryField(_("tệp PDF đã ký"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, unique=True)
    number = models.CharField(_("số quyết định"), max_length=40)
    date = models.DateField(_("ngày ký"))
    signed_at = models.DateTimeField(_("thời điểm ký"))
    signer_subject = models.CharField(_("chủ thể chứng thư người ký"), max_length=500)
    signer_serial = models.CharField(_("số hiệu chứng thư người ký"), max_length=80)
    agency_subject = models.CharField(_("chủ thể chứng thư cơ quan"), max_length=500, blank=True)
    # The awarded nominations the signed PDF lists: a nomination joining the decision later is not in it.
    nominations = models.JSONField(_("đề nghị được khen thưởng trong bản đã ký"), default=list)

    class Meta:
        verbose_name = _("quyết định đã ký số")
        verbose_name_plural = _("quyết định đã ký số")

    def __str__(self):
        return f"{self.number} ({self.date:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise SignedRecordIsFinal("Quyết định đã ký số không được sửa hoặc ký lại.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise SignedRecordIsFinal("Quyết định đã ký số không được xóa.")
