"""What both routes declare alike: the village's preparation, the chairs' decisions, the province's work
(Sở Nội vụ appraises what a lower level submitted, with one supplement request back to the unit that
submitted it; the province chair decides or forwards higher; Sở Nội vụ records the central outcome) and the
steps every dossier has (submit, withdraw, the decisions). Each route passes what differs: its stages and
where each step leads on it."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from dossiers.states import Status
from permissions.roles import DECIDER, AgencyKind, Level, Role

from .shapes import END, Payload, Step, stage

NOT_UNDOABLE = _("Hồ sơ sẽ kết thúc, không được xét tiếp. Không thể hoàn tác.")

PREPARE = stage(
    "prepare",
    _("Thôn lập / sửa hồ sơ"),
    (Status.DRAFT, Status.RETURNED),
    Level.VILLAGE,
    AgencyKind.VILLAGE_OFFICE,
)
COMMUNE_DECISION = stage(
    "commune_decision",
    _("Chủ tịch UBND xã quyết định"),
    (Status.AWAITING_DECISION,),
    Level.COMMUNE,
    AgencyKind.COMMUNE_COMMITTEE,
    limit=5,
    decides=Level.COMMUNE,
)
PROVINCE_DECISION = stage(
    "province_decision",
    _("Chủ tịch UBND tỉnh quyết định"),
    (Status.AWAITING_DECISION,),
    Level.PROVINCE,
    AgencyKind.PROVINCE_COMMITTEE,
    limit=10,
    decides=Level.PROVINCE,
)
CENTRAL_OUTCOME = stage(
    "central_outcome",
    _("Trung ương xét, ghi nhận kết quả"),
    (Status.FORWARDED_CENTRAL,),
    Level.PROVINCE,
    AgencyKind.PROVINCE_HOME_AFFAIRS,
)


def village_steps(*, first_stage: str, stages) -> tuple[Step, ...]:
    """The village head sends the dossier to the commune's ``first_stage`` (whose officer may return it) and
    may withdraw it from any of ``stages``."""
    return (
        Step(
            "submit",
            _("Gửi hồ sơ lên xã"),
            {"prepare": (first_stage,)},
            (Role.VILLAGE_HEAD,),
            payload=Payload.SUBMISSION,
            confirm=_(
                "Gửi hồ sơ %(code)s lên xã? Sau khi gửi, thôn không sửa được hồ sơ nữa, trừ khi xã trả lại."
            ),
        ),
        Step(
            "withdraw",
            _("Rút hồ sơ"),
            {each.name: (END,) for each in stages},
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
            {first_stage: ("prepare",)},
            (Role.COMMUNE_OFFICER,),
            reason_required=True,
            sends_back=True,
            notifies_creator=True,
        ),
    )


def appraisal_steps(
    *, appraisal: str, supplement: str, decision: str, appraiser: str, supplier: str, supplier_told: bool
) -> tuple[Step, ...]:
    """The appraisal below the province, held at stage ``appraisal`` by ``appraiser``: one supplement request
    to ``supplement`` (worked by ``supplier``, told of it when ``supplier_told``: the village head who made
    the dossier), the appraisal put to the chair at ``decision``, or the dossier found ineligible."""
    return (
        Step(
            "request_supplement",
            _("Yêu cầu bổ sung"),
            {appraisal: (supplement,)},
            (appraiser,),
            reason_required=True,
            sends_back=True,
            targeted=True,
            notifies_creator=supplier_told,
        ),
        Step(
            "resubmit",
            _("Gửi lại sau khi bổ sung"),
            {supplement: (appraisal,)},
            (supplier,),
            reason_required=True,
        ),
        Step(
            "appraise",
            _("Hoàn thành thẩm định, trình Chủ tịch"),
            {appraisal: (decision,)},
            (appraiser,),
            payload=Payload.APPRAISAL,
            confirm=_(
                "Hoàn thành thẩm định hồ sơ %(code)s và trình Chủ tịch? "
                "Sau khi trình, không sửa được kết quả thẩm định."
            ),
        ),
        Step(
            "appraisal_reject",
            _("Không đủ điều kiện"),
            {appraisal: (END,)},
            (appraiser,),
            reason_required=True,
            closes=True,
            confirm=format_lazy("{} {}", _("Kết luận hồ sơ %(code)s không đủ điều kiện?"), NOT_UNDOABLE),
            notifies_creator=True,
        ),
    )


def decision_steps(*, approve: dict, send_back: dict) -> tuple[Step, ...]:
    """A chair's (or vice-chair's) three answers at each decision stage: approve (``approve``: decision stage →
    where a forward goes), reject, send back (``send_back``: decision stage → the stage before it)."""
    return (
        Step(
            "approve",
            _("Phê duyệt, ban hành quyết định"),
            {decision: (forward, END) if forward else (END,) for decision, forward in approve.items()},
            DECIDER,
            payload=Payload.DECISION,
            confirm=_(
                "Phê duyệt hồ sơ %(code)s? Quyết định khen thưởng sẽ được ban hành cho các đề nghị thuộc thẩm "
                "quyền (đề nghị vượt thẩm quyền được trình cấp trên) và không sửa được nữa."
            ),
            notifies_creator=True,
        ),
        Step(
            "reject",
            _("Không phê duyệt"),
            {decision: (END,) for decision in approve},
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
            {decision: (before,) for decision, before in send_back.items()},
            DECIDER,
            reason_required=True,
            sends_back=True,
            targeted=True,
            notifies_creator=True,
        ),
    )


def province_steps(*, appraisal: str, supplement: str, supplier: str) -> tuple[Step, ...]:
    """The steps of the province's appraisal held at stage ``appraisal``, its supplement at stage
    ``supplement`` worked by the role ``supplier`` of the unit that submitted, and the central outcome."""
    return (
        Step(
            "province_request_supplement",
            _("Tỉnh yêu cầu bổ sung"),
            {appraisal: (supplement,)},
            (Role.PROVINCE_OFFICER,),
            reason_required=True,
            sends_back=True,
        ),
        Step(
            "province_resubmit",
            _("Gửi lại tỉnh sau khi bổ sung"),
            {supplement: (appraisal,)},
            (supplier,),
            reason_required=True,
        ),
        Step(
            "province_appraise",
            _("Hoàn thành thẩm định, trình Chủ tịch UBND tỉnh"),
            {appraisal: ("province_decision",)},
            (Role.PROVINCE_OFFICER,),
            payload=Payload.APPRAISAL,
            confirm=_(
                "Hoàn thành thẩm định hồ sơ %(code)s và trình Chủ tịch UBND tỉnh? "
                "Sau khi trình, không sửa được kết quả thẩm định."
            ),
        ),
        Step(
            "province_appraisal_reject",
            _("Tỉnh kết luận không đủ điều kiện"),
            {appraisal: (END,)},
            (Role.PROVINCE_OFFICER,),
            reason_required=True,
            closes=True,
            confirm=format_lazy(
                "{} {}",
                _("Kết luận các đề nghị trình tỉnh của hồ sơ %(code)s không đủ điều kiện?"),
                NOT_UNDOABLE,
            ),
            notifies_creator=True,
        ),
        Step(
            "record_central_outcome",
            _("Ghi nhận kết quả của Trung ương"),
            {"central_outcome": (END,)},
            (Role.PROVINCE_OFFICER,),
            payload=Payload.PROVINCE_OUTCOME,
            notifies_creator=True,
        ),
    )
