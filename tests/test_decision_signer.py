"""The person who signs a decision: the chair or a vice-chair of the deciding unit, printed as they sign."""

import pytest

from dossiers.models import Decision

from . import builders as b
from .api import Official
from .pages import browser, text
from .test_documents import pdf_text

VICE = "Trương Thị Ngọc Ánh"  # huyen.phochutich
CHAIR = "Nguyễn Văn Đức"  # huyen.chutich


@pytest.fixture
def awaiting(demo):
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    dossier.nominations.update(nominee_name="Hộ bà Rơ Châm H'Lan")
    b.to_district_decision(dossier)
    return dossier


def approve(official, dossier, expect=200, **fields):
    return Official(official).fire(dossier.pk, "approve", expect=expect, **b.decision_payload(**fields))


def test_a_vice_chair_chosen_by_the_chair_signs_the_decision_and_its_certificates(awaiting):
    approve("huyen.chutich", awaiting, signer="huyen.phochutich")
    decision = Decision.objects.get()
    assert (decision.signer.username, decision.signer_capacity) == ("huyen.phochutich", "vice_chair")
    assert decision.recorded_by.username == "huyen.chutich"
    _, printed = pdf_text(browser("huyen.chutich").get(f"/decisions/{decision.pk}/pdf/").content)
    assert "KT. CHỦ TỊCH" in printed and "PHÓ CHỦ TỊCH" in printed and VICE in printed
    assert CHAIR not in printed
    _, certificate = pdf_text(browser("huyen.chutich").get(f"/decisions/{decision.pk}/certificates/").content)
    assert "KT. CHỦ TỊCH" in certificate and VICE in certificate and CHAIR not in certificate


def test_the_list_the_api_and_the_history_show_the_signer_in_the_words_of_the_pdf(awaiting):
    approve("huyen.chutich", awaiting, signer="huyen.phochutich")
    listing = text(browser("huyen.chutich").get("/decisions/"))
    assert f"KT. CHỦ TỊCH / PHÓ CHỦ TỊCH {VICE}" in listing
    (body,) = Official("huyen.thanhtra").get("/api/decisions/").json()["results"]
    assert body["signer"] == VICE and body["signer_title"] == "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    assert body["signer_id"] == b.user_id("huyen.phochutich")
    event = awaiting.events.get(action="approve")
    assert f"KT. CHỦ TỊCH / PHÓ CHỦ TỊCH {VICE}" in event.changes["decision"][1]


def test_a_chair_signing_is_written_as_the_pdf_writes_it(awaiting):
    approve("huyen.chutich", awaiting)
    listing = text(browser("huyen.thanhtra").get("/decisions/"))
    assert f"CHỦ TỊCH {CHAIR}" in listing and "TM. UBND" not in listing


def test_a_vice_chair_decides_and_signs_in_their_own_name(awaiting):
    approve("huyen.phochutich", awaiting)
    decision = Decision.objects.get()
    assert (decision.signer.username, decision.signer_capacity) == ("huyen.phochutich", "vice_chair")
    assert awaiting.events.get(action="approve").actor.username == "huyen.phochutich"


def test_a_deputy_capacity_without_a_deputy_is_refused_rather_than_printed_over_the_chairs_name(awaiting):
    body = Official("huyen.chutich").fire(
        awaiting.pk, "approve", expect=400, **b.decision_payload(), signer_capacity="vice_chair"
    )
    assert "signer_capacity" in body["errors"]
    assert not Decision.objects.exists()
    awaiting.refresh_from_db()
    assert awaiting.status == "awaiting_decision"


@pytest.mark.parametrize("stranger", ["xa.a.chutich", "xa.a.phochutich", "huyen.noivu", "nguoi.khong.co"])
def test_only_a_chair_or_vice_chair_of_the_deciding_unit_may_sign(awaiting, stranger):
    signer = b.user_id(stranger) if stranger != "nguoi.khong.co" else 10**9
    body = Official("huyen.chutich").fire(
        awaiting.pk, "approve", expect=400, **b.decision_payload(), signer=signer
    )
    assert "signer" in body["errors"] and "Huyện Mang Yang" in body["errors"]["signer"][0]
    assert not Decision.objects.exists()


def test_a_vice_chair_who_left_no_longer_signs(awaiting):
    (vice,) = b.users("huyen.phochutich")
    vice.is_active = False
    vice.save()
    Official("huyen.chutich").fire(
        awaiting.pk, "approve", expect=400, **b.decision_payload(signer="huyen.phochutich")
    )


def test_the_decision_forms_offer_the_units_chair_and_vice_chairs_by_name(awaiting):
    chair = browser("huyen.chutich")
    page = text(chair.get(f"/dossiers/{awaiting.pk}/"))
    assert f"{CHAIR} – Chủ tịch UBND huyện" in page and f"{VICE} – Phó Chủ tịch UBND huyện" in page
    assert "Trần Văn Đức" not in page  # the commune's chair signs nothing of the district
    inbox = text(chair.get("/inbox/?tab=unit"))
    assert f"{VICE} – Phó Chủ tịch UBND huyện" in inbox


def test_the_page_records_the_chosen_signer(awaiting):
    chair = browser("huyen.chutich")
    response = chair.post(
        f"/dossiers/{awaiting.pk}/actions/approve/",
        {
            "approve-transition": "approve",
            "approve-decision_number": "9/QĐ-UBND",
            "approve-decision_date": b.TODAY.strftime("%d/%m/%Y"),
            "approve-signer": b.user_id("huyen.phochutich"),
        },
    )
    assert response.status_code == 302, text(response)
    assert Decision.objects.get().signer.username == "huyen.phochutich"
