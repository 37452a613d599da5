"""The routes a dossier may follow, each declared once (``three_tier``, ``two_tier``), and what the rest of
the service asks of them.

A round says which route its dossiers follow; a dossier keeps the name of its route and of the stage it is
at. A step's name means one thing on every route (its title, payload and required reason are the same, as
``tests/test_route_declaration.py`` checks), so the API's operations, the page forms and the history's titles
are keyed by name across routes; where it may be fired, by whom and where it leads is each route's own.
"""

from permissions.models import Agency
from permissions.roles import LEVEL_FIELD

from .shapes import END, Payload, Route, Stage, Step
from .three_tier import THREE_TIER
from .two_tier import TWO_TIER

__all__ = ["END", "Payload", "Route", "Stage", "Step", "ROUTES", "THREE_TIER", "TWO_TIER"]

ROUTES: dict[str, Route] = {route.name: route for route in (THREE_TIER, TWO_TIER)}

# Every step of every route, by name (the first route's, where both declare it).
STEPS_BY_NAME: dict[str, Step] = {}
for _route in ROUTES.values():
    for _step in _route.steps:
        STEPS_BY_NAME.setdefault(_step.name, _step)
STEP_NAMES = list(STEPS_BY_NAME)
TITLES = {name: step.title for name, step in STEPS_BY_NAME.items()}
SENDING_BACK = tuple(name for name, step in STEPS_BY_NAME.items() if step.sends_back)
CLOSING = {name for name, step in STEPS_BY_NAME.items() if step.closes}


def route_of(dossier) -> Route:
    return ROUTES[dossier.route]


def stage_of(dossier) -> Stage | None:
    """The stage of its route the dossier is at; None once it is finished."""
    return route_of(dossier).stages_by_name.get(dossier.stage)


def step_of(dossier, name: str) -> Step | None:
    """The step ``name`` as the dossier's route declares it, or None if its route has no such step."""
    return route_of(dossier).steps_by_name.get(name)


def all_stages() -> list[Stage]:
    """Every stage of every route, each name once (a name means the same work on every route)."""
    found = {}
    for route in ROUTES.values():
        for stage in route.stages:
            found.setdefault(stage.name, stage)
    return list(found.values())


def stage_named(name: str) -> Stage:
    """A stage by its name (a task's node name), whichever route declares it."""
    return next(stage for stage in all_stages() if stage.name == name)


def owning_agency(dossier, stage: Stage, agency_kind: str | None = None) -> Agency:
    """The agency of the dossier's unit line that works ``stage`` (of the kind a province set, if it did)."""
    unit_id = getattr(dossier, LEVEL_FIELD[stage.level])
    return Agency.objects.get(unit_id=unit_id, kind=agency_kind or stage.agency)


# Where an open dossier of the three-tier ladder continues on the two-tier route when a reorganisation
# abolishes its district (from 1 July 2025): the commune takes over the district's work — its culture–society
# office appraises what Phòng LĐ-TB&XH and Phòng Nội vụ had, its chair decides what the district chair did —
# and the province's stages stay the province's. Nothing already done is redone: a dossier the council has
# voted on goes to the appraisal, not back to the council.
LADDER_TO_TWO_TIER = {
    "prepare": "prepare",
    "commune_review": "intake",
    "compile": "commune_appraisal",
    "appraisal": "commune_appraisal",
    "supplement": "commune_appraisal",
    "commune_decision": "commune_decision",
    "district_decision": "commune_decision",
    "province_outcome": "province_appraisal",
    "district_supplement": "province_supplement",
    "province_decision": "province_decision",
    "central_outcome": "central_outcome",
}
