"""The route a dossier follows, declared once: its stages and the transitions between them.

A stage says who owns it (the level, in the dossier's unit line, of the owning unit and the kind of agency
whose officials work it) and how long it may take. A transition (``Step``) says from which stages it is
fired and where each may lead, who fires it, what its payload is, whether a reason is required, whether it
sends the dossier back and whether it closes what is pending. Everything keyed by a transition's name
elsewhere is derived from here: the handlers' dispatch and required reasons, the roles asked of
``permissions.rules``, the page forms and titles, the API's request schemas, the flow's graph
(``workflows.flows``), the progress bar and the notices. ``tests/test_route_declaration.py`` walks the
declaration and checks that each derived piece, and the dossier's state machine, agree with it.

This is the three-tier ladder of the seeds. A two-tier route is another declaration of the same shape.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from dossiers.states import Status
from permissions.models import Agency
from permissions.roles import DECIDER, LEVEL_FIELD, LEVEL_ORDER, AgencyKind, Level, Role

END = "end"  # the flow's end: the dossier is decided, rejected or withdrawn


@dataclass(frozen=True)
class Stage:
    name: str  # the flow node that holds the dossier's task at this stage
    label: str
    states: tuple[str, ...]
    level: str  # the level, in the dossier's unit line, of the unit owning the stage
    agency: str  # the kind of agency of that unit whose officials work the stage
    decision_level: str = ""  # for a decision stage: the level that decides
    time_limit: int | None = None  # working days the stage may take before its task is overdue


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
    at: tuple = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "at", tuple(self.moves))


def _stage(name, label, states, level, agency, *, limit=None, decides=""):
    return Stage(name, label, tuple(states), level, agency, decision_level=decides, time_limit=limit)


# Default time limits in working days: commune review 10, compile 5, appraisal 10, decision 5, supplement 10.
STAGES = [
    _stage(
        "prepare",
        _("Thôn lập / sửa hồ sơ"),
        (Status.DRAFT, Status.RETURNED),
        Level.VILLAGE,
        AgencyKind.VILLAGE_OFFICE,
    ),
    _stage(
        "commune_review",
        _("Xã xét duyệt"),
        (Status.SUBMITTED,),
        Level.COMMUNE,
        AgencyKind.COMMUNE_COUNCIL,
        limit=10,
    ),
    _stage(
        "compile",
        _("Phòng LĐ-TB&XH tổng hợp"),
        (Status.COMMUNE_APPROVED,),
        Level.DISTRICT,
        AgencyKind.LABOUR_OFFICE,
        limit=5,
    ),
    _stage(
        "appraisal",
        _("Phòng Nội vụ thẩm định"),
        (Status.APPRAISAL,),
        Level.DISTRICT,
        AgencyKind.HOME_AFFAIRS_OFFICE,
        limit=10,
    ),
    _stage(
        "supplement",
        _("Xã bổ sung hồ sơ"),
        (Status.SUPPLEMENT_REQUESTED,),
        Level.COMMUNE,
        AgencyKind.COMMUNE_EMULATION_OFFICE,
        limit=10,
    ),
    _stage(
        "commune_decision",
        _("Chủ tịch UBND xã quyết định"),
        (Status.AWAITING_DECISION,),
        Level.COMMUNE,
        AgencyKind.COMMUNE_COMMITTEE,
        limit=5,
        decides=Level.COMMUNE,
    ),
    _stage(
        "district_decision",
        _("Chủ tịch UBND huyện quyết định"),
        (Status.AWAITING_DECISION,),
        Level.DISTRICT,
        AgencyKind.DISTRICT_COMMITTEE,
        limit=5,
        decides=Level.DISTRICT,
    ),
    _stage(
        "province_outcome",
        _("Tỉnh xét, ghi nhận kết quả"),
        (Status.FORWARDED,),
        Level.PROVINCE,
        AgencyKind.PROVINCE_HOME_AFFAIRS,
    ),
]
STAGES_BY_NAME = {stage.name: stage for stage in STAGES}
DECISION_STAGES = ("commune_decision", "district_decision")

STEPS = [
    Step(
        "submit",
        _("Gửi hồ sơ lên xã"),
        {"prepare": ("commune_review",)},
        (Role.VILLAGE_HEAD,),
        payload=Payload.SUBMISSION,
        confirm=_(
            "Gửi hồ sơ %(code)s lên xã? Sau khi gửi, thôn không sửa được hồ sơ nữa, trừ khi xã trả lại."
        ),
    ),
    Step(
        "withdraw",
        _("Rút hồ sơ"),
        {stage.name: (END,) for stage in STAGES},
        (Role.VILLAGE_HEAD,),
        reason_required=True,
        closes=True,
        confirm=_(
            "Rút hồ sơ %(code)s? Hồ sơ sẽ kết thúc và không được xét khen thưởng nữa. Không thể hoàn tác."
        ),
    ),
    Step(
        "return_to_village",
        _("Trả lại thôn"),
        {"commune_review": ("prepare",)},
        (Role.COMMUNE_OFFICER,),
        reason_required=True,
        sends_back=True,
        notifies_creator=True,
    ),
    Step(
        "commune_approve",
        _("Xã duyệt (họp xét)"),
        {"commune_review": ("compile", "commune_decision")},
        (Role.COMMUNE_CHAIR,),
        payload=Payload.MEETING,
        notifies_creator=True,
    ),
    Step(
        "commune_reject",
        _("Xã không đề nghị"),
        {"commune_review": (END,)},
        (Role.COMMUNE_CHAIR,),
        reason_required=True,
        closes=True,
        confirm=_(
            "Xã không đề nghị hồ sơ %(code)s? Hồ sơ sẽ kết thúc, không được xét tiếp. Không thể hoàn tác."
        ),
        notifies_creator=True,
    ),
    Step(
        "compile",
        _("Tổng hợp, chuyển Phòng Nội vụ"),
        {"compile": ("appraisal",)},
        (Role.LABOUR_OFFICER,),
    ),
    Step(
        "request_supplement",
        _("Yêu cầu bổ sung"),
        {"appraisal": ("supplement",)},
        (Role.APPRAISER,),
        reason_required=True,
        sends_back=True,
        # The village head is not told: the commune supplements, and asks the village if it needs them.
    ),
    Step(
        "resubmit",
        _("Gửi lại sau khi bổ sung"),
        {"supplement": ("appraisal",)},
        (Role.COMMUNE_OFFICER,),
        reason_required=True,
    ),
    Step(
        "appraise",
        _("Hoàn thành thẩm định, trình Chủ tịch"),
        {"appraisal": ("district_decision",)},
        (Role.APPRAISER,),
        payload=Payload.APPRAISAL,
        confirm=_(
            "Hoàn thành thẩm định hồ sơ %(code)s và trình Chủ tịch? Sau khi trình, không sửa được kết quả thẩm định."
        ),
    ),
    Step(
        "appraisal_reject",
        _("Không đủ điều kiện"),
        {"appraisal": (END,)},
        (Role.APPRAISER,),
        reason_required=True,
        closes=True,
        confirm=_(
            "Kết luận hồ sơ %(code)s không đủ điều kiện? Hồ sơ sẽ kết thúc, không được xét tiếp. Không thể hoàn tác."
        ),
        notifies_creator=True,
    ),
    Step(
        "approve",
        _("Phê duyệt, ban hành quyết định"),
        {"commune_decision": (END,), "district_decision": ("province_outcome", END)},
        DECIDER,
        payload=Payload.DECISION,
        confirm=_(
            "Phê duyệt hồ sơ %(code)s? Quyết định khen thưởng sẽ được ban hành (đề nghị cấp trên được trình tỉnh) và không sửa được nữa."
        ),
        notifies_creator=True,
    ),
    Step(
        "reject",
        _("Không phê duyệt"),
        {"commune_decision": (END,), "district_decision": (END,)},
        DECIDER,
        reason_required=True,
        closes=True,
        confirm=_(
            "Không phê duyệt hồ sơ %(code)s? Hồ sơ sẽ kết thúc, không được khen thưởng. Không thể hoàn tác."
        ),
        notifies_creator=True,
    ),
    Step(
        "send_back",
        _("Trả lại để xem xét lại"),
        {"commune_decision": ("commune_review",), "district_decision": ("appraisal",)},
        DECIDER,
        reason_required=True,
        sends_back=True,
        notifies_creator=True,
    ),
    Step(
        "record_province_outcome",
        _("Ghi nhận kết quả của tỉnh"),
        {"province_outcome": (END,)},
        (Role.PROVINCE_OFFICER,),
        payload=Payload.PROVINCE_OUTCOME,
        notifies_creator=True,
    ),
]
STEPS_BY_NAME = {step.name: step for step in STEPS}
TITLES = {step.name: step.title for step in STEPS}
REASON_REQUIRED = {step.name for step in STEPS if step.reason_required}
SENDING_BACK = tuple(step.name for step in STEPS if step.sends_back)
CLOSING = {step.name for step in STEPS if step.closes}


def successors(stage_name: str) -> list[str]:
    """The stages (and END) a dossier at ``stage_name`` may move to, in the order the steps declare them."""
    found = []
    for step in STEPS:
        for target in step.moves.get(stage_name, ()):
            if target not in found:
                found.append(target)
    return found


def planned_stages(dossier) -> list[Stage]:
    """The stages this dossier passes on its route, as far as its award forms and verdicts tell now: the
    route's forward moves (no return, no closing step) from the first stage, through the stages that apply."""
    planned, current = [], STAGES[0]
    while current is not None and current not in planned:
        planned.append(current)
        current = next((s for s in _forward(current.name) if _applies(s, dossier)), None)
    return planned


def _forward(stage_name: str) -> list[Stage]:
    targets = [
        target
        for step in STEPS
        if not (step.sends_back or step.closes)
        for target in step.moves.get(stage_name, ())
        if target != END
    ]
    return [STAGES_BY_NAME[name] for name in dict.fromkeys(targets)]


def _applies(stage: Stage, dossier) -> bool:
    """A decision stage of the level that decides (the district until the commune has said); no stage above
    that level unless the dossier has reached it (forwarded to the province)."""
    deciding = dossier.decision_level or Level.DISTRICT
    if stage.decision_level:
        return stage.decision_level == deciding
    highest = max(LEVEL_ORDER.index(deciding), LEVEL_ORDER.index(dossier.reached_level))
    return LEVEL_ORDER.index(stage.level) <= highest


def stage_of(dossier) -> Stage | None:
    """The stage a dossier in its current state is at; None once it is finished."""
    for stage in STAGES:
        if dossier.status in stage.states and stage.decision_level in ("", dossier.decision_level):
            return stage
    return None


def owning_agency(dossier, stage: Stage) -> Agency:
    unit_id = getattr(dossier, LEVEL_FIELD[stage.level])
    return Agency.objects.get(unit_id=unit_id, kind=stage.agency)
