"""Every cell of tests/permission_matrix.py against the running API and pages."""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import get_resolver
from rest_framework.test import APIClient

from workflows.services.handlers import HANDLERS

from . import builders as b
from . import permission_matrix as m
from . import two_tier as tt

XA, HUYEN, TINH = ("giay_khen_xa",), ("giay_khen_huyen",), ("bang_khen_tinh",)
REASON = {"comment": "Lý do kiểm tra ma trận quyền"}


def _then(*steps):
    def setup(dossier):
        for step in steps:
            step(dossier)

    return setup


def _fire(username, name, **payload):
    return lambda dossier: b.fire(username, dossier, name, **payload)


SETUPS = {
    "draft": (HUYEN, _then()),
    "submitted": (HUYEN, _then(b.to_submitted, b.commune_documents)),
    "returned": (HUYEN, _then(b.to_submitted, _fire("xa.a.canbo", "return_to_village", **REASON))),
    "awaiting_decision (xã)": (XA, _then(b.to_commune_decision)),
    "decided (xã)": (
        XA,
        _then(b.to_commune_decision, _fire("xa.a.chutich", "approve", **b.decision_payload())),
    ),
    "rejected": (HUYEN, _then(b.to_submitted, _fire("xa.a.chutich", "commune_reject", **REASON))),
    "withdrawn": (HUYEN, _then(b.to_submitted, _fire("truongthon.a1", "withdraw", **REASON))),
    "commune_approved": (HUYEN, _then(b.to_commune_approved)),
    "appraisal": (HUYEN, _then(b.to_appraisal)),
    "supplement_requested": (
        HUYEN,
        _then(b.to_appraisal, _fire("huyen.noivu", "request_supplement", **REASON)),
    ),
    "awaiting_decision": (HUYEN, _then(b.to_district_decision)),
    "forwarded": (TINH, _then(b.to_forwarded)),
    "decided": (
        HUYEN,
        _then(b.to_district_decision, _fire("huyen.chutich", "approve", **b.decision_payload())),
    ),
}


def subject(state):
    forms, setup = SETUPS[state]
    dossier = b.new_dossier(award_forms=forms)
    setup(dossier)
    dossier.refresh_from_db()
    return dossier


NUMBERS = itertools.count(77)


def payload(name, dossier):
    if name == "commune_approve":
        return b.commune_approve_payload(dossier)
    if name == "appraise":
        return b.appraise_payload(dossier)
    if name == "province_appraise":
        return tt.province_appraise_payload(dossier)
    if name == "approve":  # a new number each time: the chair and a vice-chair may not share one
        return b.decision_payload(f"{next(NUMBERS)}/QĐ-UBND")
    if name == "record_province_outcome":
        ids = list(dossier.nominations.values_list("pk", flat=True))
        return {"decision_number": "8/QĐ-UBND", "decision_date": b.TODAY.isoformat(), "awarded": ids}
    return REASON


@pytest.fixture
def people(demo):
    get_user_model().objects.create_user("nguoi.ngoai", password="demo12345")
    clients = {}
    for username in m.PERSONAS:
        client = APIClient()
        client.force_authenticate(get_user_model().objects.get(username=username))
        clients[username] = client
    return clients


def test_the_matrix_names_every_transition_and_state_of_the_code():
    assert set(m.SOURCES) == set(HANDLERS)
    assert set(SETUPS) == set(m.STATES)


@pytest.mark.parametrize("state", m.STATES)
def test_every_transition_answers_every_persona_as_the_matrix_says(people, state):
    dossier, mismatches = subject(state), []
    for name in m.SOURCES:
        for persona in m.PERSONAS:
            want = m.expected(persona, name, state)
            target = subject(state) if want == 200 else dossier  # a success changes its subject
            url = f"/api/dossiers/{target.pk}/transitions/{name}/"
            got = people[persona].post(url, payload(name, target), format="json").status_code
            if got != want:
                mismatches.append((persona, name, want, got))
    assert mismatches == []
    dossier.refresh_from_db()
    assert dossier.status == state.split(" ")[0]  # no refusal changed anything


@pytest.mark.parametrize("state", ["submitted", "awaiting_decision", "forwarded"])
def test_the_action_pages_answer_as_the_api_does(demo, state):
    get_user_model().objects.create_user("nguoi.ngoai", password="demo12345")
    dossier, mismatches = subject(state), []
    for persona in m.PERSONAS:
        client = Client()
        client.force_login(get_user_model().objects.get(username=persona))
        for name in m.SOURCES:
            want = m.expected(persona, name, state)
            if want == 200:
                continue  # the successes are played through the pages in the lifecycle and browser tests
            got = client.post(f"/dossiers/{dossier.pk}/actions/{name}/", {f"{name}-comment": "x"}).status_code
            if got != want:
                mismatches.append((persona, name, want, got))
    assert mismatches == []


def test_every_page_and_endpoint_answers_every_persona_as_the_matrix_says(people):
    dossier = subject("submitted")
    document = dossier.documents.filter(kind="bao_cao_thanh_tich").first()
    mismatches = []
    for persona in m.PERSONAS:
        pages = Client()
        pages.force_login(get_user_model().objects.get(username=persona))
        for path in m.READS:
            url = path.format(id=dossier.pk, doc=document.pk)
            client = people[persona] if path.startswith("/api/") else pages
            got = client.get(url).status_code
            if got != m.expected_read(persona, path):
                mismatches.append((persona, path, m.expected_read(persona, path), got))
    assert mismatches == []


def test_every_url_is_in_the_matrix():
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                if pattern.namespace in (None, "") and not str(pattern.pattern).startswith(
                    ("admin/", "workflow/")
                ):
                    walk(pattern.url_patterns)
            elif pattern.name:
                names.add(pattern.name)

    walk(get_resolver().url_patterns)
    assert names - set(m.WRITES) == set()
