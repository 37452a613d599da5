"""The law by date (issue 16, item 4): each decision cites the legal bases in force on its date and for its
decider, and pays bonuses from the base salary, the multiple of its form and nominee kind, and the rounding
in force on that date."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

from dossiers.bonus import BonusTable, bonus_amount, bonus_amounts, rounded
from dossiers.models import (
    AwardForm,
    BaseSalary,
    BonusRate,
    BonusRounding,
    Decision,
    Dossier,
    LegalBasis,
    Nomination,
)
from dossiers.printing.decision import decision_pdf
from permissions.models import Unit

from . import builders as b
from .api import Official
from .test_admin import admin_browser
from .test_documents import pdf_text

LAST_DAY_BEFORE_RAISE = datetime.date(2026, 6, 30)
RAISE = datetime.date(2026, 7, 1)  # base salary 2,530,000 đ (Decree 161/2026)


def decided(day, number, *, form="giay_khen_huyen"):
    """A dossier of one household taken through the real services to a decision dated ``day``."""
    dossier = b.new_dossier(award_forms=(form,))
    if form == "giay_khen_xa":
        b.to_commune_decision(dossier)
        b.fire("xa.a.chutich", dossier, "approve", **b.decision_payload(number, when=day))
    else:
        b.to_district_decision(dossier)
        b.fire("huyen.chutich", dossier, "approve", **b.decision_payload(number, when=day))
    return Decision.objects.get(number=number, date=day)


def printed(decision) -> str:
    return pdf_text(decision_pdf(decision))[1]


def nominee(form_code, kind):
    return Nomination(pk=0, award_form=AwardForm.objects.get(code=form_code), nominee_kind=kind)


# The base salary by date


def test_a_decision_of_30_june_2026_and_one_of_1_july_2026_pay_different_bonuses(demo):
    before, after = decided(LAST_DAY_BEFORE_RAISE, "7/QĐ-UBND"), decided(RAISE, "8/QĐ-UBND")
    # A household's Giấy khen: 0.45 × 2,340,000 = 1,053,000, then 0.45 × 2,530,000 = 1,138,500, rounded up.
    assert [bonus_amount(d.awarded_nominations.get(), d.date) for d in (before, after)] == [
        1_060_000,
        1_140_000,
    ]
    assert "1.060.000" in printed(before) and "1.140.000" not in printed(before)
    assert "1.140.000" in printed(after)


def test_the_base_salaries_are_seeded_with_their_dates(db):
    assert dict(BaseSalary.objects.values_list("valid_from", "amount")) == {
        datetime.date(2023, 7, 1): 1_800_000,
        datetime.date(2024, 7, 1): 2_340_000,
        datetime.date(2026, 7, 1): 2_530_000,
    }


def test_a_base_salary_added_in_the_admin_applies_from_its_date(demo):
    response = admin_browser().post(
        "/admin/dossiers/basesalary/add/", {"amount": "2700000", "valid_from": "2027-01-01"}
    )
    assert response.status_code == 302
    table = BonusTable.on(datetime.date(2027, 1, 1), [])
    assert table.salary == 2_700_000 and BonusTable.on(datetime.date(2026, 12, 31), []).salary == 2_530_000


# The rounding, a dated setting


@pytest.mark.parametrize(
    ("amount", "mode", "expected"),
    [
        ("702000.00", "up_10000", 710_000),  # 0.3 × 2,340,000: Decree 152/2025 Art. 49(2) read literally
        ("702000.00", "none", 702_000),  # as some secondary sources print it
        ("710000.00", "up_10000", 710_000),  # already a multiple: unchanged
        ("1138500.00", "up_10000", 1_140_000),
        ("1138500.50", "none", 1_138_501),  # to the đồng, half up
    ],
)
def test_a_bonus_is_rounded_as_its_mode_says(amount, mode, expected):
    assert rounded(Decimal(amount), mode) == expected


def test_rounding_up_to_tens_of_thousands_is_seeded_from_1_july_2025(db):
    rounding = BonusRounding.objects.get()
    assert (rounding.valid_from, rounding.mode) == (datetime.date(2025, 7, 1), "up_10000")
    assert "Điều 49" in rounding.source


def test_a_province_that_pays_the_exact_product_sets_it_from_a_date(demo):
    BonusRounding.objects.create(valid_from=datetime.date(2026, 1, 1), mode="none", source="Sở Tài chính")
    household = nominee("giay_khen_xa", "household")
    individual = nominee("giay_khen_xa", "individual")
    assert bonus_amount(individual, datetime.date(2025, 12, 31)) == 710_000
    assert bonus_amount(individual, datetime.date(2026, 1, 1)) == 702_000
    assert bonus_amount(household, datetime.date(2026, 3, 1)) == 1_053_000


def test_without_any_rounding_row_a_bonus_is_rounded_up(demo):
    BonusRounding.objects.all().delete()
    assert bonus_amount(nominee("giay_khen_xa", "individual"), datetime.date(2025, 8, 1)) == 710_000


def test_the_decisions_annex_prints_the_rounding_in_force_on_its_date(demo):
    decision = decided(datetime.date(2026, 3, 2), "9/QĐ-UBND")
    BonusRounding.objects.create(valid_from=datetime.date(2026, 1, 1), mode="none")
    assert "1.053.000" in printed(decision)


# The multiples per award form and nominee kind


@pytest.mark.parametrize("form", ["giay_khen_xa", "giay_khen_huyen"])
@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("individual", 710_000),  # 0.3 × 2,340,000 = 702,000
        ("collective", 1_410_000),  # 0.6 × = 1,404,000
        ("enterprise", 1_410_000),  # a collective
        ("household", 1_060_000),  # 1.5 × the individual's 0.3 = 0.45 × = 1,053,000
    ],
)
def test_each_nominee_kind_gets_its_own_giay_khen_multiple(demo, form, kind, expected):
    assert bonus_amount(nominee(form, kind), datetime.date(2025, 8, 1)) == expected


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("lao_dong_tien_tien", 710_000),  # 0.3
        ("chien_si_thi_dua_co_so", 2_340_000),  # 1.0
        ("tap_the_lao_dong_tien_tien", 1_880_000),  # 0.8 × 2,340,000 = 1,872,000
        ("thon_van_hoa", 3_510_000),  # 1.5
        ("bang_khen_tinh", 3_510_000),  # 1.5
        ("bang_khen_ttg", 8_190_000),  # 3.5
    ],
)
def test_the_titles_and_higher_awards_have_their_multiples(demo, form, expected):
    assert bonus_amount(nominee(form, "individual"), datetime.date(2025, 8, 1)) == expected


def test_a_kind_without_its_own_multiple_takes_the_forms_general_one(demo):
    BonusRate.objects.filter(award_form__code="giay_khen_xa", nominee_kind="household").delete()
    assert bonus_amount(nominee("giay_khen_xa", "household"), datetime.date(2025, 8, 1)) == 710_000


def test_a_later_multiple_replaces_an_earlier_one_from_its_date(demo):
    form = AwardForm.objects.get(code="giay_khen_xa")
    BonusRate.objects.create(
        award_form=form, nominee_kind="household", multiplier="0.50", valid_from=datetime.date(2026, 1, 1)
    )
    household = nominee("giay_khen_xa", "household")
    assert bonus_amount(household, datetime.date(2025, 12, 31)) == 1_060_000
    assert bonus_amount(household, datetime.date(2026, 1, 1)) == 1_170_000


def test_there_is_no_amount_before_the_first_multiple(demo):
    assert bonus_amount(nominee("giay_khen_xa", "individual"), datetime.date(2025, 6, 30)) is None


def test_every_seeded_multiple_says_where_it_comes_from(demo):
    assert BonusRate.objects.count() >= 16
    assert not BonusRate.objects.filter(source="").exists()
    household = BonusRate.objects.get(award_form__code="giay_khen_huyen", nominee_kind="household")
    assert household.multiplier == Decimal("0.45") and "nguồn thứ cấp" in household.source


def test_seeding_again_keeps_the_administrators_figures(demo):
    BonusRate.objects.filter(award_form__code="giay_khen_xa", nominee_kind="collective").update(
        multiplier="0.70"
    )
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert BonusRate.objects.get(
        award_form__code="giay_khen_xa", nominee_kind="collective"
    ).multiplier == Decimal("0.70")


def test_the_migration_adds_per_kind_multiples_to_forms_that_already_exist(demo):
    BonusRate.objects.all().delete()
    migration = importlib.import_module("dossiers.migrations.0014_law_by_date_data")
    migration.award_forms_and_rates(django_apps)
    rates = BonusRate.objects.filter(award_form__code="giay_khen_xa")
    assert dict(rates.values_list("nominee_kind", "multiplier")) == {
        "": Decimal("0.30"),
        "individual": Decimal("0.30"),
        "collective": Decimal("0.60"),
        "enterprise": Decimal("0.60"),
        "household": Decimal("0.45"),
    }
    assert all(rate.source for rate in rates)


def test_the_annex_reads_its_bonus_table_once_however_many_awardees(demo, django_assert_num_queries):
    nominations = [
        nominee(code, kind)
        for code in ("giay_khen_xa", "bang_khen_tinh")
        for kind in ("household", "individual")
    ]
    for pk, nomination in enumerate(nominations, 1):
        nomination.pk = pk
    with django_assert_num_queries(3):
        amounts = bonus_amounts(nominations, datetime.date(2025, 8, 1))
    assert amounts == {1: 1_060_000, 2: 710_000, 3: 3_510_000, 4: 3_510_000}


# The legal bases by date and by decider


def test_a_decision_dated_2024_cites_the_2015_law_and_decree_98(demo):
    text = printed(decided(datetime.date(2024, 12, 20), "10/QĐ-UBND"))
    assert "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015" in text
    assert "98/2023/NĐ-CP" in text and "Luật Thi đua, khen thưởng" in text
    assert "năm 2025" not in text.split("QUYẾT ĐỊNH:")[0].split("CHỦ TỊCH ỦY BAN")[1]
    assert "152/2025" not in text and "129/2025" not in text


def test_a_decision_dated_2026_cites_the_2025_law_and_not_the_2015_one(demo):
    text = printed(decided(datetime.date(2026, 2, 10), "11/QĐ-UBND"))
    assert "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025" in text
    assert "năm 2015" not in text and "98/2023" not in text
    assert "152/2025/NĐ-CP" in text
    assert "129/2025" not in text  # the commune chair's decree: not a district decision's basis


def test_a_commune_chairs_decision_since_the_reform_cites_the_decree_that_gives_the_authority(demo):
    text = printed(decided(datetime.date(2026, 2, 10), "12/QĐ-UBND", form="giay_khen_xa"))
    assert "Nghị định số 129/2025/NĐ-CP" in text and "ngày 16 tháng 6 năm 2025" in text
    before = printed(decided(datetime.date(2025, 6, 30), "13/QĐ-UBND", form="giay_khen_xa"))
    assert "129/2025" not in before and "năm 2015" in before and "98/2023" in before


def test_the_pdf_a_reader_downloads_cites_the_law_of_the_decisions_date(demo):
    decision = decided(datetime.date(2024, 12, 20), "14/QĐ-UBND")
    _, text = pdf_text(Official("huyen.thanhtra").get(f"/api/decisions/{decision.pk}/pdf/").content)
    assert "năm 2015" in text and "ngày 16 tháng 6 năm 2025" not in text


def test_legal_bases_in_force_by_day_and_level(db):
    def cited(day, level=""):
        return " | ".join(basis.text for basis in LegalBasis.in_force(day, level))

    assert "năm 2015" in cited(datetime.date(2025, 6, 30)) and "16 tháng 6 năm 2025" not in cited(
        datetime.date(2025, 6, 30)
    )
    assert "16 tháng 6 năm 2025" in cited(RAISE) and "năm 2015" not in cited(RAISE)
    assert "129/2025" in cited(RAISE, "commune")
    assert "129/2025" not in cited(RAISE, "province") and "129/2025" not in cited(RAISE)
    assert "129/2025" not in cited(datetime.date(2025, 6, 30), "commune")


def test_the_decree_152_line_notes_its_term(db):
    assert "01/03/2027" in LegalBasis.objects.get(text__contains="152/2025").note


# Who proposed it, by level and route


def test_a_district_decision_is_proposed_by_the_home_affairs_office(demo):
    text = printed(decided(datetime.date(2026, 2, 10), "15/QĐ-UBND"))
    assert "Xét đề nghị của Trưởng phòng Nội vụ." in text


def test_a_two_tier_commune_decision_is_proposed_by_the_culture_and_society_office(demo):
    decision = decided(datetime.date(2026, 2, 10), "16/QĐ-UBND", form="giay_khen_xa")
    assert "Xét đề nghị của Hội đồng Thi đua - Khen thưởng xã." in printed(decision)
    Dossier.objects.filter(pk=decision.awarded_nominations.get().dossier_id).update(route="two_tier")
    text = printed(decision)
    assert "Xét đề nghị của Trưởng phòng Văn hóa - Xã hội." in text
    assert "Chánh Văn phòng, Trưởng phòng Văn hóa - Xã hội," in text and "Trưởng phòng Nội vụ" not in text


def test_a_province_chairs_decision_is_proposed_by_its_home_affairs_department(demo):
    decision = decided(datetime.date(2026, 2, 10), "17/QĐ-UBND")
    Decision.objects.filter(pk=decision.pk).update(issuer=Unit.objects.get(code="GL"))
    decision.refresh_from_db()
    text = printed(decision)
    assert "Xét đề nghị của Giám đốc Sở Nội vụ." in text and "Chánh Văn phòng, Giám đốc Sở Nội vụ," in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH GIA LAI" in text and "129/2025" not in text
