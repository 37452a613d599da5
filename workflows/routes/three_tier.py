"""The three-tier ladder of the seeds: village → commune → district (Phòng LĐ-TB&XH compiles, Phòng Nội vụ
appraises, the district chair decides) → province. Rounds before 1 July 2025 follow it, and every dossier
decided under it keeps its history.
"""

from django.utils.translation import gettext_lazy as _

from dossiers.states import AuthorityLevel, DocumentKind, RouteName, Status
from permissions.roles import DECIDER, AgencyKind, Level, Role

from .province import province_steps
from .shapes import END, Payload, Route, Step, stage

# Default time limits in working days: commune review 10, compile 5, appraisal 10, decision 5, supplement 10.
STAGES = (
    stage(
        "prepare",
        _("Thôn lập / sửa hồ sơ"),
        (Status.DRAFT, Status.RETURNED),
        Level.VILLAGE,
        AgencyKind.VILLAGE_OFFICE,
    ),
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
    stage(
        "commune_decision",
        _("Chủ tịch UBND xã quyết định"),
        (Status.AWAITING_DECISION,),
        Level.COMMUNE,
        AgencyKind.COMMUNE_COMMITTEE,
        limit=5,
        decides=Level.COMMUNE,
    ),
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
    stage(
        "province_decision",
        _("Chủ tịch UBND tỉnh quyết định"),
        (Status.AWAITING_DECISION,),
        Level.PROVINCE,
        AgencyKind.PROVINCE_COMMITTEE,
        limit=10,
        decides=Level.PROVINCE,
    ),
    stage(
        "central_outcome",
        _("Trung ương xét, ghi nhận kết quả"),
        (Status.FORWARDED_CENTRAL,),
        Level.PROVINCE,
        AgencyKind.PROVINCE_HOME_AFFAIRS,
    ),
)

STEPS = (
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
        {each.name: (END,) for each in STAGES},
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
    Step(
        "request_supplement",
        _("Yêu cầu bổ sung"),
        {"appraisal": ("supplement",)},
        (Role.APPRAISER,),
        reason_required=True,
        sends_back=True,
        targeted=True,
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
        {
            "commune_decision": (END,),
            "district_decision": ("province_outcome", END),
            "province_decision": ("central_outcome", END),
        },
        DECIDER,
        payload=Payload.DECISION,
        confirm=_(
            "Phê duyệt hồ sơ %(code)s? Quyết định khen thưởng sẽ được ban hành cho các đề nghị thuộc thẩm quyền (đề nghị vượt thẩm quyền được trình cấp trên) và không sửa được nữa."
        ),
        notifies_creator=True,
    ),
    Step(
        "reject",
        _("Không phê duyệt"),
        {"commune_decision": (END,), "district_decision": (END,), "province_decision": (END,)},
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
        {
            "commune_decision": ("commune_review",),
            "district_decision": ("appraisal",),
            "province_decision": ("province_outcome",),
        },
        DECIDER,
        reason_required=True,
        sends_back=True,
        targeted=True,
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
