"""Bonus amounts (Decree 152/2025, Art. 54): a multiple of the base salary in force on the decision date,
rounded up to the next 10,000 đồng. Both the multiples and the base salary are data with dates."""

import datetime
import math
from decimal import Decimal

from .models import BaseSalary, BonusRate

DEFAULT_RATES = {
    "giay_khen_xa": "0.30",
    "giay_khen_huyen": "0.30",
    "bang_khen_tinh": "1.50",
    "bang_khen_ttg": "3.50",
}
DEFAULT_FROM = datetime.date(2025, 7, 1)


def ensure_default_rates(forms) -> None:
    for form in forms:
        if form.code in DEFAULT_RATES:
            BonusRate.objects.get_or_create(
                award_form=form,
                nominee_kind="",
                valid_from=DEFAULT_FROM,
                defaults={"multiplier": Decimal(DEFAULT_RATES[form.code])},
            )


def bonus_amount(nomination, day) -> int | None:
    """The bonus in đồng for a nomination awarded on ``day``; None if the data do not say."""
    salary = BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    rates = BonusRate.objects.filter(award_form_id=nomination.award_form_id, valid_from__lte=day)
    rate = (
        rates.filter(nominee_kind=nomination.nominee_kind).order_by("-valid_from").first()
        or rates.filter(nominee_kind="").order_by("-valid_from").first()
    )
    if salary is None or rate is None:
        return None
    return math.ceil(salary.amount * rate.multiplier / 10_000) * 10_000
