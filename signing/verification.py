"""Checking an uploaded decision PDF against the issued record: every signature intact and valid, each
certificate chaining to the configured trust roots, the file byte for byte the stored record, and the record's
number and date those of the decision."""

import hashlib
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO

from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .models import SignedDecision


@dataclass
class Verdict:
    reasons: list[str] = field(default_factory=list)
    record: SignedDecision | None = None

    @property
    def valid(self) -> bool:
        return not self.reasons and self.record is not None


@cache
def _trust_roots(paths: tuple[str, ...]) -> list:
    return [load_cert_from_pemder(path) for path in paths]


def _context() -> ValidationContext:
    roots = _trust_roots(tuple(settings.SIGNING_TRUST_ROOTS))
    return ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")


def verify_decision_pdf(data: bytes) -> Verdict:
    if not data.startswith(b"%PDF-"):
        return Verdict([_("Tệp tải lên không phải là tệp PDF.")])
    try:
        signatures = PdfFileReader(BytesIO(data), strict=False).embedded_signatures
    except Exception:  # noqa: BLE001 (any parse failure means the same to the reader: a broken file)
        return Verdict([_("Không đọc được tệp PDF: tệp bị hỏng hoặc đã bị sửa.")])
    if not signatures:
        return Verdict([_("Tệp không có chữ ký số nào.")])
    reasons = _signature_reasons(signatures)
    if reasons:
        return Verdict(reasons)
    return _against_record(data)


def _signature_reasons(signatures) -> list[str]:
    context = _context()
    reasons, status = [], None
    for signature in signatures:
        try:
            status = validate_pdf_signature(signature, context)
        except (SignatureValidationError, PdfError, ValueError, KeyError):
            return [_("Chữ ký số trong tệp bị hỏng hoặc nội dung đã bị thay đổi sau khi ký.")]
        if not status.intact:
            return [_("Nội dung tệp đã bị thay đổi sau khi ký: chữ ký số không còn khớp với tài liệu.")]
        if not status.valid:
            return [_("Chữ ký số không hợp lệ.")]
        if not status.trusted:
            reasons.append(
                _("Chứng thư số của “%(subject)s” không được chứng thực bởi tổ chức tin cậy đã cấu hình.")
                % {"subject": status.signing_cert.subject.human_friendly}
            )
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        reasons.append(_("Tệp đã bị thêm nội dung sau chữ ký số cuối cùng."))
    return reasons


def _against_record(data: bytes) -> Verdict:
    digest = hashlib.sha256(data).hexdigest()
    record = SignedDecision.objects.select_related("decision__issuer").filter(sha256=digest).first()
    if record is None:
        return Verdict([_("Tệp không trùng với bất kỳ quyết định nào đã ban hành trên hệ thống.")])
    decision = record.decision
    if (record.number, record.date) != (decision.number, decision.date):
        return Verdict([_("Số hoặc ngày của quyết định không khớp với bản đã ban hành.")], record)
    return Verdict([], record)
