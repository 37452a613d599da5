"""The appraisal checklists per nominee kind: data (the admin's "tiêu chí thẩm định"), per movement.

``CRITERIA`` is the checklist of the movement's plans (domain.md §3): migration 0014 seeded the table from it
as the general checklist (no movement), and its labels are the msgids that translate the seeded rows. What
an appraiser ticks is read from the table: ``checklists(movement)``, or the functions below."""

from collections.abc import Mapping

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Criterion
from .states import NomineeKind

CRITERIA = {
    NomineeKind.COLLECTIVE: [
        ("implements_policy", _("Triển khai hiệu quả chính sách giảm nghèo")),
        ("mobilises_resources", _("Huy động nguồn lực, vốn, kinh nghiệm giúp hộ nghèo")),
        (
            "living_conditions_improved",
            _("Đời sống người nghèo cải thiện rõ (thu nhập, y tế, giáo dục, nhà ở, nước sạch, thông tin)"),
        ),
        ("poverty_rate_target_met", _("Tỷ lệ hộ nghèo giảm đạt hoặc vượt chỉ tiêu")),
        ("funds_used_and_reported", _("Sử dụng kinh phí đúng mục đích, báo cáo đúng hạn")),
        ("models_replicated", _("Tuyên truyền, nhân rộng mô hình giảm nghèo hiệu quả")),
    ],
    NomineeKind.INDIVIDUAL: [
        ("close_to_grassroots", _("Sâu sát cơ sở")),
        ("policy_initiatives", _("Có sáng kiến trong tham mưu, xây dựng chính sách")),
        ("removes_obstacles", _("Kịp thời tháo gỡ khó khăn cho cơ sở")),
        ("tasks_excellent", _("Hoàn thành xuất sắc nhiệm vụ")),
    ],
    NomineeKind.HOUSEHOLD: [
        ("voluntary_exit", _("Tự nguyện đăng ký thoát nghèo")),
        ("income_initiatives", _("Có sáng kiến trong sản xuất, kinh doanh, tăng thu nhập")),
        ("stable_three_years_helps_others", _("Thoát nghèo bền vững từ 3 năm trở lên và giúp đỡ hộ khác")),
        ("loans_used_repaid", _("Sử dụng vốn vay đúng mục đích, trả lãi và gốc đúng hạn")),
        ("helps_poor_households", _("Giúp đỡ cụ thể hộ nghèo (việc làm, vốn, giống, kỹ thuật)")),
    ],
    NomineeKind.ENTERPRISE: [
        ("concrete_contributions", _("Có đóng góp cụ thể cho công tác giảm nghèo")),
        ("buys_from_poor", _("Liên kết sản xuất, bao tiêu sản phẩm cho người nghèo")),
        ("training_and_jobs", _("Đào tạo nghề, tạo việc làm cho người nghèo")),
        ("effective_credit", _("Cho vay hiệu quả đối với hộ nghèo, cận nghèo, mới thoát nghèo")),
    ],
}


# An eligible verdict whose checklist shows unmet criteria is a contradiction unless the appraiser says why,
# in a sentence rather than a word: this is what the chair and the appraisal report will read.
MIN_REASON_LENGTH = 20


class Checklists(Mapping):
    """nominee kind → [(key, label)] for one movement, read in one query: the movement's own items of a kind
    if it has any, else the general ones. A mapping like ``CRITERIA``, so ``.get(kind, [])`` reads alike."""

    def __init__(self, movement=None):
        movement_id = getattr(movement, "pk", movement)
        rows = Criterion.objects.filter(movement__isnull=True)
        if movement_id is not None:
            rows = Criterion.objects.filter(movement_id=movement_id) | rows
        general, own = {}, {}
        for row in rows.order_by("position", "pk"):
            items = own if row.movement_id is not None else general
            # gettext: a seeded label is a msgid of CRITERIA and reads in the user's language; an edited
            # one is printed as the administrator typed it.
            items.setdefault(row.nominee_kind, []).append((row.key, gettext(row.label)))
        self._items = general | own

    def __getitem__(self, kind):
        return self._items[kind]

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)

    def keys_of(self, nominee_kind: str) -> list[str]:
        return [key for key, _label in self.get(nominee_kind, [])]

    def checklist(self, nominee_kind: str, marks: dict | None = None) -> list[dict]:
        marks = marks or {}
        return [
            {"code": key, "label": str(label), "met": marks.get(key)}
            for key, label in self.get(nominee_kind, [])
        ]

    def unmet(self, nominee_kind: str, marks: dict) -> list[str]:
        return [str(label) for key, label in self.get(nominee_kind, []) if marks.get(key) is not True]

    def labels(self) -> dict:
        """key → label over every kind: what a stored mark's key stands for."""
        return {key: str(label) for items in self.values() for key, label in items}


def checklists(movement=None) -> Checklists:
    """The checklists of ``movement`` (a Movement or its pk; None: the general ones)."""
    return Checklists(movement)


def criteria_keys(nominee_kind: str, movement=None) -> list[str]:
    return checklists(movement).keys_of(nominee_kind)


def checklist(nominee_kind: str, marks: dict | None = None, movement=None) -> list[dict]:
    """The items of a kind's checklist in order, each with its mark (None while not appraised)."""
    return checklists(movement).checklist(nominee_kind, marks)


def unmet(nominee_kind: str, marks: dict, movement=None) -> list[str]:
    return checklists(movement).unmet(nominee_kind, marks)


def reason_problem(
    *, name: str, nominee_kind: str, eligible: bool, marks: dict, reason: str, movement=None
) -> str | None:
    """What keeps this verdict from being recorded, or None: eligible with unmet criteria needs a reason."""
    missing = unmet(nominee_kind, marks, movement) if eligible else []
    length = len(reason.strip())
    if not missing or length >= MIN_REASON_LENGTH:
        return None
    values = {"name": name, "count": len(missing), "criteria": "; ".join(missing), "min": MIN_REASON_LENGTH}
    if not length:
        return gettext(
            "“%(name)s” được chọn đủ điều kiện nhưng chưa đạt %(count)d tiêu chí: %(criteria)s. Hãy đánh dấu "
            "các tiêu chí đã đạt, hoặc ghi lý do vẫn đủ điều kiện (ít nhất %(min)d ký tự), hoặc bỏ chọn "
            "“Đủ điều kiện”."
        ) % values
    return gettext(
        "Lý do đủ điều kiện của “%(name)s” quá ngắn: cần ít nhất %(min)d ký tự, nói rõ vì sao vẫn đủ điều "
        "kiện dù chưa đạt %(count)d tiêu chí (%(criteria)s)."
    ) % values
