"""The appraisal checklists and the award forms with their deciding level are data per movement period, kept
in the admin (issue 16, item 4)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from dossiers.criteria import CRITERIA, checklist, checklists, criteria_keys, reason_problem, unmet
from dossiers.errors import ServiceRefusal
from dossiers.models import AwardForm, BonusRate, Criterion, Movement, Round

from . import builders as b
from .pages import browser
from .test_admin import admin_browser
from .test_documents import docx_text

NEXT_MOVEMENT = {"name": "Vì người nghèo 2026–2030", "start_year": 2026, "end_year": 2030}


def plans(kind):
    return [(key, str(label)) for key, label in CRITERIA[kind]]


# The checklists


def test_the_checklists_are_seeded_from_the_movements_plans(db):
    assert {kind: list(items) for kind, items in checklists().items()} == {
        kind: plans(kind) for kind in CRITERIA
    }
    assert not Criterion.objects.exclude(movement=None).exists()


def test_a_seeded_label_reads_in_the_users_language_as_before(db):
    with translation.override("en"):
        assert checklist("household")[0]["label"] == "Registered voluntarily to exit poverty"
        assert checklists().labels()["voluntary_exit"] == str(CRITERIA["household"][0][1])


def test_a_label_edited_in_the_admin_is_what_the_appraiser_reads(demo):
    row = Criterion.objects.get(nominee_kind="household", key="voluntary_exit")
    response = admin_browser().post(
        f"/admin/dossiers/criterion/{row.pk}/change/",
        {
            "movement": "",
            "nominee_kind": "household",
            "key": "voluntary_exit",
            "label": "Tự nguyện đăng ký và thoát nghèo trong năm",
            "position": row.position,
        },
    )
    assert response.status_code == 302
    assert checklist("household")[0] == {
        "code": "voluntary_exit",
        "label": "Tự nguyện đăng ký và thoát nghèo trong năm",
        "met": None,
    }


def test_a_criterion_added_in_the_admin_is_required_by_the_appraisal(demo):
    Criterion.objects.create(nominee_kind="household", key="clean_water", label="Có nước sạch", position=9)
    assert criteria_keys("household")[-1] == "clean_water"
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_appraisal(dossier)
    marks = {key: True for key, _label in CRITERIA["household"]}  # the plans' list, without the new item
    verdicts = [{"nomination": n.pk, "eligible": True, "criteria": marks} for n in dossier.nominations.all()]
    with pytest.raises(ServiceRefusal) as refusal:
        b.fire("huyen.noivu", dossier, "appraise", verdicts=verdicts)
    assert "clean_water" in str(refusal.value.errors)
    b.fire("huyen.noivu", dossier, "appraise", **b.appraise_payload(dossier))  # with every item: recorded


def test_a_movements_own_checklist_replaces_the_general_one_for_its_kind_only(db):
    movement = Movement.objects.create(**NEXT_MOVEMENT)
    Criterion.objects.create(
        movement=movement, nominee_kind="household", key="new_model", label="Mô hình mới"
    )
    assert criteria_keys("household", movement) == ["new_model"]
    assert criteria_keys("household", movement.pk) == ["new_model"]
    assert criteria_keys("individual", movement) == [key for key, _label in plans("individual")]
    assert criteria_keys("household") == [key for key, _label in plans("household")]  # other movements


def test_unmet_and_the_reason_rule_read_the_movements_checklist(db):
    movement = Movement.objects.create(**NEXT_MOVEMENT)
    Criterion.objects.create(
        movement=movement, nominee_kind="household", key="new_model", label="Mô hình mới"
    )
    all_of_the_plans = {key: True for key, _label in plans("household")}
    assert unmet("household", all_of_the_plans) == []
    assert unmet("household", all_of_the_plans, movement) == ["Mô hình mới"]
    problem = reason_problem(
        name="Hộ A",
        nominee_kind="household",
        eligible=True,
        marks=all_of_the_plans,
        reason="",
        movement=movement,
    )
    assert problem and "Mô hình mới" in problem


def test_a_key_appears_once_in_a_checklist(db):
    twin = Criterion(nominee_kind="household", key="voluntary_exit", label="Trùng mã")
    with pytest.raises(ValidationError):
        twin.full_clean()
    movement = Movement.objects.create(**NEXT_MOVEMENT)
    Criterion(movement=movement, nominee_kind="household", key="voluntary_exit", label="Riêng").full_clean()


def test_the_checklists_of_a_movement_are_read_in_one_query(db, django_assert_num_queries):
    movement = Movement.objects.create(**NEXT_MOVEMENT)
    with django_assert_num_queries(1):
        lists = checklists(movement)
        assert lists.keys_of("household") and lists.unmet("individual", {}) and lists.labels()


def test_the_appraisal_report_names_the_criteria_as_the_checklist_has_them(demo):
    Criterion.objects.filter(key="voluntary_exit").update(label="Đăng ký thoát nghèo (đã sửa)")
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_district_decision(dossier)
    word = docx_text(
        browser("huyen.noivu").get(f"/dossiers/{dossier.pk}/drafts/bao-cao-tham-dinh.docx").content
    )
    assert "đạt: Đăng ký thoát nghèo (đã sửa)" in word


# The award forms by period


def test_the_titles_the_commune_chair_grants_since_the_reform_are_seeded(db):
    titles = AwardForm.objects.filter(valid_from=datetime.date(2025, 7, 1))
    assert dict(titles.values_list("code", "authority_level")) == {
        "lao_dong_tien_tien": "commune",
        "chien_si_thi_dua_co_so": "commune",
        "tap_the_lao_dong_tien_tien": "commune",
        "thon_van_hoa": "commune",
        "gia_dinh_van_hoa": "commune",
    }
    rated = set(BonusRate.objects.filter(award_form__in=titles).values_list("award_form__code", flat=True))
    assert rated == {
        "lao_dong_tien_tien",
        "chien_si_thi_dua_co_so",
        "tap_the_lao_dong_tien_tien",
        "thon_van_hoa",
    }


def _round(route, deadline):
    movement = Movement.objects.get()
    return Round(
        movement=movement, name="x", kind="annual", year=deadline.year, deadline=deadline, route=route
    )


def test_a_round_offers_the_forms_in_force_on_its_deadline_and_no_district_form_on_two_tiers(demo):
    two_tier = set(
        AwardForm.offered_in(_round("two_tier", datetime.date(2026, 9, 30))).values_list("code", flat=True)
    )
    assert "giay_khen_huyen" not in two_tier and {"giay_khen_xa", "chien_si_thi_dua_co_so"} <= two_tier
    three_tier = AwardForm.offered_in(_round("three_tier", datetime.date(2024, 9, 30))).values_list(
        "code", flat=True
    )
    assert "giay_khen_huyen" in three_tier and "chien_si_thi_dua_co_so" not in three_tier


def test_a_form_closed_in_the_admin_is_no_longer_offered(demo):
    form = AwardForm.objects.get(code="giay_khen_huyen")
    response = admin_browser().post(
        f"/admin/dossiers/awardform/{form.pk}/change/",
        {
            "code": form.code,
            "name": form.name,
            "authority_level": "district",
            "position": form.position,
            "valid_from": "",
            "valid_to": "2025-06-30",
        },
    )
    assert response.status_code == 302
    offered = AwardForm.offered_in(_round("three_tier", datetime.date(2025, 9, 30)))
    assert not offered.filter(code="giay_khen_huyen").exists()
    assert AwardForm.in_force(datetime.date(2025, 6, 30)).filter(code="giay_khen_huyen").exists()


# The admin


@pytest.mark.parametrize(
    ("page", "shows"),
    [
        ("/admin/dossiers/criterion/", "Tự nguyện đăng ký thoát nghèo"),
        ("/admin/dossiers/bonusrate/", "nguồn thứ cấp"),
        ("/admin/dossiers/bonusrounding/", "Làm tròn lên hàng chục nghìn đồng"),
        ("/admin/dossiers/legalbasis/", "129/2025/NĐ-CP"),
        ("/admin/dossiers/awardform/", "Chiến sĩ thi đua cơ sở"),
    ],
)
def test_the_law_by_date_is_kept_in_the_admin(demo, page, shows):
    response = admin_browser().get(page)
    assert response.status_code == 200 and shows in response.content.decode()


def test_a_multiples_source_is_edited_in_the_admin(demo):
    rate = BonusRate.objects.get(award_form__code="giay_khen_xa", nominee_kind="household")
    page = admin_browser().get(f"/admin/dossiers/bonusrate/{rate.pk}/change/").content.decode()
    assert 'name="source"' in page
    response = admin_browser().post(
        f"/admin/dossiers/bonusrate/{rate.pk}/change/",
        {
            "award_form": rate.award_form_id,
            "nominee_kind": "household",
            "multiplier": "0.45",
            "valid_from": "2025-07-01",
            "source": "Công văn của Sở Nội vụ",
        },
    )
    assert response.status_code == 302
    rate.refresh_from_db()
    assert rate.source == "Công văn của Sở Nội vụ"


@pytest.mark.parametrize("username", ["huyen.chutich", "xa.a.canbo"])
def test_officials_cannot_edit_the_law_in_the_admin(demo, username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    row = Criterion.objects.first()
    response = client.post(f"/admin/dossiers/criterion/{row.pk}/change/", {"label": "Sửa lén"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    row.refresh_from_db()
    assert row.label != "Sửa lén"
