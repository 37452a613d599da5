"""Hostile input, generated: the API under schemathesis and transition payloads and forms under hypothesis.
The examples are bounded (FUZZ_EXAMPLES, default 20 per case) so that the run stays within CI's time."""

import datetime
import json
import os

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from config.wsgi import application
from workflows.services.handlers import HANDLERS

from . import builders as b
from .api import Official
from .pages import browser

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 20))
FUZZ = settings(
    max_examples=EXAMPLES,
    # An example is one request through the whole stack (tenths of a second): ten seconds flags one that
    # hangs, not a busy machine.
    deadline=datetime.timedelta(seconds=10),
    # No shrinking: shrinking a failure replays hundreds of requests (minutes); the failing request is
    # reported as generated, which reads well enough for hostile input.
    phases=[Phase.explicit, Phase.generate],
    # The examples share the function-scoped demo world on purpose: a refusal changes nothing (the
    # transition test checks it) and an accepted form only adds a dossier, so no example needs a fresh one.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    database=None,
)

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)

# Any JSON value, nested, with the text that breaks naive code: diacritics both ways, NUL, RTL, emoji.
TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["Nguyễn Văn Đức", "Nguye\u0302\u0303n", "\u202eabc", "😀" * 5, "a\x00b", "1e400", "-1", ""]
    ),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=12,
)
PAYLOAD_KEYS = [
    "comment",
    "meeting",
    "verdicts",
    "decision_number",
    "decision_date",
    "signer_capacity",
    "awarded",
    "held_on",
    "members_total",
    "members_present",
    "nomination",
    "approved",
    "votes_for",
    "eligible",
    "criteria",
    "note",
]
PAYLOADS = st.dictionaries(st.sampled_from(PAYLOAD_KEYS), JSON, max_size=6)


@pytest.fixture
def test_connection_stays_open():
    """Calls through the raw WSGI app would close the test's database connection after each request, as
    Django does in production; Django's own test client switches that off in the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@FUZZ
def test_the_api_never_answers_with_a_server_error(case, demo, test_connection_stays_open):
    user = get_user_model().objects.get(username="xa.a.chutich")
    token = Token.objects.get_or_create(user=user)[0].key
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=[not_a_server_error])


STAGES = {
    "submitted": ["commune_approve", "commune_reject", "return_to_village", "withdraw"],
    "appraisal": ["appraise", "request_supplement", "appraisal_reject"],
    "awaiting_decision": ["approve", "reject", "send_back"],
    "forwarded": ["record_province_outcome"],
}
ACTORS = {
    "commune_approve": "xa.a.chutich",
    "commune_reject": "xa.a.chutich",
    "return_to_village": "xa.a.canbo",
    "withdraw": "truongthon.a1",
    "appraise": "huyen.noivu",
    "request_supplement": "huyen.noivu",
    "appraisal_reject": "huyen.noivu",
    "approve": "huyen.chutich",
    "reject": "huyen.chutich",
    "send_back": "huyen.chutich",
    "record_province_outcome": "tinh.noivu",
}
SETUP = {
    "submitted": lambda d: (b.to_submitted(d), b.commune_documents(d)),
    "appraisal": b.to_appraisal,
    "awaiting_decision": b.to_district_decision,
    "forwarded": b.to_forwarded,
}


@pytest.mark.parametrize("state", list(STAGES))
def test_random_transition_payloads_are_refused_cleanly_and_change_nothing(demo, state):
    assert set().union(*STAGES.values()) <= set(HANDLERS)
    dossier = b.new_dossier(award_forms=("bang_khen_tinh",) if state == "forwarded" else ("giay_khen_huyen",))
    SETUP[state](dossier)
    officials = {name: Official(ACTORS[name]) for name in STAGES[state]}

    @given(name=st.sampled_from(STAGES[state]), payload=PAYLOADS)
    @FUZZ
    def fire(name, payload):
        dossier.refresh_from_db()
        before = (dossier.status, dossier.events.count())
        response = officials[name].client.post(
            f"/api/dossiers/{dossier.pk}/transitions/{name}/",
            data=json.dumps(payload),
            content_type="application/json",
        )
        assert response.status_code in (200, 400, 409), (name, payload, response.content[:300])
        dossier.refresh_from_db()
        if response.status_code != 200:
            assert (dossier.status, dossier.events.count()) == before

    fire()


@given(title=TEXT, name=TEXT, kind=TEXT, summary=TEXT, count=st.sampled_from(["1", "0", "-1", "x", "999999"]))
@FUZZ
def test_random_form_data_never_breaks_the_dossier_form(demo, title, name, kind, summary, count):
    response = browser("truongthon.a1").post(
        "/dossiers/new/",
        {
            "title": title,
            "round": "1",
            "n-TOTAL_FORMS": count,
            "n-INITIAL_FORMS": "0",
            "n-MIN_NUM_FORMS": "1",
            "n-MAX_NUM_FORMS": "1000",
            "n-0-nominee_kind": kind,
            "n-0-nominee_name": name,
            "n-0-award_form": "1",
            "n-0-achievement_summary": summary,
        },
    )
    assert response.status_code in (200, 302, 400)
