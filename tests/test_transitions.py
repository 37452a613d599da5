"""Every transition: the allowed path, a wrong state, a wrong user, and its side effects."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from viewflow.workflow.models import Task

from dossiers.errors import ActionForbidden, DossierNotFound, StateConflict
from dossiers.models import AuditEvent
from workflows.queues import process_open_tasks as open_tasks
from workflows.routes import stage_of

from . import builders as b


def nothing(dossier):
    return None


def supplement_requested(dossier):
    b.to_appraisal(dossier)
    b.fire("huyen.noivu", dossier, "request_supplement", comment="Bổ sung xác nhận của UBND xã")


def decided_at_commune(dossier):
    b.to_commune_decision(dossier)
    b.fire("xa.a.chutich", dossier, "approve", **b.decision_payload())


def province_decided(dossier):
    b.to_forwarded(dossier)
    ids = list(dossier.nominations.values_list("pk", flat=True))
    b.fire(
        "tinh.noivu",
        dossier,
        "record_province_outcome",
        decision_number="9/QĐ-UBND",
        decision_date=b.TODAY.isoformat(),
        awarded=ids,
    )


def awarded_ids(dossier):
    return {
        "decision_number": "9/QĐ-UBND",
        "decision_date": b.TODAY.isoformat(),
        "awarded": list(dossier.nominations.values_list("pk", flat=True)),
    }


@dataclass
class Case:
    name: str
    setup: Callable
    actor: str
    payload: Callable
    to: str
    wrong_state: Callable
    wrong_role: str
    award_forms: tuple = ("giay_khen_xa",)


REASON = {"comment": "Lý do cụ thể cho thôn"}
DISTRICT = ("giay_khen_huyen",)
PROVINCE = ("bang_khen_tinh",)

CASES = [
    Case("submit", nothing, "truongthon.a1", lambda d: {}, "submitted", b.to_submitted, "truongthon.a2"),
    Case(
        "withdraw",
        b.to_submitted,
        "truongthon.a1",
        lambda d: REASON,
        "withdrawn",
        decided_at_commune,
        "xa.a.canbo",
    ),
    Case(
        "return_to_village",
        b.to_submitted,
        "xa.a.canbo",
        lambda d: REASON,
        "returned",
        b.to_commune_decision,
        "xa.a.chutich",
    ),
    Case(
        "commune_approve",
        lambda d: (b.to_submitted(d), b.commune_documents(d)),
        "xa.a.chutich",
        b.commune_approve_payload,
        "awaiting_decision",
        b.to_commune_decision,
        "xa.a.canbo",
    ),
    Case(
        "commune_reject",
        b.to_submitted,
        "xa.a.chutich",
        lambda d: REASON,
        "rejected",
        b.to_commune_decision,
        "xa.a.canbo",
    ),
    Case(
        "compile",
        b.to_commune_approved,
        "huyen.ldtbxh",
        lambda d: {},
        "appraisal",
        b.to_appraisal,
        "huyen.noivu",
        DISTRICT,
    ),
    Case(
        "request_supplement",
        b.to_appraisal,
        "huyen.noivu",
        lambda d: REASON,
        "supplement_requested",
        b.to_district_decision,
        "huyen.ldtbxh",
        DISTRICT,
    ),
    Case(
        "resubmit",
        supplement_requested,
        "xa.a.canbo",
        lambda d: REASON,
        "appraisal",
        b.to_appraisal,
        "xa.a.chutich",
        DISTRICT,
    ),
    Case(
        "appraise",
        b.to_appraisal,
        "huyen.noivu",
        b.appraise_payload,
        "awaiting_decision",
        b.to_commune_approved,
        "huyen.chutich",
        DISTRICT,
    ),
    Case(
        "appraisal_reject",
        b.to_appraisal,
        "huyen.noivu",
        lambda d: REASON,
        "rejected",
        b.to_commune_approved,
        "huyen.ldtbxh",
        DISTRICT,
    ),
    Case(
        "approve",
        b.to_district_decision,
        "huyen.chutich",
        lambda d: b.decision_payload(),
        "decided",
        b.to_appraisal,
        "huyen.noivu",
        DISTRICT,
    ),
    Case(
        "reject",
        b.to_district_decision,
        "huyen.chutich",
        lambda d: REASON,
        "rejected",
        b.to_appraisal,
        "huyen.noivu",
        DISTRICT,
    ),
    Case(
        "send_back",
        b.to_district_decision,
        "huyen.chutich",
        lambda d: REASON,
        "appraisal",
        b.to_appraisal,
        "huyen.noivu",
        DISTRICT,
    ),
    Case(
        "record_province_outcome",
        b.to_forwarded,
        "tinh.noivu",
        awarded_ids,
        "decided",
        province_decided,
        "huyen.chutich",
        PROVINCE,
    ),
]
IDS = [case.name for case in CASES]


def prepared(case):
    dossier = b.new_dossier(award_forms=case.award_forms)
    case.setup(dossier)
    dossier.refresh_from_db()
    return dossier


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_it_moves_the_dossier_and_records_who_did_it(demo, case):
    dossier = prepared(case)
    before, events_before = dossier.status, dossier.events.count()

    result = b.fire(case.actor, dossier, case.name, **case.payload(dossier))

    assert result.status == case.to
    event = AuditEvent.objects.filter(dossier=dossier).last()
    assert dossier.events.count() == events_before + 1
    assert (event.action, event.from_status, event.to_status) == (case.name, before, case.to)
    assert event.actor.username == case.actor and event.role and event.unit is not None
    assert event.comment == case.payload(dossier).get("comment", "")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_it_completes_the_task_and_opens_the_next_stage(demo, case):
    dossier = prepared(case)
    (task_before,) = open_tasks(dossier.process)

    b.fire(case.actor, dossier, case.name, **case.payload(dossier))

    task_before.refresh_from_db()
    assert task_before.status == "DONE" and task_before.owner.username == case.actor
    assert task_before.data["transition"] == case.name
    dossier.refresh_from_db()
    stage = stage_of(dossier)
    names = [t.flow_task.name for t in open_tasks(dossier.process)]
    assert names == ([stage.name] if stage else [])
    if stage is None:
        dossier.process.refresh_from_db()
        assert dossier.process.finished is not None


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_it_refuses_a_dossier_in_the_wrong_state_and_changes_nothing(demo, case):
    dossier = b.new_dossier(award_forms=case.award_forms)
    case.wrong_state(dossier)
    dossier.refresh_from_db()
    status, events, tasks = dossier.status, dossier.events.count(), Task.objects.count()

    with pytest.raises(StateConflict):
        b.fire(case.actor, dossier, case.name, **case.payload(dossier))

    dossier.refresh_from_db()
    assert (dossier.status, dossier.events.count(), Task.objects.count()) == (status, events, tasks)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_it_refuses_the_wrong_role_and_the_read_only_inspector(demo, case):
    dossier = prepared(case)
    status, events = dossier.status, dossier.events.count()
    for username in (case.wrong_role, "huyen.thanhtra"):
        with pytest.raises((ActionForbidden, DossierNotFound)) as refused:
            b.fire(username, dossier, case.name, **case.payload(dossier))
        if username == "huyen.thanhtra":
            assert isinstance(refused.value, ActionForbidden)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.events.count()) == (status, events)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_it_gives_404_to_the_same_role_in_another_commune(demo, case):
    dossier = prepared(case)
    with pytest.raises(DossierNotFound):
        b.fire(
            "xa.b.chutich" if case.actor.startswith("xa") else "truongthon.b1",
            dossier,
            case.name,
            **case.payload(dossier),
        )
