"""POST /api/decisions/verify/: the public check of a decision PDF, for programs (the page is
/decisions/verify/). No account; bounded in size and counted per address like the page."""

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from signing.verification import verify_decision_pdf

from ..rate_limits import within_hourly_limit

VERDICT = inline_serializer(
    "DecisionVerdict",
    {
        "valid": serializers.BooleanField(),
        "reasons": serializers.ListField(child=serializers.CharField()),
        "decision": serializers.DictField(allow_null=True),
    },
)


class DecisionVerifyView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"pdf": {"type": "string", "format": "binary"}},
            }
        },
        responses=VERDICT,
        summary=_("Kiểm tra tệp PDF của một quyết định"),
    )
    def post(self, request):
        if not within_hourly_limit(request, "decision-verify", settings.SIGNATURE_CHECKS_PER_HOUR):
            message = _("Địa chỉ của bạn đã kiểm tra quá nhiều tệp trong một giờ. Vui lòng thử lại sau.")
            return Response({"detail": message, "errors": {}}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        upload = request.FILES.get("pdf")
        if upload is None or upload.size > settings.DOCUMENT_MAX_BYTES:
            message = (
                _("Chọn tệp PDF của quyết định cần kiểm tra.")
                if upload is None
                else _("Tệp lớn hơn %(limit)s MB, vượt giới hạn cho phép.")
                % {"limit": settings.DOCUMENT_MAX_BYTES // (1024 * 1024)}
            )
            return Response(
                {"detail": message, "errors": {"pdf": [message]}}, status=status.HTTP_400_BAD_REQUEST
            )
        verdict = verify_decision_pdf(upload.read())
        record = verdict.record if verdict.valid else None
        return Response(
            {
                "valid": verdict.valid,
                "reasons": [str(reason) for reason in verdict.reasons],
                "decision": None
                if record is None
                else {
                    "number": record.number,
                    "date": record.date.isoformat(),
                    "issuer": record.decision.issuer.name,
                    "signer": record.signer_subject,
                },
            }
        )
