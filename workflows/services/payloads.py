"""Reading a transition's payload: each helper returns a clean value or records a Vietnamese message.

Helpers collect errors per field in an ``Errors`` object so that one reply lists every problem at once.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers.errors import InvalidInput


class Errors(dict):
    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(str(message))

    def raise_if_any(self, summary: str | None = None) -> None:
        if self:
            raise InvalidInput(summary or _("Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại."), dict(self))


# Small counts (council members, votes) are stored in small integer columns.
MAX_COUNT = 1000


def identifier(value) -> int | None:
    """An id sent as a JSON integer or a string of digits; None for anything else (floats, 1e400, booleans)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value < 2**63 else None
    if (
        isinstance(value, str)
        and value.strip().isascii()
        and value.strip().isdigit()
        and len(value.strip()) < 19
    ):
        return int(value)
    return None


def text(payload: dict, field: str, errors: Errors, *, required: bool, label: str, max_length=2000) -> str:
    value = payload.get(field, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.add(field, _("%(label)s phải là văn bản.") % {"label": label})
        return ""
    if "\x00" in value:
        errors.add(field, _("%(label)s chứa ký tự không hợp lệ.") % {"label": label})
        return ""
    value = value.strip()
    if required and not value:
        errors.add(field, _("Vui lòng ghi %(label)s.") % {"label": label.lower()})
    if len(value) > max_length:
        errors.add(field, _("%(label)s dài quá %(limit)s ký tự.") % {"label": label, "limit": max_length})
    return value


def comment(payload: dict, errors: Errors, *, required: bool) -> str:
    return text(payload, "comment", errors, required=required, label=_("Lý do / ý kiến"))


def date(payload: dict, field: str, errors: Errors, *, label: str, not_future: bool = True):
    value = payload.get(field)
    if value in (None, ""):
        errors.add(field, _("Vui lòng nhập %(label)s (dd/mm/yyyy).") % {"label": label.lower()})
        return None
    parsed = None
    if isinstance(value, str):
        for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                parsed = datetime.datetime.strptime(value.strip(), fmt).date()
                break
            except ValueError:
                continue
    elif isinstance(value, datetime.date):
        parsed = value
    if parsed is None:
        errors.add(field, _("%(label)s không hợp lệ: nhập theo dạng dd/mm/yyyy.") % {"label": label})
    elif not_future and parsed > timezone.localdate():
        errors.add(field, _("%(label)s không được sau ngày hôm nay.") % {"label": label})
    return parsed


def integer(value, field: str, errors: Errors, *, label: str, minimum: int = 0, maximum: int | None = None):
    maximum = MAX_COUNT if maximum is None else min(maximum, MAX_COUNT)
    if isinstance(value, bool) or not isinstance(value, int):
        text_value = str(value).strip()
        if not (text_value.isascii() and text_value.isdigit()) or len(text_value) > 6:
            errors.add(
                field,
                _("%(label)s phải là số nguyên từ %(minimum)s đến %(maximum)s.")
                % {"label": label, "minimum": minimum, "maximum": maximum},
            )
            return None
        value = int(text_value)
    if value < minimum:
        errors.add(
            field, _("%(label)s không được nhỏ hơn %(minimum)s.") % {"label": label, "minimum": minimum}
        )
    if value > maximum:
        errors.add(
            field, _("%(label)s không được lớn hơn %(maximum)s.") % {"label": label, "maximum": maximum}
        )
    return value


def boolean(value, field: str, errors: Errors, *, label: str):
    if isinstance(value, bool):
        return value
    if value in ("true", "1", "on", 1):
        return True
    if value in ("false", "0", "off", 0):
        return False
    errors.add(field, _("%(label)s: chọn có hoặc không.") % {"label": label})
    return None


def items(payload: dict, field: str, errors: Errors, *, label: str) -> list[dict]:
    value = payload.get(field)
    if not isinstance(value, list) or not value:
        errors.add(field, _("Vui lòng nhập %(label)s cho từng đề nghị.") % {"label": label.lower()})
        return []
    if not all(isinstance(item, dict) for item in value):
        errors.add(field, _("%(label)s không đúng định dạng.") % {"label": label})
        return []
    return value


def by_nomination(entries: list[dict], nominations: dict, field: str, errors: Errors) -> dict:
    """Map each entry to its nomination; every listed nomination must belong to the dossier, once."""
    mapped = {}
    for index, entry in enumerate(entries):
        nomination = nominations.get(identifier(entry.get("nomination")))
        if nomination is None:
            errors.add(
                field,
                _("Dòng %(number)s: đề nghị không thuộc hồ sơ này hoặc không được xét ở bước này.")
                % {"number": index + 1},
            )
            continue
        if nomination.pk in mapped:
            errors.add(field, _("Đề nghị “%(name)s” được nhập hai lần.") % {"name": nomination.nominee_name})
        mapped[nomination.pk] = (nomination, entry)
    missing = [n.nominee_name for pk, n in nominations.items() if pk not in mapped]
    if missing:
        errors.add(field, _("Chưa có kết quả cho: %(names)s.") % {"names": ", ".join(missing)})
    return mapped
