"""Which unit and agency own each stage of a dossier: data, read by the flow and the inbox.

The three-tier ladder of the seeds. A two-tier profile (after the 2025 reform) is another table of the same
shape; the flow, the services and the rules read whichever is in force and need no rewrite.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from dossiers.states import Status
from permissions.models import Agency
from permissions.roles import AgencyKind, Level


@dataclass(frozen=True)
class Stage:
    name: str  # the flow node that holds the dossier's task at this stage
    label: str
    states: tuple[str, ...]
    level: str  # the level, in the dossier's unit line, of the unit owning the stage
    agency: str  # the kind of agency of that unit whose officials work the stage
    decision_level: str = ""  # for a decision stage: the level that decides
    time_limit: int | None = None  # working days the stage may take before its task is overdue


def _stage(name, label, states, level, agency, *, limit=None, decides=""):
    return Stage(name, label, states, level, agency, decision_level=decides, time_limit=limit)


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

LEVEL_UNIT_FIELD = {
    Level.VILLAGE: "village_id",
    Level.COMMUNE: "commune_id",
    Level.DISTRICT: "district_id",
    Level.PROVINCE: "province_id",
}


def planned_stages(dossier) -> list[Stage]:
    """The stages this dossier passes on its route, as far as its award forms and verdicts tell now."""
    names = ["prepare", "commune_review"]
    if dossier.decision_level == Level.COMMUNE:
        names.append("commune_decision")
    else:
        names += ["compile", "appraisal", "district_decision"]
        if dossier.reached_level == Level.PROVINCE:
            names.append("province_outcome")
    return [STAGES_BY_NAME[name] for name in names]


def stage_of(dossier) -> Stage | None:
    """The stage a dossier in its current state is at; None once it is finished."""
    for stage in STAGES:
        if dossier.status in stage.states and stage.decision_level in ("", dossier.decision_level):
            return stage
    return None


def owning_agency(dossier, stage: Stage) -> Agency:
    unit_id = getattr(dossier, LEVEL_UNIT_FIELD[stage.level])
    return Agency.objects.get(unit_id=unit_id, kind=stage.agency)
