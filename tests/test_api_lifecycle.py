"""One life of a dossier per route, end to end through the API's real URLs, with the demo officials."""

import pytest
from django.core.management import call_command

from dossiers.criteria import criteria_keys

from .api import Official
from .builders import TODAY, user_id


@pytest.fixture
def people(demo):
    names = [
        "truongthon.a1",
        "xa.a.canbo",
        "xa.a.chutich",
        "huyen.ldtbxh",
        "huyen.noivu",
        "huyen.chutich",
        "huyen.thanhtra",
        "tinh.noivu",
    ]
    return {name: Official(name) for name in names}


def open_dossier(head, forms):
    rounds = head.get("/api/rounds/").json()["results"]
    round_id = next(r["id"] for r in rounds if r["is_open"] and r["kind"] == "final")
    unit = head.get("/api/me/").json()["memberships"][0]["unit"]["code"]
    response = head.post(
        "/api/dossiers/",
        {
            "round": round_id,
            "unit": unit,
            "title": "Đề nghị khen thưởng tổng kết 2021–2025",
            "nominations": [
                {
                    "nominee_kind": kind,
                    "nominee_name": name,
                    "award_form": form,
                    "achievement_summary": "Thành tích",
                }
                for kind, name, form in forms
            ],
        },
    )
    assert response.status_code == 201, response.content
    dossier = response.json()
    assert dossier["status"] == "draft" and dossier["code"].startswith("HS-2025-")
    for nomination in dossier["nominations"]:
        assert (
            head.upload(dossier["id"], "bao_cao_thanh_tich", nomination=nomination["id"]).status_code == 201
        )
    return dossier


def through_commune(people, dossier, expect_status):
    people["truongthon.a1"].fire(dossier["id"], "submit")
    for kind in ("to_trinh", "bien_ban"):
        assert people["xa.a.canbo"].upload(dossier["id"], kind).status_code == 201
    result = people["xa.a.chutich"].fire(
        dossier["id"],
        "commune_approve",
        comment="Hội đồng thống nhất",
        meeting={"held_on": TODAY.isoformat(), "members_total": 7, "members_present": 7},
        verdicts=[{"nomination": n["id"], "approved": True, "votes_for": 7} for n in dossier["nominations"]],
    )
    assert result["status"] == expect_status


def through_district_appraisal(people, dossier):
    assert people["huyen.ldtbxh"].fire(dossier["id"], "compile")["status"] == "appraisal"
    result = people["huyen.noivu"].fire(
        dossier["id"],
        "appraise",
        verdicts=[
            {
                "nomination": n["id"],
                "eligible": True,
                "criteria": {k: True for k in criteria_keys(n["nominee_kind"])},
                "note": "",
            }
            for n in dossier["nominations"]
        ],
    )
    assert result["status"] == "awaiting_decision"


def actions(official, dossier_id):
    """The state changes of the history (creation, edits and uploads left out)."""
    return [
        (e["action"], e["from_status"], e["to_status"])
        for e in official.history(dossier_id)
        if e["from_status"] and e["from_status"] != e["to_status"]
    ]


def assert_workflow_consistent():
    call_command("check_workflow", stdout=open("/dev/null", "w"))


def test_a_commune_level_award_is_decided_by_the_commune_chair(people):
    dossier = open_dossier(people["truongthon.a1"], [("household", "Hộ ông Lý Văn Sáu", "giay_khen_xa")])
    through_commune(people, dossier, "awaiting_decision")
    assert people["xa.a.chutich"].dossier(dossier["id"])["allowed_transitions"] == [
        "approve",
        "reject",
        "send_back",
    ]
    result = people["xa.a.chutich"].fire(
        dossier["id"],
        "approve",
        decision_number="12/QĐ-UBND",
        decision_date=TODAY.isoformat(),
        signer=user_id("xa.a.phochutich"),
    )
    assert result["status"] == "decided"
    assert result["nominations"][0]["outcome"] == "awarded"
    assert actions(people["truongthon.a1"], dossier["id"]) == [
        ("submit", "draft", "submitted"),
        ("commune_approve", "submitted", "awaiting_decision"),
        ("approve", "awaiting_decision", "decided"),
    ]
    assert_workflow_consistent()


def test_a_district_award_goes_through_compile_appraisal_and_the_district_chair(people):
    dossier = open_dossier(
        people["truongthon.a1"],
        [
            ("individual", "Nguyễn Văn Đức", "giay_khen_huyen"),
            ("household", "Hộ bà Rơ Châm H'Lan", "giay_khen_xa"),
        ],
    )
    through_commune(people, dossier, "commune_approved")
    through_district_appraisal(people, dossier)
    result = people["huyen.chutich"].fire(
        dossier["id"],
        "approve",
        decision_number="345/QĐ-UBND",
        decision_date=TODAY.isoformat(),
        signer_capacity="chair",
    )
    assert result["status"] == "decided"
    assert {n["outcome"] for n in result["nominations"]} == {"awarded"}
    assert [a for a, _, _ in actions(people["huyen.thanhtra"], dossier["id"])] == [
        "submit",
        "commune_approve",
        "compile",
        "appraise",
        "approve",
    ]
    assert_workflow_consistent()


def test_a_province_award_is_forwarded_and_its_outcome_recorded(people):
    dossier = open_dossier(
        people["truongthon.a1"],
        [("collective", "Làng Đê Kôn", "bang_khen_tinh"), ("individual", "Đinh Văn Hlơm", "giay_khen_huyen")],
    )
    through_commune(people, dossier, "commune_approved")
    through_district_appraisal(people, dossier)
    result = people["huyen.chutich"].fire(
        dossier["id"],
        "approve",
        decision_number="346/QĐ-UBND",
        decision_date=TODAY.isoformat(),
        signer_capacity="chair",
    )
    assert result["status"] == "forwarded"
    outcomes = {n["award_form"]: n["outcome"] for n in result["nominations"]}
    assert outcomes == {"bang_khen_tinh": "forwarded", "giay_khen_huyen": "awarded"}
    province = people["tinh.noivu"]
    forwarded = [n["id"] for n in result["nominations"] if n["outcome"] == "forwarded"]
    result = province.fire(
        dossier["id"],
        "record_province_outcome",
        decision_number="88/QĐ-UBND",
        decision_date=TODAY.isoformat(),
        awarded=forwarded,
    )
    assert result["status"] == "decided"
    assert {n["outcome"] for n in result["nominations"]} == {"awarded"}
    assert_workflow_consistent()


def test_a_returned_dossier_is_edited_and_submitted_again(people):
    head = people["truongthon.a1"]
    dossier = open_dossier(head, [("household", "Hộ ông Lý Văn Sáu", "giay_khen_xa")])
    head.fire(dossier["id"], "submit")
    people["xa.a.canbo"].fire(dossier["id"], "return_to_village", expect=400)
    returned = people["xa.a.canbo"].fire(
        dossier["id"], "return_to_village", comment="Thiếu xác nhận của trưởng thôn"
    )
    assert returned["status"] == "returned"
    edit = head.client.patch(
        f"/api/dossiers/{dossier['id']}/", {"title": "Đề nghị (đã bổ sung)"}, format="json"
    )
    assert edit.status_code == 200 and edit.json()["title"] == "Đề nghị (đã bổ sung)"
    assert head.fire(dossier["id"], "submit")["status"] == "submitted"
    history = head.history(dossier["id"])
    returned_event = next(e for e in history if e["action"] == "return_to_village")
    assert returned_event["comment"] == "Thiếu xác nhận của trưởng thôn"
    assert returned_event["actor"] == "xa.a.canbo" and returned_event["role"] == "commune_officer"
    assert next(e for e in history if e["action"] == "edit")["changes"]["title"][1] == "Đề nghị (đã bổ sung)"
    assert_workflow_consistent()


def test_a_supplement_is_requested_once_and_the_commune_resubmits(people):
    dossier = open_dossier(people["truongthon.a1"], [("household", "Hộ ông Lý Văn Sáu", "giay_khen_huyen")])
    through_commune(people, dossier, "commune_approved")
    people["huyen.ldtbxh"].fire(dossier["id"], "compile")
    people["huyen.noivu"].fire(
        dossier["id"], "request_supplement", comment="Bổ sung giấy xác nhận thoát nghèo"
    )
    assert people["xa.a.canbo"].upload(dossier["id"], "khac", name="xac-nhan.pdf").status_code == 201
    assert people["xa.a.canbo"].fire(dossier["id"], "resubmit", comment="Đã bổ sung")["status"] == "appraisal"
    again = people["huyen.noivu"].fire(dossier["id"], "request_supplement", expect=409, comment="Lần hai")
    assert "một lần" in again["detail"]
    allowed = people["huyen.noivu"].dossier(dossier["id"])["allowed_transitions"]
    assert allowed == ["appraise", "appraisal_reject"]
    assert_workflow_consistent()


def test_a_village_head_withdraws_a_dossier_before_the_decision(people):
    dossier = open_dossier(people["truongthon.a1"], [("household", "Hộ ông Lý Văn Sáu", "giay_khen_huyen")])
    through_commune(people, dossier, "commune_approved")
    people["truongthon.a1"].fire(dossier["id"], "withdraw", expect=400)
    result = people["truongthon.a1"].fire(dossier["id"], "withdraw", comment="Gia đình xin rút hồ sơ")
    assert result["status"] == "withdrawn" and result["allowed_transitions"] == []
    assert people["huyen.ldtbxh"].get("/api/inbox/").json()["count"] == 0
    assert_workflow_consistent()


def test_a_dossier_sent_back_by_the_chair_is_appraised_again_with_the_new_verdict(people):
    dossier = open_dossier(
        people["truongthon.a1"],
        [
            ("household", "Hộ ông Lý Văn Sáu", "giay_khen_huyen"),
            ("individual", "Nguyễn Văn Đức", "giay_khen_huyen"),
        ],
    )
    through_commune(people, dossier, "commune_approved")
    people["huyen.ldtbxh"].fire(dossier["id"], "compile")
    first, second = dossier["nominations"]
    verdicts = [
        {
            "nomination": n["id"],
            "eligible": n is first,
            "criteria": {k: True for k in criteria_keys(n["nominee_kind"])},
        }
        for n in (first, second)
    ]
    people["huyen.noivu"].fire(dossier["id"], "appraise", verdicts=verdicts)
    back = people["huyen.chutich"].fire(dossier["id"], "send_back", comment="Xem lại trường hợp ông Đức")
    assert back["status"] == "appraisal"
    for verdict in verdicts:
        verdict["eligible"] = True
    people["huyen.noivu"].fire(dossier["id"], "appraise", verdicts=verdicts)
    result = people["huyen.chutich"].fire(
        dossier["id"],
        "approve",
        decision_number="400/QĐ-UBND",
        decision_date=TODAY.isoformat(),
        signer_capacity="chair",
    )
    assert [n["outcome"] for n in result["nominations"]] == ["awarded", "awarded"]
    assert_workflow_consistent()
