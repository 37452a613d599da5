"""Every cell of tests/permission_matrix_two_tier.py against the running API and pages."""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.test import APIClient

from dossiers.services.access import membership_grant
from permissions.models import Unit
from workflows.routes import ROUTES, STEPS_BY_NAME, TWO_TIER

from . import builders as b
from . import permission_matrix_two_tier as m
from . import two_tier as tt

XA, TINH, TRUNG_UONG = ("giay_khen_xa",), ("bang_khen_tinh",), ("bang_khen_ttg",)
REASON = {"comment": "Lý do kiểm tra ma trận quyền"}
NUMBERS = itertools.count(301)  # a new decision number each time: a chair and a vice-chair may not share one


def _number():
    return f"{next(NUMBERS)}/QĐ-UBND"


def _fire(username, name, **payload):
    return lambda dossier: b.fire(username, dossier, name, **payload)


def _then(*steps):
    def setup(dossier):
        for step in steps:
            step(dossier)

    return setup


def _council(dossier):
    tt.to_council(dossier)
    b.commune_documents(dossier, username=m.OFFICER)  # what the council's vote needs in the dossier


def _decide(username):
    return lambda dossier: b.fire(username, dossier, "approve", **b.decision_payload(_number()))


SETUPS = {
    "draft": (XA, _then()),
    "returned": (XA, _then(_fire(m.VILLAGE_HEAD, "submit"), _fire(m.OFFICER, "return_to_village", **REASON))),
    "submitted": (XA, _then(_fire(m.VILLAGE_HEAD, "submit"))),
    "economic_opinion": (XA, _then(_fire(m.VILLAGE_HEAD, "submit"), _fire(m.OFFICER, "receive"))),
    "council_review": (XA, _council),
    "appraisal": (XA, tt.to_commune_appraisal),
    "village_supplement": (
        XA,
        _then(tt.to_commune_appraisal, _fire(m.OFFICER, "request_supplement", **REASON)),
    ),
    "awaiting_decision (xã)": (XA, tt.to_commune_decision),
    "decided (xã)": (XA, _then(tt.to_commune_decision, _decide(m.CHAIR))),
    "rejected": (XA, _then(_council, _fire(m.CHAIR, "council_reject", **REASON))),
    "withdrawn": (XA, _then(_fire(m.VILLAGE_HEAD, "submit"), _fire(m.VILLAGE_HEAD, "withdraw", **REASON))),
    "forwarded": (TINH, tt.to_province_appraisal),
    "province_supplement": (
        TINH,
        _then(tt.to_province_appraisal, _fire(m.PROVINCE_OFFICER, "province_request_supplement", **REASON)),
    ),
    "awaiting_decision (tỉnh)": (TINH, tt.to_province_decision),
    "forwarded_central": (TRUNG_UONG, _then(tt.to_province_decision, _decide(m.PROVINCE_CHAIR))),
    "decided (tỉnh)": (TINH, _then(tt.to_province_decision, _decide(m.PROVINCE_CHAIR))),
}


def listed(mismatches) -> str:
    return "\n".join(
        f"{p} {step} at {state}: expected {want}, got {got}" for p, step, state, want, got in mismatches
    )


def subject(state):
    """A new two-tier dossier put in ``state`` through the real services."""
    forms, setup = SETUPS[state]
    dossier = tt.new_two_tier_dossier(award_forms=forms)
    setup(dossier)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.stage) == (state.split(" ")[0], m.STAGES[state])
    return dossier


def payload(name, dossier):
    if name == "council_vote":
        return b.commune_approve_payload(dossier)
    if name == "appraise":
        return b.appraise_payload(dossier)
    if name == "province_appraise":
        return tt.province_appraise_payload(dossier)
    if name == "approve":
        return b.decision_payload(_number())
    if name == "record_central_outcome":
        forwarded = list(dossier.nominations.filter(outcome="forwarded").values_list("pk", flat=True))
        return {"decision_number": _number(), "decision_date": b.TODAY.isoformat(), "awarded": forwarded}
    return REASON


# The people the demo world lacks: a neighbouring village head, another two-tier commune of the province and
# Sở Nội vụ of another province, and a user with no role.
EXTRA_UNITS = [
    ("GL-XDD", "Xã Đak Đoa", "commune", "GL"),
    ("DL", "Tỉnh Đắk Lắk", "province", None),
]
EXTRA_PEOPLE = [
    ("truongthon.my2", "village_head", "GL-XMY-02"),
    ("xa.dd.vhxh", "commune_officer", "GL-XDD"),
    ("xa.dd.chutich", "commune_chair", "GL-XDD"),
    ("tinh.dl.noivu", "province_officer", "DL"),
]


def _extra_world():
    for code, name, level, parent in EXTRA_UNITS:
        parent = Unit.objects.get(code=parent) if parent else None
        Unit.objects.create(code=code, name=name, level=level, parent=parent).ensure_agencies()
    User = get_user_model()
    admin = User.objects.get(username="admin")
    for username, role, unit in EXTRA_PEOPLE:
        user = User.objects.create_user(username, password="demo12345")
        membership_grant(by=admin, user=user, role=role, unit=Unit.objects.get(code=unit))
    User.objects.create_user("nguoi.ngoai", password="demo12345")


@pytest.fixture
def world(demo):
    _extra_world()


@pytest.fixture
def people(world):
    clients = {}
    for username in m.PERSONAS:
        client = APIClient()
        client.force_authenticate(get_user_model().objects.get(username=username))
        clients[username] = client
    return clients


def test_the_matrix_names_every_step_of_every_route():
    assert set(m.SOURCES) == set(STEPS_BY_NAME)
    for route in ROUTES.values():
        assert set(route.steps_by_name) <= set(m.SOURCES), route.name
    assert m.OTHER_ROUTE == set(STEPS_BY_NAME) - set(TWO_TIER.steps_by_name)
    assert set(m.FIRED_BY) | m.DECIDING == set(TWO_TIER.steps_by_name)


def test_the_matrix_puts_the_subject_at_every_stage_of_the_two_tier_route():
    assert set(m.STAGES.values()) - {""} == set(TWO_TIER.stages_by_name)
    assert set(SETUPS) == set(m.STATES)


@pytest.mark.parametrize("state", m.STATES)
def test_every_step_answers_every_persona_as_the_matrix_says(people, state):
    dossier, mismatches = subject(state), []
    for name in m.SOURCES:
        for persona in m.PERSONAS:
            want = m.expected(persona, name, state)
            target = subject(state) if want == 200 else dossier  # a success changes its subject
            url = f"/api/dossiers/{target.pk}/transitions/{name}/"
            got = people[persona].post(url, payload(name, target), format="json").status_code
            if got != want:
                mismatches.append((persona, name, state, want, got))
    assert not mismatches, listed(mismatches)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.stage) == (state.split(" ")[0], m.STAGES[state])  # no refusal moved it


@pytest.mark.parametrize("state", m.READ_STATES)
def test_the_dossier_pages_and_api_answer_who_sees_it(people, state):
    dossier, mismatches = subject(state), []
    for persona in m.PERSONAS:
        pages = Client()
        pages.force_login(get_user_model().objects.get(username=persona))
        for path in m.READS:
            client = people[persona] if path.startswith("/api/") else pages
            got = client.get(path.format(id=dossier.pk)).status_code
            if got != m.expected_read(persona, state):
                mismatches.append((persona, path, state, m.expected_read(persona, state), got))
    assert not mismatches, listed(mismatches)


@pytest.mark.parametrize("state", ["council_review", "forwarded"])
def test_the_action_pages_answer_as_the_api_does(world, state):
    dossier, mismatches = subject(state), []
    for persona in m.PERSONAS:
        client = Client()
        client.force_login(get_user_model().objects.get(username=persona))
        for name in m.SOURCES:
            want = m.expected(persona, name, state)
            if want == 200:
                continue  # the successes are played through the pages in the browser test
            got = client.post(f"/dossiers/{dossier.pk}/actions/{name}/", {f"{name}-comment": "x"}).status_code
            if got != want:
                mismatches.append((persona, name, state, want, got))
    assert not mismatches, listed(mismatches)
