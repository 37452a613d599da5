"""The shape of a route: its stages, the transitions (steps) between them, and what a route answers.

A stage says who owns it (the level, in the dossier's unit line, of the owning unit and the kind of agency
whose officials work it), how long it may take and whether a province may switch it off. A step says from
which stages it is fired and where each may lead, who fires it, what its payload is, whether a reason is
required, whether it sends the dossier back, whether it closes what is pending, and which documents must be
in the dossier first. Everything keyed by a step's name elsewhere is derived from the routes (see
``workflows.routes``); ``tests/test_route_declaration.py`` walks every route and checks that each derived
piece, and the dossier's state machine, agree with it.
"""

from dataclasses import dataclass, field
from functools import cached_property

from permissions.roles import LEVEL_ORDER, Level

END = "end"  # the flow's end: the dossier is decided, rejected or withdrawn


@dataclass(frozen=True)
class Stage:
    name: str  # the flow node that holds the dossier's task at this stage
    label: str
    states: tuple[str, ...]
    level: str  # the level, in the dossier's unit line, of the unit owning the stage
    agency: str  # the kind of agency of that unit whose officials work the stage (a province may change it)
    decision_level: str = ""  # for a decision stage: the level that decides
    time_limit: int | None = None  # working days the stage may take before its task is overdue
    optional: bool = False  # a province may switch it off: the dossier then goes on to the next stage


class Payload:
    """What a transition's payload carries besides its comment (the page form and the API schema of each)."""

    COMMENT = "comment"
    SUBMISSION = "submission"
    MEETING = "meeting"
    APPRAISAL = "appraisal"
    DECISION = "decision"
    PROVINCE_OUTCOME = "province_outcome"


@dataclass(frozen=True)
class Step:
    name: str  # the dossier's transition method and the API's name for it
    title: str
    moves: dict  # stage fired at → the stages (or END) it may lead to
    by: tuple | str  # the roles who fire it, or DECIDER: the chair or a vice-chair of the deciding level
    payload: str = Payload.COMMENT
    reason_required: bool = False
    sends_back: bool = False  # a return to an earlier stage: its reason is shown where the dossier lands
    closes: bool = False  # ends every nomination still pending
    notifies_creator: bool = False  # the village head who made the dossier is told
    confirm: str = ""  # asked before an irreversible step ("%(code)s": the dossier); empty: not asked
    # The route, not the state machine, says where it leads: the dossier's method takes the state (``to``).
    targeted: bool = False
    documents: tuple = ()  # kinds of document the dossier must hold before the step
    at: tuple = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "at", tuple(self.moves))


def stage(name, label, states, level, agency, *, limit=None, decides="", optional=False) -> Stage:
    return Stage(
        name,
        label,
        tuple(states),
        level,
        agency,
        decision_level=decides,
        time_limit=limit,
        optional=optional,
    )


def _above(level: str, other: str) -> bool:
    return LEVEL_ORDER.index(level) > LEVEL_ORDER.index(other)


@dataclass(frozen=True)
class Route:
    name: str  # dossiers.states.RouteName
    label: str
    stages: tuple[Stage, ...]
    steps: tuple[Step, ...]
    first_decider: str  # the level whose chair decides first, for awards within the commune's authority
    # The award authorities (dossiers.states.AuthorityLevel) each deciding level's chair holds on this route.
    authority: dict = field(default_factory=dict)
    # Whether every dossier's first decider is known when it is made (not only once the commune has voted).
    decides_from_start: bool = False

    @cached_property  # read on every transition and page: built once (the route never changes)
    def stages_by_name(self) -> dict[str, Stage]:
        return {stage.name: stage for stage in self.stages}

    @cached_property
    def steps_by_name(self) -> dict[str, Step]:
        return {step.name: step for step in self.steps}

    def successors(self, stage_name: str) -> list[str]:
        """The stages (and END) a dossier at ``stage_name`` may move to, in the order the steps declare them."""
        found = []
        for step in self.steps:
            for target in step.moves.get(stage_name, ()):
                if target not in found:
                    found.append(target)
        return found

    def next_stage(self, step: Step, from_stage: str, dossier) -> str:
        """The stage the dossier is at after ``step`` fired at ``from_stage``: the one of the step's targets
        that holds the dossier's new state (and deciding level); END once it is finished."""
        candidates = [
            self.stages_by_name[target]
            for target in step.moves[from_stage]
            if target != END and dossier.status in self.stages_by_name[target].states
        ]
        if len(candidates) > 1:
            candidates = [s for s in candidates if s.decision_level in ("", dossier.decision_level)]
        if candidates:
            return candidates[0].name
        if END not in step.moves[from_stage]:
            raise LookupError(f"{step.name} from {from_stage} left the route ({dossier.status})")
        return END

    def stage_holding(self, status: str, decision_level: str = "") -> Stage | None:
        """The stage that holds a dossier in ``status`` (a decision stage: of ``decision_level``)."""
        matching = [s for s in self.stages if status in s.states]
        if len(matching) > 1:
            matching = [s for s in matching if s.decision_level in ("", decision_level)]
        return matching[0] if matching else None

    def decision_level(self, award_forms) -> str:
        """The level that decides first: the commune for awards all within its authority; on three tiers,
        the district for anything more."""
        if self.first_decider == Level.COMMUNE or (
            award_forms and all(form.authority_level == "commune" for form in award_forms)
        ):
            return Level.COMMUNE
        return self.first_decider

    def planned_stages(self, dossier, switched_off=(), heads_for: str = "") -> list[Stage]:
        """The stages this dossier passes on its route, as far as its award forms and verdicts tell now: the
        route's forward moves (no return, no closing step) from the first stage, through the stages that
        apply (not switched off by its province) up to the level its awards need (``heads_for``: see
        ``deciding_level_for``); the stage it is at, if off that path (a supplement), after its sender."""
        target = heads_for or dossier.decision_level or self.first_decider
        planned, current = [], self.stages[0]
        while current is not None and current not in planned:
            planned.append(current)
            if current.decision_level and not _above(self._reach(dossier, target), current.decision_level):
                break  # a decision ends the route unless the dossier goes higher
            current = next(
                (
                    s
                    for s in self._forward(current.name)
                    if s.name not in switched_off and self._applies(s, dossier, target)
                ),
                None,
            )
        at = self.stages_by_name.get(getattr(dossier, "stage", ""))
        if at is None or at in planned:
            return planned
        sender = next(
            (i for i in range(len(planned) - 1, -1, -1) if at.name in self.successors(planned[i].name)),
            len(planned) - 1,
        )
        return [*planned[: sender + 1], at, *planned[sender + 1 :]]

    def deciding_level_for(self, authority: str) -> str:
        """The level whose chair grants an award of ``authority`` on this route (above every chair of the
        route, a national award: the highest, which forwards it)."""
        levels = sorted(self.authority, key=LEVEL_ORDER.index)
        return next((level for level in levels if authority in self.authority[level]), levels[-1])

    def _reach(self, dossier, target: str) -> str:
        deciding = dossier.decision_level or self.first_decider
        return max((deciding, dossier.reached_level, target), key=LEVEL_ORDER.index)

    def _forward(self, stage_name: str) -> list[Stage]:
        targets = [
            target
            for step in self.steps
            if not (step.sends_back or step.closes)
            for target in step.moves.get(stage_name, ())
            if target != END
        ]
        return [self.stages_by_name[name] for name in dict.fromkeys(targets)]

    def _applies(self, stage: Stage, dossier, target: str) -> bool:
        """A decision stage of the level that decides (the first decider until the commune has said), or
        one on the way from the route's first decider up to the level the awards need; any other stage up
        to the highest level the dossier has reached or is heading for."""
        deciding = dossier.decision_level or self.first_decider
        if stage.decision_level:
            level, first = LEVEL_ORDER.index(stage.decision_level), LEVEL_ORDER.index(self.first_decider)
            top = max(LEVEL_ORDER.index(deciding), LEVEL_ORDER.index(target))
            return stage.decision_level == deciding or first <= level <= top
        return LEVEL_ORDER.index(stage.level) <= LEVEL_ORDER.index(self._reach(dossier, target))
