"""Bonus amounts (Decree 152/2025): a multiple of the base salary in force on the decision date, by award form
and nominee kind, rounded as the rounding setting in force on that date says. The multiples, the base salary
and the rounding are data with dates (the admin's "mức tiền thưởng", "mức lương cơ sở", "cách làm tròn")."""

import datetime
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .models import BaseSalary, BonusRate, BonusRounding

DEFAULT_FROM = datetime.date(2025, 7, 1)  # Decree 152/2025 in force
_ART_50 = "Nghị định 152/2025/NĐ-CP, Điều 50"
_SECONDARY = "theo nguồn thứ cấp (shared/domain.md); đối chiếu văn bản gốc"
_GIAY_KHEN = [
    ("", "0.30", f"{_ART_50}: Giấy khen 0,3 lần mức lương cơ sở (mức chung)"),
    ("individual", "0.30", f"{_ART_50}: Giấy khen, cá nhân 0,3 lần mức lương cơ sở"),
    ("collective", "0.60", f"{_ART_50}: Giấy khen, tập thể 0,6 lần (gấp đôi cá nhân), {_SECONDARY}"),
    ("enterprise", "0.60", f"{_ART_50}: doanh nghiệp, hợp tác xã được khen là tập thể: như tập thể (0,6)"),
    (
        "household",
        "0.45",
        f"{_ART_50}: Giấy khen, hộ gia đình 1,5 lần mức của cá nhân (1,5 × 0,3 = 0,45), {_SECONDARY}",
    ),
]
_DISTRICT_NOTE = "; như Giấy khen của Chủ tịch UBND xã, cho các đợt theo quy trình ba cấp (không còn cấp huyện từ 01/07/2025)"
# (award form code, nominee kind or "" for every kind, multiple, source): seeded from DEFAULT_FROM.
DEFAULT_RATES = [
    *[("giay_khen_xa", kind, multiple, source) for kind, multiple, source in _GIAY_KHEN],
    *[("giay_khen_huyen", kind, multiple, source + _DISTRICT_NOTE) for kind, multiple, source in _GIAY_KHEN],
    (
        "bang_khen_tinh",
        "",
        "1.50",
        "Nghị định 152/2025/NĐ-CP, Điều 54: Bằng khen của Chủ tịch UBND tỉnh 1,5 lần",
    ),
    (
        "bang_khen_ttg",
        "",
        "3.50",
        "Nghị định 152/2025/NĐ-CP, Điều 54: Bằng khen của Thủ tướng Chính phủ 3,5 lần",
    ),
    ("lao_dong_tien_tien", "", "0.30", f"{_ART_50}: Lao động tiên tiến 0,3 lần mức lương cơ sở"),
    ("chien_si_thi_dua_co_so", "", "1.00", f"{_ART_50}: Chiến sĩ thi đua cơ sở 1,0 lần mức lương cơ sở"),
    (
        "tap_the_lao_dong_tien_tien",
        "",
        "0.80",
        f"{_ART_50}: Tập thể lao động tiên tiến 0,8 lần mức lương cơ sở",
    ),
    ("thon_van_hoa", "", "1.50", f"{_ART_50}: thôn, tổ dân phố văn hóa 1,5 lần mức lương cơ sở"),
]
# (from, amount in đồng per month): Decree 24/2023, Decree 73/2024, Decree 161/2026.
DEFAULT_SALARIES = [
    (datetime.date(2023, 7, 1), 1_800_000),
    (datetime.date(2024, 7, 1), 2_340_000),
    (datetime.date(2026, 7, 1), 2_530_000),
]
# The decree's own words: "Tiền thưởng sau khi nhân với hệ số mức lương cơ sở được làm tròn số lên hàng chục
# nghìn đồng". The earlier decrees read the same, so it is also the rule before the first row of the table.
DEFAULT_ROUNDING = BonusRounding.Mode.UP_10000
DEFAULT_ROUNDING_SOURCE = (
    "Nghị định 152/2025/NĐ-CP, Điều 49 khoản 2: tiền thưởng sau khi nhân với hệ số mức lương cơ sở được làm "
    "tròn số lên hàng chục nghìn đồng (0,3 × 2.340.000 = 702.000 → 710.000 đ). Một số nguồn thứ cấp ghi số "
    "chưa làm tròn (702.000 đ): đổi thành “Không làm tròn” từ một ngày nếu địa phương áp dụng như vậy."
)
STEP = 10_000


def ensure_default_rates(forms) -> None:
    """The bonus data the demo needs: the multiples of ``forms`` known to the table, the base salaries and
    the rounding. Adds only what is missing: an administrator's figures are never overwritten."""
    codes = {form.code: form for form in forms}
    for code, kind, multiplier, source in DEFAULT_RATES:
        if code in codes:
            BonusRate.objects.get_or_create(
                award_form=codes[code],
                nominee_kind=kind,
                valid_from=DEFAULT_FROM,
                defaults={"multiplier": Decimal(multiplier), "source": source},
            )
    for valid_from, amount in DEFAULT_SALARIES:
        BaseSalary.objects.get_or_create(valid_from=valid_from, defaults={"amount": amount})
    BonusRounding.objects.get_or_create(
        valid_from=DEFAULT_FROM, defaults={"mode": DEFAULT_ROUNDING, "source": DEFAULT_ROUNDING_SOURCE}
    )


def rounded(amount: Decimal, mode: str) -> int:
    if mode == BonusRounding.Mode.NONE:
        return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return math.ceil(amount / STEP) * STEP


@dataclass(frozen=True)
class BonusTable:
    """What the bonuses of one day are computed from, read in three queries however many awardees."""

    salary: int | None
    rounding: str
    rates: dict  # (award form id, nominee kind or "") → multiple

    @classmethod
    def on(cls, day, award_form_ids) -> "BonusTable":
        salary = BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
        rounding = BonusRounding.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
        rates = BonusRate.objects.filter(award_form_id__in=set(award_form_ids), valid_from__lte=day)
        # Oldest first, so that the rate in force (the latest before the day) is the one kept.
        rows = rates.order_by("valid_from").values_list("award_form_id", "nominee_kind", "multiplier")
        latest = {(form_id, kind): multiple for form_id, kind, multiple in rows}
        return cls(
            salary=salary.amount if salary else None,
            rounding=rounding.mode if rounding else DEFAULT_ROUNDING,
            rates=latest,
        )

    def amount(self, award_form_id, nominee_kind) -> int | None:
        """A kind's own multiple wins over the form's general one; None if the data do not say."""
        multiple = self.rates.get((award_form_id, nominee_kind), self.rates.get((award_form_id, "")))
        if self.salary is None or multiple is None:
            return None
        return rounded(self.salary * multiple, self.rounding)


def bonus_amount(nomination, day) -> int | None:
    """The bonus in đồng for a nomination awarded on ``day``; None if the data do not say."""
    table = BonusTable.on(day, [nomination.award_form_id])
    return table.amount(nomination.award_form_id, nomination.nominee_kind)


def bonus_amounts(nominations, day) -> dict:
    """Each nomination's bonus (by pk) for a decision dated ``day``, with one table for all of them."""
    nominations = list(nominations)
    table = BonusTable.on(day, [n.award_form_id for n in nominations])
    return {n.pk: table.amount(n.award_form_id, n.nominee_kind) for n in nominations}
