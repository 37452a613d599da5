"""The route is declared once (workflows.routing); every piece derived from it, and the dossier's state
machine that cannot be derived from it, agree with the declaration."""

import pytest
from viewflow.workflow.nodes import End, Switch, View

from dossiers.models import Dossier
from dossiers.states import FINAL_STATES
from permissions.roles import DECIDER, Role
from web import step_forms as payload_forms
from workflows.flows import DossierFlow, after
from workflows.routing import (
    END,
    STAGES,
    STAGES_BY_NAME,
    STEPS,
    STEPS_BY_NAME,
    TITLES,
    planned_stages,
    successors,
)
from workflows.services.handlers import BY_PAYLOAD, HANDLERS
from workflows.services.transitions import TRANSITION_NAMES

from . import builders as b
from .api import Official

TRANSITIONS = list(Dossier._meta.get_field("status").get_all_transitions(Dossier))  # one per (name, source)
FSM = {t.name: t for t in TRANSITIONS}


def _states(stage_names):
    return {state for name in stage_names for state in STAGES_BY_NAME[name].states}


def test_every_step_moves_between_declared_stages():
    for step in STEPS:
        assert step.moves, step.name
        for source, targets in step.moves.items():
            assert source in STAGES_BY_NAME, (step.name, source)
            assert targets and set(targets) <= set(STAGES_BY_NAME) | {END}, (step.name, targets)


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.name)
def test_the_state_machine_fires_each_step_from_its_stages_to_its_targets(step):
    transition = FSM[step.name]  # the dossier has a transition of the step's name
    assert {t.source for t in TRANSITIONS if t.name == step.name} == _states(step.at)
    targets = {state for targets in step.moves.values() for state in _states(set(targets) - {END})}
    if any(END in t for t in step.moves.values()):
        targets |= set(FINAL_STATES)
    fsm_targets = getattr(transition.target, "allowed_states", None) or [transition.target]
    assert set(fsm_targets) <= targets, (step.name, fsm_targets, targets)


def test_the_state_machine_has_no_transition_the_route_does_not_declare():
    assert set(FSM) == set(STEPS_BY_NAME)


def test_each_step_is_handled_by_the_handler_of_its_payload_and_listed_once():
    assert TRANSITION_NAMES == [step.name for step in STEPS]
    assert set(HANDLERS) == set(STEPS_BY_NAME)
    for step in STEPS:
        assert HANDLERS[step.name] is BY_PAYLOAD[step.payload]


def test_each_step_is_fired_by_declared_roles():
    for step in STEPS:
        assert step.by == DECIDER or (step.by and set(step.by) <= set(Role.values)), step.name


def test_the_page_form_of_each_step_has_its_title_payload_and_required_reason(demo):
    dossier = b.new_dossier()
    dossier.decision_level = "district"
    for step in STEPS:
        form = payload_forms.form_for(step.name, dossier)
        assert form.title == step.title == TITLES[step.name]
        assert type(form) is payload_forms.FORMS.get(step.payload, payload_forms.TransitionForm)
        assert form.fields["comment"].required == step.reason_required, step.name


def test_the_flow_has_a_task_per_stage_and_a_gateway_to_each_stage_the_route_may_lead_to():
    nodes = DossierFlow.instance.nodes()
    by_name = {node.name: node for node in nodes}
    for stage in STAGES:
        task = by_name[stage.name]
        assert isinstance(task, View) and str(task.task_title) == str(stage.label)
        gateway = by_name[after(stage.name)]
        assert isinstance(gateway, Switch)
        assert [edge.dst for edge in task._outgoing()] == [gateway]
        destinations = {edge.dst.name for edge in gateway._outgoing()}
        expected = {END if target == END else target for target in successors(stage.name)}
        assert destinations == expected, stage.name
    assert isinstance(by_name[END], End)


def test_returns_are_drawn_as_the_edges_they_are():
    assert "prepare" in successors("commune_review")  # the commune returns it to the village
    assert "supplement" in successors("appraisal") and "appraisal" in successors("supplement")
    assert "appraisal" in successors("district_decision")  # the chair sends it back
    assert "commune_review" in successors("commune_decision")
    assert successors("prepare") == ["commune_review", END]


def test_the_openapi_document_describes_each_steps_own_body(demo):
    schema = Official("xa.a.canbo").get("/api/schema/", format="json").json()
    components = schema["components"]["schemas"]
    for step in STEPS:
        operation = schema["paths"][f"/api/dossiers/{{id}}/transitions/{step.name}/"]["post"]
        assert operation["summary"] == str(step.title)
        body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
        fields = components[body]
        assert ("comment" in fields.get("required", [])) == step.reason_required, step.name
        expected = EXPECTED_FIELDS.get(step.payload, set())
        assert expected <= set(fields["properties"]), (step.name, fields["properties"].keys())
    assert not any("{name}" in path for path in schema["paths"])


EXPECTED_FIELDS = {
    "meeting": {"meeting", "verdicts"},
    "appraisal": {"verdicts"},
    "decision": {"decision_number", "decision_date", "signer"},
    "province_outcome": {"decision_number", "decision_date", "awarded"},
}


def test_a_step_the_route_does_not_declare_is_not_found(demo):
    dossier = b.new_dossier()
    response = Official("truongthon.a1").post(f"/api/dossiers/{dossier.pk}/transitions/publish/", {})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "decision_level, reached, expected",
    [
        ("", "village", ["prepare", "commune_review", "compile", "appraisal", "district_decision"]),
        ("commune", "commune", ["prepare", "commune_review", "commune_decision"]),
        ("district", "district", ["prepare", "commune_review", "compile", "appraisal", "district_decision"]),
        (
            "district",
            "province",
            ["prepare", "commune_review", "compile", "appraisal", "district_decision", "province_outcome"],
        ),
    ],
)
def test_the_progress_bar_follows_the_routes_forward_moves(decision_level, reached, expected):
    dossier = Dossier(decision_level=decision_level, reached_level=reached)
    assert [stage.name for stage in planned_stages(dossier)] == expected
