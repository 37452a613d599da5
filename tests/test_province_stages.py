"""The province's stages are real work on the three-tier ladder too: Sở Nội vụ appraises what the district
submitted (one supplement request back to the district's Phòng Nội vụ), the province chair decides, and a
national award goes on to the central level; recording an outcome reached outside the service still works."""

import pytest

from dossiers.errors import ActionForbidden, StateConflict
from dossiers.models import Decision
from dossiers.printing.certificates import certificates_pdf
from dossiers.printing.decision import decision_pdf
from web.step_forms import form_for
from workflows.services.notifications import creator_notice

from . import builders as b
from . import two_tier as tt
from .api import Official
from .test_documents import pdf_text


def forwarded(award_forms=("giay_khen_huyen", "bang_khen_tinh")):
    dossier = b.new_dossier(award_forms=award_forms)
    b.to_forwarded(dossier)
    dossier.refresh_from_db()
    return dossier


def test_the_province_appraises_asks_the_district_once_and_its_chair_decides(demo):
    dossier = forwarded()
    b.fire("tinh.noivu", dossier, "province_request_supplement", comment="Bổ sung xác nhận của huyện.")
    dossier.refresh_from_db()
    assert (dossier.status, dossier.stage) == ("province_supplement", "district_supplement")
    with pytest.raises(ActionForbidden):  # the district's Phòng Nội vụ supplements, not the commune
        b.fire("xa.a.canbo", dossier, "province_resubmit", comment="Đã bổ sung")
    dossier = b.fire("huyen.noivu", dossier, "province_resubmit", comment="Đã bổ sung")
    assert dossier.stage == "province_outcome"
    with pytest.raises(StateConflict, match="một lần"):
        b.fire("tinh.noivu", dossier, "province_request_supplement", comment="Lần hai")
    dossier = b.fire("tinh.noivu", dossier, "province_appraise", **tt.province_appraise_payload(dossier))
    assert (dossier.status, dossier.stage, dossier.decision_level) == (
        "awaiting_decision",
        "province_decision",
        "province",
    )
    with pytest.raises(ActionForbidden):
        b.fire("huyen.chutich", dossier, "approve", **b.decision_payload("99/QĐ-UBND"))
    dossier = b.fire("tinh.phochutich", dossier, "approve", **b.decision_payload("2001/QĐ-UBND"))
    assert (dossier.status, dossier.stage) == ("decided", "")
    province = Decision.objects.get(number="2001/QĐ-UBND")
    assert province.issuer.code == "GL" and province.signer_capacity == "vice_chair"
    assert set(dossier.nominations.values_list("outcome", flat=True)) == {"awarded"}
    assert dossier.nominations.get(award_form__code="bang_khen_tinh").decision == province


def test_the_province_chair_sends_a_dossier_back_to_sở_nội_vụ(demo):
    dossier = forwarded()
    b.fire("tinh.noivu", dossier, "province_appraise", **tt.province_appraise_payload(dossier))
    dossier = b.fire("tinh.chutich", dossier, "send_back", comment="Xem lại thành tích.")
    assert (dossier.status, dossier.stage) == ("forwarded", "province_outcome")


def test_recording_an_outcome_reached_outside_the_service_still_ends_the_dossier(demo):
    dossier = forwarded()
    awarded = dossier.nominations.get(award_form__code="bang_khen_tinh")
    dossier = b.fire(
        "tinh.noivu",
        dossier,
        "record_province_outcome",
        decision_number="500/QĐ-UBND",
        decision_date=b.TODAY.isoformat(),
        awarded=[awarded.pk],
    )
    assert (dossier.status, dossier.stage) == ("decided", "")


def test_the_province_officer_and_chair_find_the_work_in_their_inbox(demo):
    dossier = forwarded()
    officer = Official("tinh.noivu")
    assert dossier.pk in [t["dossier"] for t in officer.get("/api/inbox/").json()["results"]]
    b.fire("tinh.noivu", dossier, "province_appraise", **tt.province_appraise_payload(dossier))
    chair = Official("tinh.chutich")
    tasks = chair.get("/api/inbox/").json()["results"]
    assert [t["stage"] for t in tasks if t["dossier"] == dossier.pk] == ["province_decision"]


@pytest.mark.parametrize("username", ["tinh.noivu", "tinh.chutich"])
def test_province_officials_have_their_provinces_pages(demo, client, username):
    three_tier = forwarded()
    two_tier = tt.to_province_appraisal(tt.new_two_tier_dossier(award_forms=("bang_khen_tinh",)))
    client.force_login(b.users(username)[0])
    listing = client.get("/dossiers/").content.decode()
    assert three_tier.code in listing and two_tier.code in listing
    for path in ("/", "/inbox/", "/dashboard/", f"/statistics/?round={tt.two_tier_round().pk}", "/decisions/"):
        assert client.get(path).status_code == 200, path
    assert client.get(f"/dossiers/{two_tier.pk}/").status_code == 200


def test_the_province_decision_tells_the_village_only_about_what_it_weighed(demo):
    """The household the commune chair awarded is not listed as refused by the province chair's decision."""
    dossier = tt.to_province_decision(tt.new_two_tier_dossier(award_forms=("giay_khen_xa", "bang_khen_tinh")))
    b.fire(tt.PROVINCE_CHAIR, dossier, "approve", **b.decision_payload("3001/QĐ-UBND"))
    event = dossier.events.filter(action="approve").last()
    _kind, message = creator_notice(dossier, event)
    assert "Được khen thưởng: Hộ bà Đinh Thị Lan 2." in message
    assert "Không được khen thưởng" not in message


def test_a_province_award_prints_a_bằng_khen(demo):
    dossier = tt.to_province_decision(tt.new_two_tier_dossier(award_forms=("bang_khen_tinh",)))
    b.fire(tt.PROVINCE_CHAIR, dossier, "approve", **b.decision_payload("3002/QĐ-UBND"))
    decision = Decision.objects.get(number="3002/QĐ-UBND")
    _pages, certificate = pdf_text(certificates_pdf(decision))
    assert "BẰNG KHEN" in certificate and "GIẤY KHEN" not in certificate
    _pages, text = pdf_text(decision_pdf(decision))
    assert "Kèm theo Bằng khen là tiền thưởng" in text


def test_the_province_appraisal_form_offers_only_what_was_submitted_to_the_province(demo, client):
    dossier = tt.to_province_appraisal(tt.new_two_tier_dossier(award_forms=("giay_khen_xa", "bang_khen_tinh")))
    province_award = dossier.nominations.get(award_form__code="bang_khen_tinh")
    form = form_for("province_appraise", dossier)
    assert [n.pk for n in form.nominations] == [province_award.pk]
