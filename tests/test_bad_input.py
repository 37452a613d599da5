"""Every refusal is a clear Vietnamese message and changes nothing."""

import json

import pytest

from dossiers.models import Round

from . import builders as b
from .api import Official
from .pages import browser, text


def unchanged(dossier):
    dossier.refresh_from_db()
    return dossier.status, dossier.events.count(), dossier.nominations.count()


def test_malformed_json_is_a_400_in_vietnamese(demo):
    dossier = b.new_dossier()
    head = Official("truongthon.a1")
    response = head.client.post(
        f"/api/dossiers/{dossier.pk}/transitions/submit/", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400 and "JSON" in response.json()["detail"]
    dossier.refresh_from_db()
    assert dossier.status == "draft"


def test_an_unknown_transition_is_refused_by_name(demo):
    dossier = b.new_dossier()
    response = Official("truongthon.a1").post(f"/api/dossiers/{dossier.pk}/transitions/approve_everything/")
    assert response.status_code == 404 and "approve_everything" in response.json()["detail"]


@pytest.mark.parametrize("name", ["return_to_village", "commune_reject"])
def test_a_return_or_rejection_without_a_reason_is_refused(demo, name):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    before = unchanged(dossier)
    actor = "xa.a.canbo" if name == "return_to_village" else "xa.a.chutich"
    body = Official(actor).fire(dossier.pk, name, expect=400, comment="   ")
    assert body["errors"]["comment"] == ["Vui lòng ghi lý do / ý kiến."]
    assert unchanged(dossier) == before


def test_submitting_without_an_achievement_report_names_the_nominee(demo):
    dossier = b.new_dossier(with_reports=False)
    body = Official("truongthon.a1").fire(dossier.pk, "submit", expect=400)
    assert body["errors"]["documents"] == ["Thiếu báo cáo thành tích của “Hộ ông Nguyễn Văn Đức 1”."]
    assert unchanged(dossier)[0] == "draft"


def test_submitting_into_a_closed_round_is_refused(demo):
    dossier = b.new_dossier()
    Round.objects.filter(pk=dossier.round_id).update(is_open=False)
    body = Official("truongthon.a1").fire(dossier.pk, "submit", expect=400)
    assert "đã đóng" in body["errors"]["round"][0]


def test_creating_a_dossier_checks_every_field(demo, open_round):
    head = Official("truongthon.a1")
    response = head.post(
        "/api/dossiers/",
        {
            "round": open_round.pk,
            "unit": "GL-MY-DD-01",
            "title": "",
            "nominations": [{"nominee_kind": "robot", "award_form": "x"}],
        },
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"title", "nominations"}
    assert set(errors["nominations"][0]) == {"nominee_kind", "nominee_name", "award_form"}
    assert errors["nominations"][0]["nominee_name"] == ["Trường này là bắt buộc."]
    assert errors["title"] == ["Trường này không được bỏ trống."]


def test_a_code_holding_a_nul_character_is_an_unknown_code_not_a_server_error(demo, open_round):
    # PostgreSQL cannot compare text with NUL: the lookup itself failed with a 500 there.
    nomination = {"nominee_kind": "household", "nominee_name": "Hộ A", "award_form": "giay\x00khen"}
    payload = {"round": open_round.pk, "unit": "GL-MY\x00", "title": "Đề nghị", "nominations": [nomination]}
    response = Official("truongthon.a1").post("/api/dossiers/", payload)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "unit" in errors and "award_form" in errors["nominations"][0]


def test_a_village_head_cannot_open_a_dossier_for_another_village(demo, open_round):
    response = Official("truongthon.a1").post(
        "/api/dossiers/", {"round": open_round.pk, "unit": "GL-MY-DD-02", "title": "Hồ sơ", "nominations": []}
    )
    assert response.status_code == 403 and "trưởng thôn" in response.json()["detail"]


def test_a_dossier_cannot_be_opened_in_a_closed_round(demo, open_round):
    open_round.is_open = False
    open_round.save()
    response = Official("truongthon.a1").post(
        "/api/dossiers/", {"round": open_round.pk, "unit": "GL-MY-DD-01", "title": "Hồ sơ", "nominations": []}
    )
    assert response.status_code == 400 and "round" in response.json()["errors"]


def test_commune_approval_needs_the_meeting_the_verdicts_and_the_commune_documents(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    before = unchanged(dossier)
    body = Official("xa.a.chutich").fire(
        dossier.pk, "commune_approve", expect=400, meeting={"held_on": "31/02/2025"}
    )
    assert set(body["errors"]) >= {"held_on", "members_total", "members_present", "verdicts", "documents"}
    assert unchanged(dossier) == before


def test_commune_approval_needs_at_least_one_approved_nominee_and_sane_votes(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    b.commune_documents(dossier)
    payload = b.commune_approve_payload(dossier, approved=False)
    payload["meeting"]["members_present"] = 9
    body = Official("xa.a.chutich").fire(dossier.pk, "commune_approve", expect=400, **payload)
    assert "members_present" in body["errors"] and "verdicts" in body["errors"]


def test_appraisal_needs_every_criterion_of_the_nominee_kind(demo):
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_appraisal(dossier)
    payload = b.appraise_payload(dossier)
    payload["verdicts"][0]["criteria"].pop("voluntary_exit")
    payload["verdicts"][0]["criteria"]["made_up"] = True
    body = Official("huyen.noivu").fire(dossier.pk, "appraise", expect=400, **payload)
    assert any("voluntary_exit" in m for m in body["errors"]["criteria"])
    assert any("made_up" in m for m in body["errors"]["criteria"])


@pytest.mark.parametrize(
    "payload,field",
    [
        (
            {"decision_number": "", "decision_date": "2025-01-01", "signer_capacity": "chair"},
            "decision_number",
        ),
        (
            {"decision_number": "abc", "decision_date": "2025-01-01", "signer_capacity": "chair"},
            "decision_number",
        ),
        (
            {"decision_number": "5/QĐ-UBND", "decision_date": "2999-01-01", "signer_capacity": "chair"},
            "decision_date",
        ),
        (
            {"decision_number": "5/QĐ-UBND", "decision_date": "hôm qua", "signer_capacity": "chair"},
            "decision_date",
        ),
        (
            {"decision_number": "5/QĐ-UBND", "decision_date": "2025-01-01", "signer_capacity": "boss"},
            "signer_capacity",
        ),
    ],
)
def test_a_decision_needs_a_proper_number_date_and_capacity(demo, payload, field):
    dossier = b.new_dossier()
    b.to_commune_decision(dossier)
    body = Official("xa.a.chutich").fire(dossier.pk, "approve", expect=400, **payload)
    assert field in body["errors"]
    assert unchanged(dossier)[0] == "awaiting_decision"


def test_a_decision_number_joins_its_decision_only_with_the_same_date(demo):
    first, second, third = (b.new_dossier() for _ in range(3))
    for dossier in (first, second, third):
        b.to_commune_decision(dossier)
    b.fire("xa.a.chutich", first, "approve", **b.decision_payload("21/QĐ-UBND"))
    b.fire("xa.a.chutich", second, "approve", **b.decision_payload("21/QĐ-UBND"))
    assert first.nominations.get().decision_id == second.nominations.get().decision_id
    body = Official("xa.a.chutich").fire(
        third.pk, "approve", expect=400, **b.decision_payload("21/QĐ-UBND", when=b.TODAY - b.ONE_DAY)
    )
    assert "đã dùng" in body["errors"]["decision_number"][0]


def test_a_json_body_that_is_not_an_object_is_refused(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    response = Official("xa.a.canbo").client.post(
        f"/api/dossiers/{dossier.pk}/transitions/return_to_village/",
        data=json.dumps([1, 2]),
        content_type="application/json",
    )
    assert response.status_code == 400 and "đối tượng JSON" in str(response.json()["errors"])
    dossier.refresh_from_db()
    assert dossier.status == "submitted"


HOSTILE = [
    (
        "commune_approve",
        '{"meeting": {"held_on": "2025-01-01", "members_total": 40000, "members_present": 1e20},'
        ' "verdicts": [{"nomination": 1e400, "approved": true, "votes_for": 40000}]}',
    ),
    ("commune_approve", '{"meeting": "họp", "verdicts": "tất cả"}'),
    (
        "commune_approve",
        '{"meeting": {"held_on": ["x"]}, "verdicts": [{"nomination": 6.7}, {"nomination": true}]}',
    ),
    ("return_to_village", '{"comment": "a\\u0000b"}'),
    ("return_to_village", '{"comment": {"nested": ["garbage"]}}'),
    ("return_to_village", '{"comment": "' + "x" * 100000 + '"}'),
]


@pytest.mark.parametrize("name,body", HOSTILE)
def test_hostile_payloads_get_a_400_and_change_nothing(demo, name, body):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    b.commune_documents(dossier)
    before = unchanged(dossier)
    actor = "xa.a.canbo" if name == "return_to_village" else "xa.a.chutich"
    response = Official(actor).client.post(
        f"/api/dossiers/{dossier.pk}/transitions/{name}/", data=body, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert unchanged(dossier) == before


def test_the_province_outcome_needs_an_explicit_list_of_awards(demo):
    dossier = b.new_dossier(award_forms=("bang_khen_tinh",))
    b.to_forwarded(dossier)
    province = Official("tinh.noivu")
    decision = {"decision_number": "9/QĐ-UBND", "decision_date": b.TODAY.isoformat()}
    body = province.fire(dossier.pk, "record_province_outcome", expect=400, award=[1], **decision)
    assert "awarded" in body["errors"]
    for bad in ("66", [10**30], [True], [1.5]):
        province.fire(dossier.pk, "record_province_outcome", expect=400, awarded=bad, **decision)
    dossier.refresh_from_db()
    assert dossier.status == "forwarded"


@pytest.mark.parametrize(
    "query", ["status=a%00b", "search=a%00b", "unit=x%00", "round=99999999999999999999999999", "round=abc"]
)
def test_list_filters_that_cannot_match_are_a_400_not_a_crash(demo, query):
    response = Official("huyen.thanhtra").client.get(f"/api/dossiers/?{query}")
    assert response.status_code == 400


def test_odd_task_ids_and_dates_are_refused_cleanly(demo):
    officer, inspector = browser("xa.a.canbo"), browser("huyen.thanhtra")
    for value in ("²", "99999999999999999999", "-1", "x"):
        assert officer.post("/inbox/claim/", {"task": value}).status_code == 302
        # The inbox comes back with the decision form and what was wrong with it (nothing to tick here).
        assert browser("huyen.chutich").post("/decisions/new/", {"task": value}).status_code == 400
    # An id in the URL beyond any stored id names nothing (config.middleware.ImpossibleIdMiddleware).
    assert officer.post("/inbox/99999999999999999999/release/").status_code == 404
    assert (
        browser("xa.a.chutich")
        .post("/inbox/99999999999999999999/reassign/", {"to_user": 1, "reason": "x"})
        .status_code
        == 404
    )
    for query in ("date_to=31/12/9999", "date_from=01/01/0001"):
        response = inspector.get(f"/audit/?{query}")
        assert response.status_code == 200 and "1900–2100" in text(response)
