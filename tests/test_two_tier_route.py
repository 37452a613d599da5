"""Today's government (from 1 July 2025) end to end through the API's real URLs: a two-tier dossier with a
commune award and a province award goes from the village to both decisions, with one supplement request at
the commune and one at the province, and the history, the workflow and the stage field agree at every step."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from docx import Document as DocxDocument

from dossiers.criteria import criteria_keys
from dossiers.errors import ActionForbidden, DossierNotFound, InvalidInput, StateConflict
from dossiers.models import Decision, Dossier
from workflows.services.batch import decision_issue

from . import builders as b
from . import two_tier as tt
from .api import Official
from .builders import TODAY, user_id

PEOPLE = [
    "truongthon.my1",
    "xa.my.vhxh",
    "xa.my.kinhte",
    "xa.my.chutich",
    "xa.my.phochutich",
    "tinh.noivu",
    "tinh.chutich",
    "xa.a.canbo",  # an official of a three-tier commune: no business with this dossier
]


@pytest.fixture
def people(demo):
    return {name: Official(name) for name in PEOPLE}


def open_two_tier_dossier(head):
    rounds = head.get("/api/rounds/").json()["results"]
    round_id = next(r["id"] for r in rounds if r["is_open"] and r["kind"] == "annual")
    response = head.post(
        "/api/dossiers/",
        {
            "round": round_id,
            "unit": "GL-XMY-01",
            "title": "Đề nghị khen thưởng năm 2026",
            "nominations": [
                {
                    "nominee_kind": "household",
                    "nominee_name": "Hộ bà Đinh Thị Lan",
                    "award_form": "giay_khen_xa",
                },
                {
                    "nominee_kind": "individual",
                    "nominee_name": "Ông Rơ Mah Blếch",
                    "award_form": "bang_khen_tinh",
                },
            ],
        },
    )
    assert response.status_code == 201, response.content
    dossier = response.json()
    for nomination in dossier["nominations"]:
        assert (
            head.upload(dossier["id"], "bao_cao_thanh_tich", nomination=nomination["id"]).status_code == 201
        )
    return dossier


def verdicts(dossier, ids=None):
    return [
        {
            "nomination": n["id"],
            "eligible": True,
            "criteria": {key: True for key in criteria_keys(n["nominee_kind"])},
            "note": "",
        }
        for n in dossier["nominations"]
        if ids is None or n["id"] in ids
    ]


def stage(dossier_id):
    return Dossier.objects.values_list("status", "stage").get(pk=dossier_id)


def check_workflow():
    call_command("check_workflow", stdout=open("/dev/null", "w"))


def test_a_two_tier_dossier_reaches_the_commune_and_the_province_decisions(people):
    p = people
    dossier = open_two_tier_dossier(p["truongthon.my1"])
    pk = dossier["id"]
    household, individual = (n["id"] for n in dossier["nominations"])
    assert Dossier.objects.get(pk=pk).route == "two_tier" and stage(pk) == ("draft", "prepare")
    assert Dossier.objects.get(pk=pk).district_id is None

    p["truongthon.my1"].fire(pk, "submit")
    assert stage(pk) == ("submitted", "intake")
    assert (
        p["xa.my.vhxh"].dossier(pk)["allowed_transitions"] == ["withdraw", "return_to_village", "receive"][1:]
    )
    p["xa.a.canbo"].fire(pk, "receive", expect=404)  # another commune's officer does not see it
    p["xa.my.vhxh"].fire(pk, "receive")
    assert stage(pk) == ("economic_opinion", "economic_opinion")
    p["xa.my.vhxh"].fire(pk, "give_opinion", expect=403, comment="Không phải việc của tôi")
    p["xa.my.kinhte"].fire(pk, "give_opinion", expect=400)  # the opinion is the step's content
    p["xa.my.kinhte"].fire(pk, "give_opinion", comment="Hộ đã thoát nghèo bền vững 3 năm, đúng tiêu chí.")
    assert stage(pk) == ("council_review", "council")

    for kind in ("to_trinh", "bien_ban"):
        assert p["xa.my.vhxh"].upload(pk, kind).status_code == 201
    p["xa.my.chutich"].fire(
        pk,
        "council_vote",
        meeting={"held_on": TODAY.isoformat(), "members_total": 9, "members_present": 8},
        verdicts=[{"nomination": n, "approved": True, "votes_for": 8} for n in (household, individual)],
    )
    assert stage(pk) == ("appraisal", "commune_appraisal")

    # The commune's appraisal asks the village for a supplement, once.
    p["xa.my.vhxh"].fire(pk, "request_supplement", comment="Bổ sung xác nhận thoát nghèo của hộ.")
    assert stage(pk) == ("village_supplement", "village_supplement")
    assert p["truongthon.my1"].upload(pk, "khac").status_code == 201
    p["truongthon.my1"].fire(pk, "resubmit", comment="Đã bổ sung giấy xác nhận.")
    assert stage(pk) == ("appraisal", "commune_appraisal")
    p["xa.my.vhxh"].fire(pk, "request_supplement", expect=409, comment="Lần hai")

    p["xa.my.vhxh"].fire(pk, "appraise", verdicts=verdicts(dossier))
    assert stage(pk) == ("awaiting_decision", "commune_decision")

    # The commune chair decides the commune's award (signed by a vice-chair) and submits the other upward.
    result = p["xa.my.chutich"].fire(
        pk,
        "approve",
        decision_number="15/QĐ-UBND",
        decision_date=TODAY.isoformat(),
        signer=user_id("xa.my.phochutich"),
    )
    outcomes = {n["id"]: n["outcome"] for n in result["nominations"]}
    assert outcomes == {household: "awarded", individual: "forwarded"}
    assert stage(pk) == ("forwarded", "province_appraisal")
    commune_decision = Decision.objects.get(number="15/QĐ-UBND")
    assert commune_decision.issuer.code == "GL-XMY" and commune_decision.signer_capacity == "vice_chair"

    # Sở Nội vụ asks the commune for a supplement, once, then appraises.
    p["tinh.noivu"].fire(pk, "province_request_supplement", comment="Bổ sung báo cáo thành tích có xác nhận.")
    assert stage(pk) == ("province_supplement", "province_supplement")
    assert p["xa.my.vhxh"].upload(pk, "khac").status_code == 201
    p["xa.my.vhxh"].fire(pk, "province_resubmit", comment="Đã bổ sung.")
    assert stage(pk) == ("forwarded", "province_appraisal")
    p["tinh.noivu"].fire(pk, "province_request_supplement", expect=409, comment="Lần hai")
    p["tinh.chutich"].fire(pk, "approve", expect=403)  # not the decider until Sở Nội vụ has appraised
    p["tinh.noivu"].fire(pk, "province_appraise", verdicts=verdicts(dossier, {individual}))
    assert stage(pk) == ("awaiting_decision", "province_decision")

    p["xa.my.chutich"].fire(
        pk, "approve", expect=403, decision_number="16/QĐ-UBND", decision_date=TODAY.isoformat()
    )
    result = p["tinh.chutich"].fire(
        pk, "approve", decision_number="1234/QĐ-UBND", decision_date=TODAY.isoformat()
    )
    outcomes = {n["id"]: n["outcome"] for n in result["nominations"]}
    assert outcomes == {household: "awarded", individual: "awarded"}
    assert stage(pk) == ("decided", "")
    province_decision = Decision.objects.get(number="1234/QĐ-UBND")
    assert province_decision.issuer.code == "GL" and province_decision.signer.username == "tinh.chutich"

    changes = [e["action"] for e in p["truongthon.my1"].history(pk) if e["from_status"] != e["to_status"]]
    assert changes == [
        "create",
        "submit",
        "receive",
        "give_opinion",
        "council_vote",
        "request_supplement",
        "resubmit",
        "appraise",
        "approve",
        "province_request_supplement",
        "province_resubmit",
        "province_appraise",
        "approve",
    ]
    check_workflow()
    call_command("verify_audit", stdout=open("/dev/null", "w"))


# The two-tier route's own rules, through the services.


def test_a_commune_award_ends_at_the_commune_chairs_decision(demo):
    dossier = tt.to_commune_decision(tt.new_two_tier_dossier())
    dossier = b.fire(tt.CHAIR, dossier, "approve", **b.decision_payload("21/QĐ-UBND"))
    assert (dossier.status, dossier.stage) == ("decided", "")
    assert dossier.nominations.get().outcome == "awarded"
    assert dossier.reached_level == "commune"
    check_workflow()


def test_a_province_award_alone_is_submitted_without_a_commune_decision(demo):
    dossier = tt.to_commune_decision(tt.new_two_tier_dossier(award_forms=("bang_khen_tinh",)))
    dossier = b.fire(tt.CHAIR, dossier, "approve")  # nothing to decide at the commune: no number asked
    assert (dossier.status, dossier.stage) == ("forwarded", "province_appraisal")
    assert not Decision.objects.exists()
    event = dossier.events.get(action="approve")
    assert "decision" not in event.changes and event.changes["forwarded"][1] == [dossier.nominations.get().pk]


def test_a_batch_with_nothing_within_the_chairs_authority_issues_nothing(demo):
    dossier = tt.to_commune_decision(tt.new_two_tier_dossier(award_forms=("bang_khen_tinh",)))
    (chair,) = b.users(tt.CHAIR)
    with pytest.raises(StateConflict, match="không có đề nghị nào thuộc thẩm quyền"):
        decision_issue(user=chair, number="30/QĐ-UBND", date=b.TODAY.isoformat(), dossier_ids=[dossier.pk])
    dossier.refresh_from_db()
    assert (dossier.status, dossier.stage) == ("awaiting_decision", "commune_decision")
    assert not Decision.objects.exists()


def test_a_national_award_goes_from_the_province_chair_to_the_central_outcome(demo):
    dossier = tt.to_province_decision(tt.new_two_tier_dossier(award_forms=("giay_khen_xa", "bang_khen_ttg")))
    dossier = b.fire(tt.PROVINCE_CHAIR, dossier, "approve")
    assert (dossier.status, dossier.stage) == ("forwarded_central", "central_outcome")
    national = dossier.nominations.get(award_form__code="bang_khen_ttg")
    dossier = b.fire(
        tt.PROVINCE_OFFICER,
        dossier,
        "record_central_outcome",
        decision_number="1500/QĐ-TTg",
        decision_date=b.TODAY.isoformat(),
        awarded=[national.pk],
    )
    assert (dossier.status, dossier.stage) == ("decided", "")
    assert set(dossier.nominations.values_list("outcome", flat=True)) == {"awarded"}
    check_workflow()


def test_the_province_finding_the_submitted_nominees_ineligible_keeps_the_communes_award(demo):
    dossier = tt.to_province_appraisal(
        tt.new_two_tier_dossier(award_forms=("giay_khen_xa", "bang_khen_tinh"))
    )
    b.fire(tt.PROVINCE_OFFICER, dossier, "province_appraisal_reject", comment="Chưa đủ thành tích cấp tỉnh.")
    outcomes = dict(dossier.nominations.values_list("award_form__code", "outcome"))
    assert outcomes == {"giay_khen_xa": "awarded", "bang_khen_tinh": "not_awarded"}


def test_only_the_officials_of_each_stage_fire_its_steps(demo):
    dossier = tt.new_two_tier_dossier()
    with pytest.raises(DossierNotFound):  # a draft is the village's own
        b.fire(tt.OFFICER, dossier, "submit")
    b.fire(tt.HEAD, dossier, "submit")
    for stranger in ("xa.a.canbo", tt.ECONOMIST, tt.CHAIR):
        with pytest.raises((ActionForbidden, DossierNotFound)):
            b.fire(stranger, dossier, "receive")
    with pytest.raises(StateConflict):  # a step of the other route is not declared here
        b.fire(tt.OFFICER, dossier, "commune_approve", **b.commune_approve_payload(dossier))


def test_the_council_cannot_vote_without_the_minutes_and_the_submission(demo):
    dossier = tt.to_council(tt.new_two_tier_dossier())
    with pytest.raises(InvalidInput) as refused:
        b.fire(tt.CHAIR, dossier, "council_vote", **b.commune_approve_payload(dossier))
    assert refused.value.errors["documents"] == [
        "Chưa có tờ trình của xã trong hồ sơ.",
        "Chưa có biên bản họp xét của xã trong hồ sơ.",
    ]


def test_a_district_award_cannot_be_proposed_in_a_two_tier_round(demo):
    head = Official(tt.HEAD)
    response = head.post(
        "/api/dossiers/",
        {
            "round": tt.two_tier_round().pk,
            "unit": "GL-XMY-01",
            "title": "Đề nghị",
            "nominations": [
                {"nominee_kind": "household", "nominee_name": "Hộ A", "award_form": "giay_khen_huyen"}
            ],
        },
    )
    assert response.status_code == 400
    assert "không còn cấp huyện" in response.json()["errors"]["nominations"][0]
    assert not Dossier.objects.exists()


def test_the_village_asked_for_a_supplement_adds_documents_but_cannot_change_the_nominees(demo):
    dossier = tt.to_commune_appraisal(tt.new_two_tier_dossier())
    b.fire(tt.OFFICER, dossier, "request_supplement", comment="Bổ sung giấy xác nhận.")
    head = Official(tt.HEAD)
    assert head.upload(dossier.pk, "khac").status_code == 201
    response = head.client.patch(f"/api/dossiers/{dossier.pk}/", {"title": "Sửa"}, format="json")
    assert response.status_code == 403


def test_a_rounds_route_is_fixed_once_it_has_dossiers(demo):
    round_ = tt.two_tier_round()
    round_.route = "three_tier"
    round_.full_clean()  # no dossier yet: the administrator may still correct it
    round_.route = "two_tier"
    tt.new_two_tier_dossier()
    round_.route = "three_tier"
    with pytest.raises(ValidationError) as refused:
        round_.full_clean()
    assert "không đổi quy trình" in refused.value.message_dict["route"][0]


def _draft_text(client, dossier, kind):
    response = client.get(f"/dossiers/{dossier.pk}/drafts/{kind}.docx")
    assert response.status_code == 200, response.content[:300]
    document = DocxDocument(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([*cells, *(p.text for p in document.paragraphs)])


def test_the_drafts_of_a_two_tier_dossier_name_todays_offices_and_chairs(demo, client):
    dossier = tt.to_commune_decision(tt.new_two_tier_dossier(award_forms=("giay_khen_xa", "bang_khen_tinh")))
    client.force_login(b.users(tt.OFFICER)[0])
    submission = _draft_text(client, dossier, "to-trinh")
    assert "kính trình Chủ tịch Ủy ban nhân dân Tỉnh Gia Lai" in submission
    assert "Hộ bà Đinh Thị Lan 2" in submission and "Hộ bà Đinh Thị Lan 1" not in submission  # its own award
    assert "huyện" not in submission.lower().replace("giấy khen của chủ tịch ubnd huyện", "")
    report = _draft_text(client, dossier, "bao-cao-tham-dinh")
    assert "PHÒNG VĂN HÓA - XÃ HỘI" in report and "Phòng Nội vụ" not in report

    commune_only = tt.to_commune_decision(tt.new_two_tier_dossier())
    assert "kính trình Chủ tịch Ủy ban nhân dân Xã Mang Yang" in _draft_text(client, commune_only, "to-trinh")

    b.fire(tt.CHAIR, dossier, "approve", **b.decision_payload("40/QĐ-UBND"))
    client.force_login(b.users(tt.PROVINCE_OFFICER)[0])
    report = _draft_text(client, dossier, "bao-cao-tham-dinh")
    assert "SỞ NỘI VỤ" in report and "Lan 2" in report and "Lan 1" not in report


def test_the_stage_filter_groups_each_routes_stages(demo, client):
    client.force_login(b.users(tt.OFFICER)[0])
    page = client.get("/inbox/").content.decode()
    assert '<optgroup label="Hai cấp: thôn – xã – tỉnh (từ 01/07/2025)">' in page
    assert '<option value="intake">Phòng Văn hóa – Xã hội tiếp nhận</option>' in page


def test_the_village_asked_for_a_supplement_reads_what_is_asked_on_its_page(demo, client):
    dossier = tt.to_commune_appraisal(tt.new_two_tier_dossier())
    b.fire(tt.OFFICER, dossier, "request_supplement", comment="Bổ sung giấy xác nhận thoát nghèo.")
    client.force_login(b.users(tt.HEAD)[0])
    page = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert "Nội dung yêu cầu bổ sung" in page and "Bổ sung giấy xác nhận thoát nghèo." in page
    assert "Lý do hồ sơ bị trả lại" not in page


def test_a_village_proposes_only_in_rounds_of_the_route_its_units_run(demo):
    ladder_head, head = Official("truongthon.a1"), Official(tt.HEAD)
    routes = {r["id"]: r for r in Official("xa.a.canbo").get("/api/rounds/").json()["results"]}
    mine = [r["id"] for r in head.get("/api/rounds/").json()["results"]]
    theirs = [r["id"] for r in ladder_head.get("/api/rounds/").json()["results"]]
    assert mine == [tt.two_tier_round().pk] and tt.two_tier_round().pk not in theirs and theirs
    assert set(mine) | set(theirs) == set(routes)
    response = ladder_head.post(
        "/api/dossiers/",
        {
            "round": tt.two_tier_round().pk,
            "unit": "GL-MY-DD-01",
            "title": "Đề nghị",
            "nominations": [
                {"nominee_kind": "household", "nominee_name": "Hộ A", "award_form": "giay_khen_xa"}
            ],
        },
    )
    assert response.status_code == 400
    assert "còn thuộc một huyện" in response.json()["errors"]["round"][0]


def test_the_new_dossier_form_offers_the_award_forms_of_the_villages_route(demo, client):
    client.force_login(b.users(tt.HEAD)[0])
    two_tier = client.get("/dossiers/new/").content.decode()
    client.force_login(b.users("truongthon.a1")[0])
    ladder = client.get("/dossiers/new/").content.decode()
    assert "Giấy khen của Chủ tịch UBND huyện" in ladder and "Giấy khen của Chủ tịch UBND huyện" not in two_tier
    assert "Bằng khen của Chủ tịch UBND tỉnh" in two_tier
    assert "Khen thưởng hằng năm 2026" in two_tier and "Khen thưởng hằng năm 2026" not in ladder


def test_the_progress_bar_shows_the_province_chairs_decision_still_to_come(demo, client):
    """Two stages share the state "awaiting decision": the province chair's is not drawn as done because the
    commune chair's was."""
    dossier = tt.to_province_appraisal(tt.new_two_tier_dossier(award_forms=("giay_khen_xa", "bang_khen_tinh")))
    client.force_login(b.users(tt.PROVINCE_OFFICER)[0])
    page = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert '<li class="done">✓ Chủ tịch UBND xã quyết định</li>' in page
    assert '<li class="current" aria-current="step">▶ Sở Nội vụ thẩm định</li>' in page
    assert '<li class="next">Chủ tịch UBND tỉnh quyết định</li>' in page
