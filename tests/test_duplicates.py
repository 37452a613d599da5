"""Duplicate and re-award checks (issue 18 §2): a person or household proposed twice in one round anywhere in
the province, or proposed again for a form no higher than one received for the movement within the years
configured, is flagged on the dossier; the appraiser keeps or withdraws the nominee with a reason."""

import datetime
import unicodedata

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from dossiers.duplicates import DUPLICATE, REAWARD, flags_of
from dossiers.errors import InvalidInput
from dossiers.models import AuditEvent, AwardForm, Decision, Dossier, FlagDecision, Nomination, Round
from dossiers.printing.drafts import appraisal_report
from permissions.models import Unit

from . import builders as b
from .api import Official
from .pages import browser, text

NAME = "Hộ ông Nguyễn Văn Đức"
CCCD = "064085001234"  # Gia Lai (064), a man born in 1985 (0, 85)
REASON = "Hai thôn khác nhau đề nghị cùng một hộ; giữ ở thôn nơi hộ cư trú"


def propose(name=NAME, *, head="truongthon.a1", village="GL-MY-DD-01", form="giay_khen_huyen", **identity):
    """A dossier of one household, with its report attached (ready to submit)."""
    (user,) = b.users(head)
    nomination = {
        "nominee_kind": "household",
        "nominee_name": name,
        "award_form": AwardForm.objects.get(code=form),
    }
    dossier = b.dossier_open(
        user=user,
        round=Round.objects.get(name="Tổng kết 2021–2025"),
        village=Unit.objects.get(code=village),
        title="Đề nghị khen thưởng tổng kết phong trào",
        nominations=[{**nomination, "achievement_summary": "Thoát nghèo bền vững", **identity}],
    )
    for n in dossier.nominations.all():
        b.document_upload(
            user=user,
            dossier_id=dossier.pk,
            kind="bao_cao_thanh_tich",
            upload=b.pdf_upload(),
            nomination_id=n.pk,
        )
    return dossier


def in_other_commune(name=NAME, **identity):
    return propose(name, head="truongthon.b1", village="GL-MY-LP-01", **identity)


def kinds(dossier):
    return sorted(flag.kind for flag in flags_of(dossier))


# --- matching on Vietnamese names ---------------------------------------------------------------------------

VARIANTS = [
    "Hộ ông Nguyễn Văn Đức",  # as typed
    "Ho ong Nguyen Van Duc",  # without diacritics
    "Hộ ông Nguyễn Văn Dức",  # Đ typed as D
    "HỘ ÔNG NGUYỄN VĂN ĐỨC",  # capitals
    unicodedata.normalize("NFD", "Hộ ông Nguyễn Văn Đức"),  # decomposed (a Mac keyboard, some PDFs)
    "  Hộ  ông Nguyễn   Văn Đức ",  # extra spaces
]


@pytest.mark.parametrize("variant", VARIANTS)
def test_it_flags_the_same_household_however_its_name_is_written(demo, variant):
    first = propose(birth_year=1985)
    second = in_other_commune(variant, birth_year=1985)
    assert kinds(first) == [DUPLICATE] and kinds(second) == [DUPLICATE]
    (flag,) = flags_of(first)
    assert flag.other.dossier == second


def test_a_composed_and_a_decomposed_name_match(demo):
    propose(unicodedata.normalize("NFC", NAME), birth_year=1985)
    second = in_other_commune(unicodedata.normalize("NFD", NAME), birth_year=1985)
    assert kinds(second) == [DUPLICATE]


def test_another_name_is_not_flagged(demo):
    propose(birth_year=1985)
    assert kinds(in_other_commune("Hộ ông Nguyễn Văn Được", birth_year=1985)) == []


def test_a_namesake_born_another_year_is_not_flagged(demo):
    propose(birth_year=1985)
    assert kinds(in_other_commune(birth_year=1990)) == []


def test_without_a_year_of_birth_the_same_name_matches_only_in_the_same_village(demo):
    propose()
    assert kinds(in_other_commune()) == []
    assert kinds(propose("Ho ong Nguyen Van Duc")) == [DUPLICATE]  # the same village: flagged


def test_the_citizen_id_decides_where_both_have_one(demo):
    propose(birth_year=1985, citizen_id=CCCD)
    # Same ID under a name written otherwise (a nickname on the other list): the same person.
    assert kinds(in_other_commune("Hộ ông Nguyễn Đức", citizen_id=CCCD)) == [DUPLICATE]
    # Same name and year, another ID: two people.
    assert kinds(in_other_commune(birth_year=1985, citizen_id="064085009999")) == []


def test_a_nominee_in_another_province_is_not_flagged(demo, open_round):
    first = propose(birth_year=1985)
    province = Unit.objects.create(code="KT", name="Tỉnh Kon Tum", level="province")
    district = Unit.objects.create(code="KT-DH", name="Huyện Đăk Hà", level="district", parent=province)
    commune = Unit.objects.create(code="KT-DH-X", name="Xã Hà Mòn", level="commune", parent=district)
    village = Unit.objects.create(code="KT-DH-X-01", name="Thôn 1", level="village", parent=commune)
    elsewhere = Dossier.objects.create(
        round=open_round, village=village, commune=commune, district=district, province=province,
        route=open_round.route, title="Đề nghị", created_by=get_user_model().objects.get(username="admin"),
    )  # fmt: skip
    Nomination.objects.create(
        dossier=elsewhere, nominee_kind="household", nominee_name=NAME, birth_year=1985,
        award_form=AwardForm.objects.get(code="giay_khen_huyen"),
    )  # fmt: skip
    assert kinds(first) == [] and kinds(elsewhere) == []


def test_a_withdrawn_dossier_no_longer_flags(demo):
    first = propose(birth_year=1985)
    second = in_other_commune(birth_year=1985)
    b.fire("truongthon.b1", second, "withdraw", comment="Hộ đã được đề nghị ở thôn khác")
    assert kinds(first) == []


def test_the_flags_of_a_dossier_take_the_same_queries_however_many_nominees(demo):
    first = propose(birth_year=1985)
    in_other_commune(birth_year=1985)
    many = propose("Hộ bà Lê Thị Hoa", birth_year=1970)
    Nomination.objects.bulk_create(
        Nomination(dossier=many, nominee_kind="individual", nominee_name=f"Ông A {i}", nominee_key=f"ong a {i}",
                   award_form_id=first.nominations.first().award_form_id)
        for i in range(20)
    )  # fmt: skip
    for dossier in (Dossier.objects.get(pk=first.pk), Dossier.objects.get(pk=many.pk)):
        nominations = list(dossier.nominations.select_related("award_form"))
        with CaptureQueriesContext(connection) as queries:
            flags_of(dossier, nominations)
        assert len(queries) <= 3  # the round, the candidates, the decisions on flags found


# --- citizen ID -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "year"), [("06408500123", 1985), ("06408500123X", 1985), ("064090001234", 1985)]
)
def test_a_citizen_id_that_cannot_be_is_refused(demo, value, year):
    with pytest.raises(InvalidInput) as refused:
        propose(birth_year=year, citizen_id=value)
    assert "CCCD" in " ".join(refused.value.errors["nominations"])


def test_the_api_takes_and_shows_the_citizen_id_only_to_those_who_handle_the_dossier(demo):
    dossier = propose(birth_year=1985, citizen_id=CCCD)
    b.to_appraisal(dossier)
    for handler in ("truongthon.a1", "xa.a.canbo", "huyen.noivu"):
        (row,) = Official(handler).dossier(dossier.pk)["nominations"]
        assert row["citizen_id"] == CCCD and row["birth_year"] == 1985
    (row,) = Official("huyen.thanhtra").dossier(dossier.pk)["nominations"]  # reads, does not handle
    assert row["citizen_id"] == ""
    assert Official("huyen.thanhtra").dossier(dossier.pk)["flags"] is None
    assert Official("truongthon.b1").get(f"/api/dossiers/{dossier.pk}/").status_code == 404
    assert CCCD not in str(list(AuditEvent.objects.filter(dossier=dossier).values_list("changes", flat=True)))


def test_the_api_refuses_a_malformed_citizen_id_on_edit(demo):
    dossier = propose()
    (row,) = Official("truongthon.a1").dossier(dossier.pk)["nominations"]
    response = Official("truongthon.a1").client.patch(
        f"/api/dossiers/{dossier.pk}/",
        {"nominations": [{"id": row["id"], "nominee_kind": "household", "nominee_name": NAME,
                          "award_form": "giay_khen_huyen", "birth_year": 1985, "citizen_id": "123"}]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400, response.content
    assert Nomination.objects.get(pk=row["id"]).citizen_id == ""


# --- re-award ------------------------------------------------------------------------------------------------


def earlier_award(form="bang_khen_tinh", *, on=datetime.date(2023, 5, 10), number="07/QĐ-UBND", **identity):
    """A nominee awarded in an earlier round of the same movement (as a dossier decided years ago left it)."""
    current = Round.objects.get(name="Tổng kết 2021–2025")
    earlier = Round.objects.create(
        movement=current.movement, name=f"Hằng năm {on.year}", kind="annual", year=on.year,
        deadline=on, route=current.route,
    )  # fmt: skip
    dossier = propose(head="truongthon.b1", village="GL-MY-LP-01", form=form, **identity)
    Dossier.objects.filter(pk=dossier.pk).update(round=earlier)
    decision = Decision.objects.create(
        issuer=Unit.objects.get(code="GL"), number=number, year=on.year, date=on,
        recorded_by=get_user_model().objects.get(username="admin"),
    )  # fmt: skip
    dossier.nominations.update(outcome="awarded", decision=decision)
    return decision


def test_a_same_or_higher_award_within_the_period_is_flagged_with_its_decision(demo):
    earlier_award("bang_khen_tinh", birth_year=1985)
    dossier = in_other_commune(birth_year=1985)  # asks for a district's Giấy khen: lower than the Bằng khen
    (flag,) = flags_of(dossier)
    assert flag.kind == REAWARD
    assert "07/QĐ-UBND" in flag.message and "10/05/2023" in flag.message


def test_the_same_form_counts_as_a_reaward(demo):
    earlier_award("giay_khen_huyen", birth_year=1985)
    assert kinds(in_other_commune(birth_year=1985)) == [REAWARD]


def test_a_lower_earlier_award_is_not_flagged(demo):
    earlier_award("giay_khen_xa", birth_year=1985)
    assert kinds(in_other_commune(birth_year=1985)) == []


def test_an_award_older_than_the_years_configured_is_not_flagged(demo, settings):
    earlier_award("bang_khen_tinh", on=datetime.date(2022, 5, 10), birth_year=1985)
    settings.REAWARD_CHECK_YEARS = 2  # the round is of 2025: 2024 and 2025 count, 2022 does not
    assert kinds(in_other_commune(birth_year=1985)) == []
    settings.REAWARD_CHECK_YEARS = 4
    assert kinds(Dossier.objects.get(village__code="GL-MY-LP-01", round__year=2025)) == [REAWARD]


def test_by_default_an_award_before_the_movement_period_is_not_flagged(demo, settings):
    settings.REAWARD_CHECK_YEARS = None
    earlier_award("bang_khen_tinh", on=datetime.date(2019, 5, 10), birth_year=1985)
    assert kinds(in_other_commune(birth_year=1985)) == []


# --- the appraiser's decision on a flag ----------------------------------------------------------------------


def flagged_in_appraisal():
    dossier = propose(birth_year=1985)
    in_other_commune(birth_year=1985)
    b.to_appraisal(dossier)
    return dossier


def decide(username, dossier, verdict="kept", reason=REASON, flag=None):
    flag = flag or Official("huyen.noivu").dossier(dossier.pk)["flags"][0]["flag"]
    return Official(username).post(
        f"/api/dossiers/{dossier.pk}/flags/", {"flag": flag, "verdict": verdict, "reason": reason}
    )


def test_the_appraiser_keeps_a_flagged_nominee_with_a_reason_in_the_history_and_the_report(demo):
    dossier = flagged_in_appraisal()
    response = decide("huyen.noivu", dossier)
    assert response.status_code == 200, response.content
    (flag,) = response.json()["flags"]
    assert flag["decision"]["verdict"] == "kept" and flag["decision"]["reason"] == REASON
    event = AuditEvent.objects.get(dossier=dossier, action="flag_decision")
    assert event.comment == REASON and event.changes["verdict"] == [None, "kept"]
    history = text(browser("huyen.noivu").get(f"/dossiers/{dossier.pk}/history/"))
    assert "Quyết định về cảnh báo trùng hoặc khen lại" in history and escape(REASON) in history
    report = "\n".join(appraisal_report(Dossier.objects.get(pk=dossier.pk)).body)
    assert "Kiểm tra trùng đề nghị và khen thưởng lại:" in report
    assert f"ý kiến thẩm định: giữ đề nghị, lý do: {REASON}" in report
    # A second word replaces the first; the history keeps both.
    assert decide("huyen.noivu", dossier, verdict="withdrawn").status_code == 200
    assert FlagDecision.objects.get().verdict == "withdrawn"
    assert AuditEvent.objects.filter(dossier=dossier, action="flag_decision").count() == 2


def test_the_flag_does_not_block_the_appraisal(demo):
    dossier = flagged_in_appraisal()
    b.fire("huyen.noivu", dossier, "appraise", **b.appraise_payload(dossier))
    dossier.refresh_from_db()
    assert dossier.status == "awaiting_decision"


@pytest.mark.parametrize("username", ["xa.a.canbo", "huyen.chutich", "huyen.thanhtra", "truongthon.a1"])
def test_only_the_appraiser_records_a_decision_on_a_flag(demo, username):
    dossier = flagged_in_appraisal()
    assert decide(username, dossier).status_code == 403
    assert not FlagDecision.objects.exists()


def test_a_stranger_gets_404(demo):
    dossier = flagged_in_appraisal()
    assert decide("xa.b.canbo", dossier, flag="1:duplicate:1").status_code == 404


def test_no_decision_on_a_flag_outside_the_appraisal(demo):
    dossier = propose(birth_year=1985)
    in_other_commune(birth_year=1985)
    b.to_submitted(dossier)
    flag = Official("xa.a.canbo").dossier(dossier.pk)["flags"][0]["flag"]
    assert decide("xa.a.canbo", dossier, flag=flag).status_code == 409
    assert decide("truongthon.a1", dossier, flag=flag).status_code == 403


@pytest.mark.parametrize(
    ("verdict", "reason", "flag"),
    [("kept", "ngắn", None), ("maybe", REASON, None), ("kept", REASON, "9:duplicate:9")],
)
def test_a_decision_without_a_reason_a_verdict_or_a_real_flag_is_refused(demo, verdict, reason, flag):
    dossier = flagged_in_appraisal()
    assert decide("huyen.noivu", dossier, verdict=verdict, reason=reason, flag=flag).status_code == 400
    assert not FlagDecision.objects.exists()


# --- the dossier page ----------------------------------------------------------------------------------------


def test_the_page_shows_the_flag_to_both_communes_and_lets_the_appraiser_decide(demo):
    dossier = flagged_in_appraisal()
    other = Dossier.objects.get(village__code="GL-MY-LP-01")
    page = text(browser("xa.a.canbo").get(f"/dossiers/{dossier.pk}/"))
    assert (
        'data-testid="flag-duplicate"' in page
        and other.code in page
        and 'data-testid="flag-form"' not in page
    )
    b.fire("truongthon.b1", other, "submit")  # the other commune sees it once it is submitted to it
    assert dossier.code in text(browser("xa.b.canbo").get(f"/dossiers/{other.pk}/"))
    assert 'data-testid="flags"' not in text(browser("huyen.thanhtra").get(f"/dossiers/{dossier.pk}/"))
    appraiser = browser("huyen.noivu")
    page = text(appraiser.get(f"/dossiers/{dossier.pk}/"))
    assert 'data-testid="flag-form"' in page
    flag = f"{dossier.nominations.get().pk}:duplicate:{other.nominations.get().pk}"
    response = appraiser.post(
        f"/dossiers/{dossier.pk}/flags/", {"flag": flag, "verdict": "withdrawn", "reason": REASON}
    )
    assert response.status_code == 302
    page = text(appraiser.get(f"/dossiers/{dossier.pk}/"))
    assert "Rút đề nghị" in page and escape(REASON) in page
    refused = browser("xa.a.canbo").post(
        f"/dossiers/{dossier.pk}/flags/", {"flag": flag, "verdict": "kept", "reason": REASON}
    )
    assert refused.status_code == 403


def test_the_page_shows_the_citizen_id_to_a_handler_only(demo):
    dossier = propose(birth_year=1985, citizen_id=CCCD)
    b.to_appraisal(dossier)
    assert CCCD in text(browser("huyen.noivu").get(f"/dossiers/{dossier.pk}/"))
    assert CCCD not in text(browser("huyen.thanhtra").get(f"/dossiers/{dossier.pk}/"))


def test_a_name_edited_to_the_same_nominee_is_flagged(demo):
    propose(birth_year=1985)
    second = in_other_commune("Hộ bà Lê Thị Hoa", birth_year=1985)
    assert kinds(second) == []
    (row,) = Official("truongthon.b1").dossier(second.pk)["nominations"]
    response = Official("truongthon.b1").client.patch(
        f"/api/dossiers/{second.pk}/",
        {"nominations": [{"id": row["id"], "nominee_kind": "household", "nominee_name": "Ho ong NGUYEN van Duc",
                          "award_form": "giay_khen_huyen"}]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 200, response.content
    assert kinds(second) == [DUPLICATE]
    assert Nomination.objects.get(pk=row["id"]).birth_year == 1985  # a field not sent is left as it was
