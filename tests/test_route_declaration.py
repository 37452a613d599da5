"""Each route is declared once (workflows.routes); every piece derived from them, and the dossier's state
machine that cannot be derived from them, agree with the declarations."""

import pytest
from viewflow.workflow.nodes import End, Switch, View

from dossiers.models import Dossier
from dossiers.states import FINAL_STATES
from permissions.roles import DECIDER, Role
from web import step_forms as payload_forms
from workflows.flows import FLOWS, after
from workflows.routes import (
    END,
    LADDER_TO_TWO_TIER,
    ROUTES,
    STEP_NAMES,
    STEPS_BY_NAME,
    THREE_TIER,
    TITLES,
    TWO_TIER,
)
from workflows.services.handlers import BY_PAYLOAD, HANDLERS

from . import builders as b
from .api import Official

TRANSITIONS = list(Dossier._meta.get_field("status").get_all_transitions(Dossier))  # one per (name, source)
FSM = {t.name: t for t in TRANSITIONS}
ROUTE_STEPS = [(route, step) for route in ROUTES.values() for step in route.steps]


def _states(route, stage_names):
    return {state for name in stage_names for state in route.stages_by_name[name].states}


def _ids(pair):
    return f"{pair[0].name}-{pair[1].name}" if isinstance(pair, tuple) else None


@pytest.mark.parametrize("route", ROUTES.values(), ids=lambda r: r.name)
def test_every_step_moves_between_declared_stages(route):
    for step in route.steps:
        assert step.moves, step.name
        for source, targets in step.moves.items():
            assert source in route.stages_by_name, (step.name, source)
            assert targets and set(targets) <= set(route.stages_by_name) | {END}, (step.name, targets)


@pytest.mark.parametrize("name", STEP_NAMES)
def test_the_state_machine_fires_each_step_from_its_stages_to_its_targets(name):
    transition = FSM[name]  # the dossier has a transition of the step's name
    declared = [(route, route.steps_by_name[name]) for route in ROUTES.values() if name in route.steps_by_name]
    sources = set().union(*(_states(route, step.at) for route, step in declared))
    assert {t.source for t in TRANSITIONS if t.name == name} == sources
    targets = set()
    for route, step in declared:
        targets |= {s for t in step.moves.values() for s in _states(route, set(t) - {END})}
        if any(END in t for t in step.moves.values()):
            targets |= set(FINAL_STATES)
    fsm_targets = getattr(transition.target, "allowed_states", None) or [transition.target]
    assert set(fsm_targets) <= targets, (name, fsm_targets, targets)


def test_every_route_has_its_flow():
    assert set(FLOWS) == set(ROUTES)


def test_the_state_machine_has_no_transition_the_routes_do_not_declare():
    assert set(FSM) == set(STEPS_BY_NAME)


def test_a_step_or_stage_name_means_the_same_on_every_route():
    for route, step in ROUTE_STEPS:
        first = STEPS_BY_NAME[step.name]
        assert (step.title, step.payload, step.reason_required) == (
            first.title,
            first.payload,
            first.reason_required,
        ), (route.name, step.name)
    for stage in THREE_TIER.stages:
        other = TWO_TIER.stages_by_name.get(stage.name)
        if other is not None:
            assert (other.label, other.states, other.level) == (stage.label, stage.states, stage.level)


@pytest.mark.parametrize("route", ROUTES.values(), ids=lambda r: r.name)
def test_a_state_and_deciding_level_name_one_stage_of_each_route(route):
    """How the notices and the migration of old dossiers find a stage from a state."""
    for stage in route.stages:
        for state in stage.states:
            assert route.stage_holding(state, stage.decision_level) == stage, (route.name, stage.name)


@pytest.mark.parametrize("route, step", ROUTE_STEPS, ids=_ids)
def test_each_target_of_a_step_is_told_apart_by_the_state_it_leaves_the_dossier_in(route, step):
    """The transition service reads where a step led from the dossier's new state (and deciding level)."""
    for source, targets in step.moves.items():
        seen = set()
        for target in set(targets) - {END}:
            stage = route.stages_by_name[target]
            key = (stage.states[0], stage.decision_level)
            assert key not in seen, (step.name, source, target)
            seen.add(key)
        if step.targeted:
            assert all(target != END for target in targets), step.name


def test_each_step_is_handled_by_the_handler_of_its_payload_and_listed_once():
    assert set(HANDLERS) == set(STEPS_BY_NAME)
    for route, step in ROUTE_STEPS:
        assert HANDLERS[step.name] is BY_PAYLOAD[step.payload]
        assert len([s for s in route.steps if s.name == step.name]) == 1


def test_each_step_is_fired_by_declared_roles():
    for _route, step in ROUTE_STEPS:
        assert step.by == DECIDER or (step.by and set(step.by) <= set(Role.values)), step.name


def test_the_page_form_of_each_step_has_its_title_payload_and_required_reason(demo):
    dossier = b.new_dossier()
    dossier.decision_level = "district"
    for step in STEPS_BY_NAME.values():
        form = payload_forms.form_for(step.name, dossier)
        assert form.title == step.title == TITLES[step.name]
        assert type(form) is payload_forms.FORMS.get(step.payload, payload_forms.TransitionForm)
        assert form.fields["comment"].required == step.reason_required, step.name


@pytest.mark.parametrize("route", ROUTES.values(), ids=lambda r: r.name)
def test_the_flow_has_a_task_per_stage_and_a_gateway_to_each_stage_the_route_may_lead_to(route):
    nodes = FLOWS[route.name].instance.nodes()
    by_name = {node.name: node for node in nodes}
    for stage in route.stages:
        task = by_name[stage.name]
        assert isinstance(task, View) and str(task.task_title) == str(stage.label)
        gateway = by_name[after(stage.name)]
        assert isinstance(gateway, Switch)
        assert [edge.dst for edge in task._outgoing()] == [gateway]
        destinations = {edge.dst.name for edge in gateway._outgoing()}
        expected = {END if target == END else target for target in route.successors(stage.name)}
        assert destinations == expected, stage.name
    assert isinstance(by_name[END], End)


def test_returns_are_drawn_as_the_edges_they_are():
    successors = THREE_TIER.successors
    assert "prepare" in successors("commune_review")  # the commune returns it to the village
    assert "supplement" in successors("appraisal") and "appraisal" in successors("supplement")
    assert "appraisal" in successors("district_decision")  # the chair sends it back
    assert "commune_review" in successors("commune_decision")
    assert successors("prepare") == ["commune_review", END]


def test_the_two_tier_returns_go_to_the_village_from_the_commune_and_to_the_commune_from_the_province():
    successors = TWO_TIER.successors
    assert set(successors("intake")) == {"prepare", "economic_opinion", "council", END}
    assert "village_supplement" in successors("commune_appraisal")
    assert "commune_appraisal" in successors("village_supplement")
    assert "province_supplement" in successors("province_appraisal")
    assert "province_appraisal" in successors("province_supplement")
    assert "commune_appraisal" in successors("commune_decision")
    assert "province_appraisal" in successors("province_decision")


def test_the_openapi_document_describes_each_steps_own_body(demo):
    schema = Official("xa.a.canbo").get("/api/schema/", format="json").json()
    components = schema["components"]["schemas"]
    for step in STEPS_BY_NAME.values():
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
    assert [stage.name for stage in THREE_TIER.planned_stages(dossier)] == expected


COMMUNE_STAGES = ["prepare", "intake", "economic_opinion", "council", "commune_appraisal", "commune_decision"]


@pytest.mark.parametrize(
    "decision_level, reached, switched_off, expected",
    [
        ("", "village", (), COMMUNE_STAGES),
        ("commune", "commune", ("economic_opinion",), [s for s in COMMUNE_STAGES if s != "economic_opinion"]),
        ("commune", "province", (), COMMUNE_STAGES + ["province_appraisal"]),
        ("province", "province", (), COMMUNE_STAGES + ["province_appraisal", "province_decision"]),
    ],
)
def test_the_two_tier_progress_bar_skips_what_the_province_switched_off(
    decision_level, reached, switched_off, expected
):
    dossier = Dossier(decision_level=decision_level, reached_level=reached)
    assert [stage.name for stage in TWO_TIER.planned_stages(dossier, switched_off)] == expected


def test_every_ladder_stage_has_a_place_on_the_two_tier_route():
    assert set(LADDER_TO_TWO_TIER) == set(THREE_TIER.stages_by_name)
    assert set(LADDER_TO_TWO_TIER.values()) <= set(TWO_TIER.stages_by_name)


@pytest.mark.parametrize("route", ROUTES.values(), ids=lambda r: r.name)
def test_each_deciding_level_of_a_route_has_its_authority(route):
    deciding = {stage.decision_level for stage in route.stages if stage.decision_level}
    assert deciding == set(route.authority)


def test_the_two_tier_progress_bar_shows_the_province_a_bằng_khen_heads_for():
    dossier = Dossier(decision_level="commune", reached_level="commune", stage="commune_appraisal")
    planned = [s.name for s in TWO_TIER.planned_stages(dossier, heads_for="province")]
    assert planned == COMMUNE_STAGES + ["province_appraisal", "province_decision"]
    assert TWO_TIER.deciding_level_for("province") == "province"
    assert TWO_TIER.deciding_level_for("district") == "commune"  # the commune chair grants it since 2025
    assert THREE_TIER.deciding_level_for("district") == "district"


def test_a_supplement_is_drawn_after_the_stage_that_asked_for_it():
    dossier = Dossier(decision_level="commune", reached_level="commune", stage="village_supplement")
    planned = [s.name for s in TWO_TIER.planned_stages(dossier)]
    assert planned.index("village_supplement") == planned.index("commune_appraisal") + 1
