"""How long a dossier's typed text may be: each limit defined once, stated on the form and in the API schema,
and refused everywhere with the same Vietnamese message naming the field and the limit (never cut).

The summary is the few lines that go into the lists, the council's minutes and the decision's annex; the full
account of a nominee's achievements is the attached report. 2,000 characters (about 300 Vietnamese words,
half a printed page) holds such a summary with room to spare, and is what one spreadsheet cell may hold in
an import (dossiers.services.importing), so a summary that imports also saves.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

TITLE_MAX = 300  # Dossier.title
NAME_MAX = 300  # Nomination.nominee_name
SUMMARY_MAX = 2_000  # Nomination.achievement_summary (a TextField: only this limit bounds it)

# One village's proposal in one round: a village has a few hundred households at most, and a page of this many
# nominations still opens quickly on a phone. Without a bound, a forged form of a million rows made the server
# build thousands of forms (tens of seconds) for one request.
NOMINATIONS_MAX = 200

LIMITS = {"title": TITLE_MAX, "nominee_name": NAME_MAX, "achievement_summary": SUMMARY_MAX}
LABELS = {
    "title": _lazy("Tiêu đề hồ sơ"),
    "nominee_name": _lazy("Tên người / tập thể được đề nghị"),
    "achievement_summary": _lazy("Tóm tắt thành tích"),
}


def _count(number: int) -> str:
    return number_format(number, force_grouping=True)


def limit_hint(field: str) -> str:
    """What the form and the API schema say about the field's limit."""
    return _("Tối đa %(limit)s ký tự.") % {"limit": _count(LIMITS[field])}


limit_hint_lazy = lazy(limit_hint, str)


def too_long(field: str, value) -> str | None:
    """The refusal of a value longer than the field's limit, or None if it fits."""
    length = len(value or "")
    if length <= LIMITS[field]:
        return None
    return _("%(field)s dài %(length)s ký tự, vượt giới hạn %(limit)s ký tự. Hãy rút gọn rồi lưu lại.") % {
        "field": LABELS[field],
        "length": _count(length),
        "limit": _count(LIMITS[field]),
    }


class TextLimit(MaxLengthValidator):
    """A validator for a form or serializer field, refusing with the same message as the drafting service.
    A MaxLengthValidator, so the API schema states the limit (maxLength)."""

    def __init__(self, field: str):
        super().__init__(LIMITS[field])
        self.field = field

    def __call__(self, value):
        message = too_long(self.field, value)
        if message:
            raise ValidationError(message, code="max_length")


def too_many_nominations(count: int) -> str | None:
    """The refusal for a dossier of more nominations than one may hold, or None."""
    if count <= NOMINATIONS_MAX:
        return None
    return _(
        "Một hồ sơ có tối đa %(limit)s đề nghị (đang có %(count)s); hãy chia thành nhiều hồ sơ."
    ) % {"limit": _count(NOMINATIONS_MAX), "count": _count(count)}
