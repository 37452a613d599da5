"""The province's work on either route: Sở Nội vụ appraises what a lower level submitted (one supplement
request back to the unit that submitted it), the province chair decides (workflows.routes' decision steps)
or forwards higher, and Sở Nội vụ records the central outcome. Only where the province's appraisal sits and
who supplements differ between the routes."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from permissions.roles import Role

from .shapes import END, Payload, Step

NOT_UNDOABLE = _("Hồ sơ sẽ kết thúc, không được xét tiếp. Không thể hoàn tác.")


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
