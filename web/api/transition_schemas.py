"""The request body of each transition, as the OpenAPI document describes it: one operation per step of the
route (``POST /api/dossiers/{id}/transitions/<step>/``), its schema made from the step's payload kind and
whether it requires a reason. These serializers describe; the handlers of workflows.services validate (one
layer for pages and API alike), so a body is never checked twice in two ways.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from dossiers.states import SignerCapacity
from workflows.routes import Payload


class MeetingSerializer(serializers.Serializer):
    held_on = serializers.DateField(help_text=_("Ngày họp xét (yyyy-mm-dd hoặc dd/mm/yyyy)"))
    members_total = serializers.IntegerField(min_value=1, help_text=_("Số thành viên hội đồng"))
    members_present = serializers.IntegerField(min_value=1, help_text=_("Số thành viên dự họp"))


class CommuneVerdictSerializer(serializers.Serializer):
    nomination = serializers.IntegerField(help_text=_("Mã đề nghị"))
    approved = serializers.BooleanField(help_text=_("Hội đồng xã đồng ý đề nghị"))
    votes_for = serializers.IntegerField(min_value=0, help_text=_("Số phiếu đồng ý"))


class AppraisalVerdictSerializer(serializers.Serializer):
    nomination = serializers.IntegerField(help_text=_("Mã đề nghị (đã được xã đồng ý)"))
    eligible = serializers.BooleanField(help_text=_("Đủ điều kiện"))
    criteria = serializers.DictField(
        child=serializers.BooleanField(),
        help_text=_("Mọi tiêu chí của loại đối tượng (xem GET /api/criteria/): mã tiêu chí → đạt hay chưa"),
    )
    note = serializers.CharField(required=False, allow_blank=True, help_text=_("Ghi chú thẩm định"))
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_("Bắt buộc khi đủ điều kiện mà còn tiêu chí chưa đạt: vì sao vẫn đủ điều kiện"),
    )


class CommentRequest(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, help_text=_("Ý kiến"))


class MeetingRequest(CommentRequest):
    meeting = MeetingSerializer()
    verdicts = CommuneVerdictSerializer(many=True, help_text=_("Kết quả họp xét của từng đề nghị"))


class AppraisalRequest(CommentRequest):
    verdicts = AppraisalVerdictSerializer(many=True, help_text=_("Kết quả thẩm định của từng đề nghị"))


class DecisionRequest(CommentRequest):
    decision_number = serializers.CharField(max_length=40, help_text=_("Ví dụ: 123/QĐ-UBND"))
    decision_date = serializers.DateField(help_text=_("Ngày ký quyết định"))
    signer = serializers.IntegerField(
        required=False,
        help_text=_(
            "Mã người ký: Chủ tịch hoặc một Phó Chủ tịch của đơn vị quyết định (mặc định: người gửi)"
        ),
    )
    signer_capacity = serializers.ChoiceField(
        choices=SignerCapacity.choices, required=False, help_text=_("Nếu gửi, phải khớp với người ký")
    )


class ProvinceOutcomeRequest(CommentRequest):
    decision_number = serializers.CharField(max_length=40, help_text=_("Số quyết định của tỉnh"))
    decision_date = serializers.DateField(help_text=_("Ngày quyết định của tỉnh"))
    awarded = serializers.ListField(
        child=serializers.IntegerField(),
        help_text=_("Mã các đề nghị được tỉnh khen thưởng (danh sách rỗng nếu không có)"),
    )


REQUESTS = {
    Payload.COMMENT: CommentRequest,
    Payload.SUBMISSION: CommentRequest,
    Payload.MEETING: MeetingRequest,
    Payload.APPRAISAL: AppraisalRequest,
    Payload.DECISION: DecisionRequest,
    Payload.PROVINCE_OUTCOME: ProvinceOutcomeRequest,
}


def request_serializer(step) -> type:
    """The step's body: its payload kind's fields, with the comment required where the route requires a
    reason."""
    name = "".join(part.capitalize() for part in step.name.split("_")) + "Request"
    comment = serializers.CharField(
        required=step.reason_required,
        allow_blank=not step.reason_required,
        help_text=_("Lý do (bắt buộc)") if step.reason_required else _("Ý kiến"),
    )
    return type(name, (REQUESTS[step.payload],), {"comment": comment, "__module__": __name__})
