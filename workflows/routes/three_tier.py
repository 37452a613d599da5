"""The three-tier ladder of the seeds: village → commune → district (Phòng LĐ-TB&XH compiles, Phòng Nội vụ
appraises, the district chair decides) → province. Rounds before 1 July 2025 follow it, and every dossier
decided under it keeps its history.
"""

from django.utils.translation import gettext_lazy as _

from dossiers.states import AuthorityLevel, DocumentKind, RouteName, Status
from permissions.roles import AgencyKind, Level, Role

from .common import (
    CENTRAL_OUTCOME,
    COMMUNE_DECISION,
    PREPARE,
    PROVINCE_DECISION,
    appraisal_steps,
    decision_steps,
    province_steps,
    village_steps,
)
from .shapes import END, Payload, Route, Step, stage

# Default time limits in working days: commune review 10, compile 5, appraisal 10, decision 5, supplement 10.
STAGES = (
    PREPARE,
    stage(
        "commune_review",
        _("Xã xét duyệt"),
        (Status.SUBMITTED,),
        Level.COMMUNE,
        AgencyKind.COMMUNE_COUNCIL,
        limit=10,
    ),
    stage(
        "compile",
        _("Phòng LĐ-TB&XH tổng hợp"),
        (Status.COMMUNE_APPROVED,),
        Level.DISTRICT,
        AgencyKind.LABOUR_OFFICE,
        limit=5,
    ),
    stage(
        "appraisal",
        _("Phòng Nội vụ thẩm định"),
        (Status.APPRAISAL,),
        Level.DISTRICT,
        AgencyKind.HOME_AFFAIRS_OFFICE,
        limit=10,
    ),
    stage(
        "supplement",
        _("Xã bổ sung hồ sơ"),
        (Status.SUPPLEMENT_REQUESTED,),
        Level.COMMUNE,
        AgencyKind.COMMUNE_EMULATION_OFFICE,
        limit=10,
    ),
    COMMUNE_DECISION,
    stage(
        "district_decision",
        _("Chủ tịch UBND huyện quyết định"),
        (Status.AWAITING_DECISION,),
        Level.DISTRICT,
        AgencyKind.DISTRICT_COMMITTEE,
        limit=5,
        decides=Level.DISTRICT,
    ),
    # At the province Sở Nội vụ either appraises (one supplement request back to the district's Phòng Nội
    # vụ, then the province chair decides) or records an outcome reached outside the service.
    stage(
        "province_outcome",
        _("Tỉnh xét, ghi nhận kết quả"),
        (Status.FORWARDED,),
        Level.PROVINCE,
        AgencyKind.PROVINCE_HOME_AFFAIRS,
        limit=20,
    ),
    stage(
        "district_supplement",
        _("Huyện bổ sung hồ sơ theo yêu cầu của tỉnh"),
        (Status.PROVINCE_SUPPLEMENT,),
        Level.DISTRICT,
        AgencyKind.HOME_AFFAIRS_OFFICE,
        limit=10,
    ),
    PROVINCE_DECISION,
    CENTRAL_OUTCOME,
)

STEPS = (
    *village_steps(first_stage="commune_review", stages=STAGES),
    Step(
        "commune_approve",
        _("Xã duyệt (họp xét)"),
        {"commune_review": ("compile", "commune_decision")},
        (Role.COMMUNE_CHAIR,),
        payload=Payload.MEETING,
        notifies_creator=True,
        documents=(DocumentKind.TO_TRINH, DocumentKind.BIEN_BAN),
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
    # The district's Phòng Nội vụ appraises; the commune supplements (the village head is not told: the
    # commune asks the village if it needs to).
    *appraisal_steps(
        appraisal="appraisal",
        supplement="supplement",
        decision="district_decision",
        appraiser=Role.APPRAISER,
        supplier=Role.COMMUNE_OFFICER,
        supplier_told=False,
    ),
    *decision_steps(
        approve={
            "commune_decision": None,
            "district_decision": "province_outcome",
            "province_decision": "central_outcome",
        },
        send_back={
            "commune_decision": "commune_review",
            "district_decision": "appraisal",
            "province_decision": "province_outcome",
        },
    ),
    Step(
        "record_province_outcome",
        _("Ghi nhận kết quả của tỉnh"),
        {"province_outcome": (END,)},
        (Role.PROVINCE_OFFICER,),
        payload=Payload.PROVINCE_OUTCOME,
        notifies_creator=True,
    ),
    *province_steps(appraisal="province_outcome", supplement="district_supplement", supplier=Role.APPRAISER),
)

THREE_TIER = Route(
    RouteName.THREE_TIER,
    _("Ba cấp: thôn – xã – huyện – tỉnh"),
    STAGES,
    STEPS,
    first_decider=Level.DISTRICT,
    authority={
        Level.COMMUNE: (AuthorityLevel.COMMUNE,),
        Level.DISTRICT: (AuthorityLevel.COMMUNE, AuthorityLevel.DISTRICT),
        Level.PROVINCE: (AuthorityLevel.COMMUNE, AuthorityLevel.DISTRICT, AuthorityLevel.PROVINCE),
    },
)
