"""The dossier page around a step: the irreversible steps ask first, the answer after a step is one sentence,
and a decided dossier links its decision and the certificates of its awardees."""

import re

from workflows.routes import THREE_TIER, TWO_TIER

from . import builders as b
from .pages import browser, text


def button_of(page, name):
    """The submit button of a step's panel on the dossier page."""
    panel = page.split(f'data-action="{name}"')[1].split("</details>")[0]
    return re.search(r"<button type=\"submit\"[^>]*>", panel).group(0), panel


def test_the_irreversible_steps_are_declared_to_ask_first():
    asking = {step.name for step in THREE_TIER.steps if step.confirm}
    assert asking == {
        "submit",
        "withdraw",
        "commune_reject",
        "appraise",
        "appraisal_reject",
        "approve",
        "reject",
        "province_appraise",
        "province_appraisal_reject",
    }
    two_tier = {step.name for step in TWO_TIER.steps if step.confirm}
    assert two_tier == asking - {"commune_reject"} | {"council_reject"}


def test_sending_and_withdrawing_ask_naming_the_dossier_and_what_will_happen(demo):
    dossier = b.new_dossier()
    page = text(browser("truongthon.a1").get(f"/dossiers/{dossier.pk}/"))
    submit, panel = button_of(page, "submit")
    assert (
        f'data-confirm="Gửi hồ sơ {dossier.code} lên xã? Sau khi gửi, thôn không sửa được hồ sơ nữa' in submit
    )
    assert f"Gửi hồ sơ {dossier.code} lên xã?" in panel.split("<button")[0]  # also said without JavaScript
    withdraw, _panel = button_of(page, "withdraw")
    assert f'data-confirm="Rút hồ sơ {dossier.code}? Hồ sơ sẽ kết thúc' in withdraw


def test_a_step_that_can_be_undone_does_not_ask(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    page = text(browser("xa.a.canbo").get(f"/dossiers/{dossier.pk}/"))
    button, _panel = button_of(page, "return_to_village")
    assert "data-confirm" not in button


def test_the_chair_is_asked_before_deciding_and_the_appraiser_before_appraising(demo):
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_appraisal(dossier)
    appraise, _panel = button_of(text(browser("huyen.noivu").get(f"/dossiers/{dossier.pk}/")), "appraise")
    assert f"Hoàn thành thẩm định hồ sơ {dossier.code} và trình Chủ tịch?" in appraise
    b.fire("huyen.noivu", dossier, "appraise", **b.appraise_payload(dossier))
    page = text(browser("huyen.chutich").get(f"/dossiers/{dossier.pk}/"))
    assert f"Phê duyệt hồ sơ {dossier.code}?" in button_of(page, "approve")[0]
    assert f"Không phê duyệt hồ sơ {dossier.code}?" in button_of(page, "reject")[0]


def test_after_a_step_the_answer_names_the_step_the_dossier_and_where_it_is_now(demo):
    dossier = b.new_dossier()
    response = browser("truongthon.a1").post(
        f"/dossiers/{dossier.pk}/actions/submit/", {"submit-transition": "submit"}, follow=True
    )
    assert (
        f"Đã thực hiện “Gửi hồ sơ lên xã” cho hồ sơ {dossier.code}; hồ sơ chuyển sang bước “Xã xét duyệt”."
        in text(response)
    )


def test_after_deciding_the_answer_says_the_dossier_has_its_decision(demo):
    dossier = b.new_dossier()
    b.to_commune_decision(dossier)
    response = browser("xa.a.chutich").post(
        f"/dossiers/{dossier.pk}/actions/approve/",
        {
            "approve-transition": "approve",
            "approve-decision_number": "7/QĐ-UBND",
            "approve-decision_date": b.TODAY.strftime("%d/%m/%Y"),
            "approve-signer": b.user_id("xa.a.chutich"),
        },
        follow=True,
    )
    page = text(response)
    assert (
        f"Đã thực hiện “Phê duyệt, ban hành quyết định” cho hồ sơ {dossier.code}; hồ sơ đã có quyết định"
        in page
    )
    assert ". Đã quyết định" not in page


def test_after_withdrawing_the_answer_says_the_dossier_has_ended(demo):
    dossier = b.new_dossier()
    response = browser("truongthon.a1").post(
        f"/dossiers/{dossier.pk}/actions/withdraw/",
        {"withdraw-transition": "withdraw", "withdraw-comment": "Gia đình xin rút"},
        follow=True,
    )
    assert f"cho hồ sơ {dossier.code}; hồ sơ đã được rút và kết thúc." in text(response)


def decided_dossier():
    dossier = b.new_dossier()
    b.to_commune_decision(dossier)
    b.fire("xa.a.chutich", dossier, "approve", **b.decision_payload("7/QĐ-UBND"))
    return dossier


def test_a_decided_dossier_links_its_decision_and_the_certificates_of_its_awardees(demo):
    dossier = decided_dossier()
    decision = dossier.nominations.get().decision
    head = browser("truongthon.a1")
    page = text(head.get(f"/dossiers/{dossier.pk}/"))
    assert "Quyết định khen thưởng số" in page and "7/QĐ-UBND" in page
    for url in (f"/decisions/{decision.pk}/pdf/", f"/decisions/{decision.pk}/certificates/"):
        assert f'href="{url}"' in page
        response = head.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_a_dossier_without_a_decision_offers_no_decision_link(demo):
    dossier = b.new_dossier()
    b.to_commune_decision(dossier)
    page = text(browser("xa.a.chutich").get(f"/dossiers/{dossier.pk}/"))
    assert "/pdf/" not in page and 'data-testid="decision"' not in page


def test_the_decision_is_linked_for_those_who_see_the_dossier_and_hidden_from_others(demo):
    """An official of the dossier's commune sees the district's decision linked; a village head of another
    commune gets neither the dossier nor its decision."""
    ours = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_district_decision(ours)
    b.fire("huyen.chutich", ours, "approve", **b.decision_payload("9/QĐ-UBND"))
    decision = ours.nominations.get().decision
    assert f"/decisions/{decision.pk}/pdf/" in text(browser("xa.a.canbo").get(f"/dossiers/{ours.pk}/"))
    stranger = browser("truongthon.b1")
    assert stranger.get(f"/dossiers/{ours.pk}/").status_code == 404
    assert stranger.get(f"/decisions/{decision.pk}/pdf/").status_code == 404
