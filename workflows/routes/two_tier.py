"""The two-tier route of today's government (from 1 July 2025: no districts).

The village prepares; the commune's Phòng Văn hóa – Xã hội (its emulation office, Decree 150/2025) receives;
Phòng Kinh tế gives its opinion on the poverty criteria (a stage a province may switch off); the commune's
emulation council meets and votes; the emulation office appraises with the checklist (one supplement request
back to the village); the commune chair, or a vice-chair (KT.), decides what is within the commune's
authority (Decree 129/2025 Art. 59) and submits the rest to the province, where Sở Nội vụ appraises (one
supplement request back to the commune) and the province chair decides or forwards higher.

Time limits are the defaults a province's administrator may change (Decree 152/2025 Art. 6(2)(c) leaves the
commune-level procedure to each province): 20 working days for the commune's appraisal of a complete
dossier, as the known procedures give for Chiến sĩ thi đua cơ sở.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from dossiers.states import AuthorityLevel, DocumentKind, RouteName, Status
from permissions.roles import AgencyKind, Level, Role

from .common import (
    CENTRAL_OUTCOME,
    COMMUNE_DECISION,
    NOT_UNDOABLE,
    PREPARE,
    PROVINCE_DECISION,
    appraisal_steps,
    decision_steps,
    province_steps,
    village_steps,
)
from .shapes import END, Payload, Route, Step, stage

STAGES = (
    PREPARE,
    stage(
        "intake",
        _("Phòng Văn hóa – Xã hội tiếp nhận"),
        (Status.SUBMITTED,),
        Level.COMMUNE,
        AgencyKind.COMMUNE_CULTURE_OFFICE,
        limit=3,
    ),
    stage(
        "economic_opinion",
        _("Phòng Kinh tế cho ý kiến về tiêu chí giảm nghèo"),
        (Status.ECONOMIC_OPINION,),
        Level.COMMUNE,
        AgencyKind.COMMUNE_ECONOMIC_OFFICE,
        limit=5,
        optional=True,
    ),
    stage(
        "council",
        _("Hội đồng TĐKT xã họp xét"),
        (Status.COUNCIL_REVIEW,),
        Level.COMMUNE,
        AgencyKind.COMMUNE_COUNCIL,
        limit=10,
    ),
    stage(
        "commune_appraisal",
        _("Phòng Văn hóa – Xã hội thẩm định"),
        (Status.APPRAISAL,),
        Level.COMMUNE,
        AgencyKind.COMMUNE_CULTURE_OFFICE,
        limit=20,
    ),
    stage(
        "village_supplement",
        _("Thôn bổ sung hồ sơ"),
        (Status.VILLAGE_SUPPLEMENT,),
        Level.VILLAGE,
        AgencyKind.VILLAGE_OFFICE,
        limit=10,
    ),
    COMMUNE_DECISION,
    stage(
        "province_appraisal",
        _("Sở Nội vụ thẩm định"),
        (Status.FORWARDED,),
        Level.PROVINCE,
        AgencyKind.PROVINCE_HOME_AFFAIRS,
        limit=20,
    ),
    stage(
        "province_supplement",
        _("Xã bổ sung hồ sơ theo yêu cầu của tỉnh"),
        (Status.PROVINCE_SUPPLEMENT,),
        Level.COMMUNE,
        AgencyKind.COMMUNE_CULTURE_OFFICE,
        limit=10,
    ),
    PROVINCE_DECISION,
    CENTRAL_OUTCOME,
)


STEPS = (
    *village_steps(first_stage="intake", stages=STAGES),
    Step(
        "receive",
        _("Tiếp nhận hồ sơ đủ thành phần"),
        {"intake": ("economic_opinion", "council")},
        (Role.COMMUNE_OFFICER,),
        targeted=True,
    ),
    Step(
        "give_opinion",
        _("Cho ý kiến về tiêu chí giảm nghèo"),
        {"economic_opinion": ("council",)},
        (Role.ECONOMIC_OFFICER,),
        reason_required=True,
    ),
    Step(
        "council_vote",
        _("Hội đồng họp xét, biểu quyết"),
        {"council": ("commune_appraisal",)},
        (Role.COMMUNE_CHAIR,),
        payload=Payload.MEETING,
        notifies_creator=True,
        # The submission (tờ trình) is drafted with the council's result, as on three tiers: the commune may
        # add documents while it receives and while the council sits, not during the appraisal.
        documents=(DocumentKind.TO_TRINH, DocumentKind.BIEN_BAN),
    ),
    Step(
        "council_reject",
        _("Hội đồng không đề nghị"),
        {"council": (END,)},
        (Role.COMMUNE_CHAIR,),
        reason_required=True,
        closes=True,
        confirm=format_lazy("{} {}", _("Hội đồng không đề nghị hồ sơ %(code)s?"), NOT_UNDOABLE),
        notifies_creator=True,
    ),
    # The commune's Phòng Văn hóa – Xã hội appraises; the village supplements, and is told so.
    *appraisal_steps(
        appraisal="commune_appraisal",
        supplement="village_supplement",
        decision="commune_decision",
        appraiser=Role.COMMUNE_OFFICER,
        supplier=Role.VILLAGE_HEAD,
        supplier_told=True,
    ),
    *decision_steps(
        approve={"commune_decision": "province_appraisal", "province_decision": "central_outcome"},
        send_back={"commune_decision": "commune_appraisal", "province_decision": "province_appraisal"},
    ),
    *province_steps(
        appraisal="province_appraisal", supplement="province_supplement", supplier=Role.COMMUNE_OFFICER
    ),
)

TWO_TIER = Route(
    RouteName.TWO_TIER,
    _("Hai cấp: thôn – xã – tỉnh (từ 01/07/2025)"),
    STAGES,
    STEPS,
    first_decider=Level.COMMUNE,
    decides_from_start=True,
    # Since 1 July 2025 the commune chair grants what the district chair did (Decree 129/2025 Art. 59): a
    # dossier moved here from the ladder keeps its district awards, now decided at the commune.
    authority={
        Level.COMMUNE: (AuthorityLevel.COMMUNE, AuthorityLevel.DISTRICT),
        Level.PROVINCE: (AuthorityLevel.COMMUNE, AuthorityLevel.DISTRICT, AuthorityLevel.PROVINCE),
    },
)
