"""What a commenter types, checked field by field with a Vietnamese message for each problem. The text is
kept as typed (the pages escape it, the PDF and the API print it literally); only characters no database or
document can hold are refused."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from workflows.services.payloads import Errors

from .models import COMMENT_TEXT_MAX, COMMENTER_NAME_MAX

# A Vietnamese number: 0 or +84, then 9 digits (mobile and today's landlines; 10 for the old landlines).
PHONE = re.compile(r"^(?:0|\+84)\d{9,10}$")
SEPARATORS = re.compile(r"[\s.\-()]")
EMAIL_MAX = 254
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _grouped(number: int) -> str:
    """2000 → 2.000, as Vietnamese writes it, whatever locale the caller runs in."""
    return f"{number:,}".replace(",", ".")


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def clean_name(value, errors: Errors) -> str:
    name = " ".join(_text(value).split())
    if not name:
        errors.add("commenter_name", _("Vui lòng nhập họ và tên của bạn."))
    elif CONTROL.search(name):
        errors.add("commenter_name", _("Họ và tên chứa ký tự không hợp lệ."))
    elif len(name) > COMMENTER_NAME_MAX:
        errors.add(
            "commenter_name",
            _("Họ và tên dài quá %(limit)s ký tự.") % {"limit": COMMENTER_NAME_MAX},
        )
    return name


def clean_phone(value, errors: Errors) -> str:
    """The number without spaces, dots or dashes (as people write it: 0912 345 678, 0912.345.678)."""
    phone = SEPARATORS.sub("", _text(value))
    if phone and not PHONE.match(phone):
        errors.add(
            "phone",
            _("Số điện thoại không hợp lệ: nhập 10 chữ số bắt đầu bằng 0, ví dụ 0912 345 678."),
        )
    return phone


def clean_email(value, errors: Errors) -> str:
    email = _text(value).strip()
    if email:
        try:
            if len(email) > EMAIL_MAX:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            errors.add("email", _("Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@gmail.com."))
    return email


def clean_text(value, errors: Errors) -> str:
    text = _text(value).strip().replace("\r\n", "\n")
    if not text:
        errors.add("text", _("Vui lòng nhập nội dung góp ý."))
    elif CONTROL.search(text):
        errors.add("text", _("Nội dung góp ý chứa ký tự không hợp lệ."))
    elif len(text) > COMMENT_TEXT_MAX:
        errors.add(
            "text",
            _("Nội dung góp ý dài %(length)s ký tự, vượt giới hạn %(limit)s ký tự. Hãy rút gọn rồi gửi lại.")
            % {
                "length": _grouped(len(text)),
                "limit": _grouped(COMMENT_TEXT_MAX),
            },
        )
    return text


def clean_contact(*, commenter_name, phone, email, text) -> tuple[dict, Errors]:
    """The cleaned fields and the problems found, per field."""
    errors = Errors()
    cleaned = {
        "commenter_name": clean_name(commenter_name, errors),
        "phone": clean_phone(phone, errors),
        "email": clean_email(email, errors),
        "text": clean_text(text, errors),
    }
    if not cleaned["phone"] and not cleaned["email"] and "phone" not in errors and "email" not in errors:
        message = _("Vui lòng để lại số điện thoại hoặc thư điện tử để cơ quan liên hệ khi cần làm rõ.")
        errors.add("phone", message)
    return cleaned, errors
