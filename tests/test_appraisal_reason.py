"""An eligible verdict with unmet criteria needs a written reason, through the page and the API alike; the
reason is kept with the verdict and shown wherever the verdict is; the API lists each kind's checklist."""

import re

from django.utils.html import escape

from dossiers.criteria import CRITERIA, MIN_REASON_LENGTH, criteria_keys
from dossiers.models import AuditEvent

from . import builders as b
from .api import Official
from .pages import browser, text
from .test_documents import docx_text

REASON = "Hộ đã thoát nghèo bền vững, xác nhận của UBND xã ngày 12/3"


def in_appraisal():
    dossier = b.new_dossier(award_forms=("giay_khen_huyen", "giay_khen_huyen"))
    b.to_appraisal(dossier)
    return dossier


def verdicts(dossier, *, met=(True, True), reason=None):
    """Both nominees eligible; the first has every criterion marked `met[0]`, the second `met[1]`."""
    entries = []
    for nomination, all_met in zip(dossier.nominations.order_by("pk"), met, strict=True):
        entry = {
            "nomination": nomination.pk,
            "eligible": True,
            "criteria": {key: all_met for key in criteria_keys(nomination.nominee_kind)},
        }
        if reason is not None:
            entry["reason"] = reason
        entries.append(entry)
    return entries


def test_an_eligible_verdict_with_every_criterion_met_needs_no_reason(demo):
    dossier = in_appraisal()
    after = Official("huyen.noivu").fire(dossier.pk, "appraise", verdicts=verdicts(dossier))
    assert after["status"] == "awaiting_decision"
    assert [n["eligibility_reason"] for n in after["nominations"]] == ["", ""]


def test_the_api_refuses_an_eligible_verdict_with_unmet_criteria_and_no_reason(demo):
    dossier = in_appraisal()
    body = Official("huyen.noivu").fire(
        dossier.pk, "appraise", expect=400, verdicts=verdicts(dossier, met=(True, False))
    )
    (message,) = body["errors"]["reason"]
    assert "Hộ ông Nguyễn Văn Đức 2" in message and "chưa đạt 5 tiêu chí" in message
    assert f"ít nhất {MIN_REASON_LENGTH} ký tự" in message and "Tự nguyện đăng ký thoát nghèo" in message
    dossier.refresh_from_db()
    assert dossier.status == "appraisal" and not dossier.nominations.filter(eligible__isnull=False).exists()


def test_the_api_refuses_a_reason_of_a_word_or_two(demo):
    dossier = in_appraisal()
    body = Official("huyen.noivu").fire(
        dossier.pk, "appraise", expect=400, verdicts=verdicts(dossier, met=(False, True), reason="  Đạt  ")
    )
    (message,) = body["errors"]["reason"]
    assert "quá ngắn" in message and "Hộ ông Nguyễn Văn Đức 1" in message


def test_an_ineligible_verdict_with_unmet_criteria_needs_no_reason(demo):
    dossier = in_appraisal()
    entries = verdicts(dossier, met=(True, False))
    entries[1]["eligible"] = False
    after = Official("huyen.noivu").fire(dossier.pk, "appraise", verdicts=entries)
    assert [n["outcome"] for n in after["nominations"]] == ["pending", "not_awarded"]


def test_a_reason_is_kept_with_the_verdict_and_shown_wherever_the_verdict_is(demo):
    dossier = in_appraisal()
    entries = verdicts(dossier, met=(True, False), reason=REASON)
    after = Official("huyen.noivu").fire(dossier.pk, "appraise", verdicts=entries)
    second = after["nominations"][1]
    assert second["eligible"] is True and second["eligibility_reason"] == REASON
    assert after["nominations"][0]["eligibility_reason"] == ""  # all met: nothing to explain
    event = AuditEvent.objects.get(dossier=dossier, action="appraise")
    assert event.changes[f"nomination:{second['id']}"][1]["reason"] == REASON
    history = text(browser("huyen.chutich").get(f"/dossiers/{dossier.pk}/history/"))
    assert f"lý do vẫn đủ điều kiện: {escape(REASON)}" in history
    page = text(browser("huyen.chutich").get(f"/dossiers/{dossier.pk}/"))
    assert re.search(r"đủ điều kiện <span[^>]*>\(chưa đạt đủ tiêu chí; lý do vẫn đủ điều kiện: ", page)
    assert escape(REASON) in page
    draft = browser("huyen.noivu").get(f"/dossiers/{dossier.pk}/drafts/bao-cao-tham-dinh.docx")
    verdict = f"đủ điều kiện (chưa đạt đủ tiêu chí; lý do vẫn đủ điều kiện: {REASON}). Tiêu chí: chưa đạt"
    assert verdict in docx_text(draft.content)


def test_the_chair_deciding_sees_the_reason_next_to_the_verdict(demo):
    dossier = in_appraisal()
    entries = verdicts(dossier, met=(True, False), reason=REASON)
    Official("huyen.noivu").fire(dossier.pk, "appraise", verdicts=entries)
    page = text(browser("huyen.chutich").get(f"/dossiers/{dossier.pk}/"))
    assert "Phê duyệt, ban hành quyết định" in page  # the page the chair decides on
    assert f"lý do vẫn đủ điều kiện: {escape(REASON)}" in page


def test_a_reason_no_longer_needed_is_not_kept_on_a_new_verdict(demo):
    dossier = in_appraisal()
    appraiser = Official("huyen.noivu")
    appraiser.fire(dossier.pk, "appraise", verdicts=verdicts(dossier, met=(True, False), reason=REASON))
    Official("huyen.chutich").fire(dossier.pk, "send_back", comment="Đánh dấu lại tiêu chí")
    after = appraiser.fire(dossier.pk, "appraise", verdicts=verdicts(dossier, reason=REASON))
    assert [n["eligibility_reason"] for n in after["nominations"]] == ["", ""]


def page_form(dossier, *, first_met, reason=""):
    """What the appraiser's form sends: both eligible, the second with every criterion met."""
    first, second = dossier.nominations.order_by("pk")
    data = {"appraise-transition": "appraise"}
    for nomination, met in ((first, first_met), (second, True)):
        data[f"appraise-eligible_{nomination.pk}"] = "on"
        for key in criteria_keys(nomination.nominee_kind):
            if met:
                data[f"appraise-criteria_{nomination.pk}_{key}"] = "on"
    data[f"appraise-reason_{first.pk}"] = reason
    return data


def field_block(page, name):
    """The form row holding the named field, with its errors."""
    at = page.index(f'name="{name}"')
    return page[page.rindex("<div", 0, at) : page.index("</div>", at)]


def test_the_page_refuses_an_eligible_verdict_with_unmet_criteria_next_to_the_reason(demo):
    dossier = in_appraisal()
    first = dossier.nominations.order_by("pk").first()
    url = f"/dossiers/{dossier.pk}/actions/appraise/"
    refused = browser("huyen.noivu").post(url, page_form(dossier, first_met=False))
    assert refused.status_code == 400
    block = field_block(text(refused), f"appraise-reason_{first.pk}")
    assert "field-error" in block and "chưa đạt 5 tiêu chí" in block and "Hộ ông Nguyễn Văn Đức 1" in block
    dossier.refresh_from_db()
    assert dossier.status == "appraisal"


def test_the_page_records_an_eligible_verdict_with_unmet_criteria_and_a_reason(demo):
    dossier = in_appraisal()
    first = dossier.nominations.order_by("pk").first()
    done = browser("huyen.noivu").post(
        f"/dossiers/{dossier.pk}/actions/appraise/", page_form(dossier, first_met=False, reason=REASON)
    )
    assert done.status_code == 302
    first.refresh_from_db()
    assert first.eligible is True and first.eligibility_reason == REASON
    assert set(first.criteria.values()) == {False}


def test_the_page_records_an_eligible_verdict_with_every_criterion_met(demo):
    dossier = in_appraisal()
    url = f"/dossiers/{dossier.pk}/actions/appraise/"
    done = browser("huyen.noivu").post(url, page_form(dossier, first_met=True))
    assert done.status_code == 302
    assert set(dossier.nominations.values_list("eligible", "eligibility_reason")) == {(True, "")}


def test_each_nomination_lists_its_checklist_in_the_api(demo):
    dossier = in_appraisal()
    before = Official("huyen.noivu").dossier(dossier.pk)["nominations"][0]["checklist"]
    assert before == [
        {"code": key, "label": str(label), "met": None} for key, label in CRITERIA["household"]
    ]
    entries = verdicts(dossier)
    entries[0]["criteria"]["voluntary_exit"] = False
    entries[0]["reason"] = REASON
    after = Official("huyen.noivu").fire(dossier.pk, "appraise", verdicts=entries)
    marks = {item["code"]: item["met"] for item in after["nominations"][0]["checklist"]}
    assert marks == {key: key != "voluntary_exit" for key in criteria_keys("household")}


def test_the_api_lists_the_checklist_of_every_nominee_kind(demo):
    body = Official("huyen.noivu").get("/api/criteria/").json()
    assert body["reason_min_length"] == MIN_REASON_LENGTH
    kinds = {k["nominee_kind"]: k for k in body["nominee_kinds"]}
    assert set(kinds) == {"collective", "individual", "household", "enterprise"}
    assert kinds["household"]["nominee_kind_display"] == "Hộ gia đình"
    assert kinds["enterprise"]["criteria"] == [
        {"code": key, "label": str(label)} for key, label in CRITERIA["enterprise"]
    ]


def test_the_openapi_schema_documents_the_checklist_and_the_reason(demo):
    schema = Official("huyen.noivu").get("/api/schema/", format="json").json()
    assert "/api/criteria/" in schema["paths"]
    nomination = schema["components"]["schemas"]["Nomination"]["properties"]
    assert nomination["checklist"]["items"]["$ref"].endswith("/CriterionMark")
    assert "eligibility_reason" in nomination
    mark = schema["components"]["schemas"]["CriterionMark"]["properties"]
    assert set(mark) == {"code", "label", "met"} and mark["met"]["nullable"] is True
    criteria = schema["paths"]["/api/criteria/"]["get"]
    assert "reason" in criteria["description"]
    assert criteria["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Criteria")
