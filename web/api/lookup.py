"""POST /api/dossiers/lookup/: the public look-up of a dossier's status by its code and the look-up key on
its receipt, for programs (the page is /dossiers/lookup/). No account; the same answers and the same bounds
as the page (web.lookup_attempts): a wrong key and an unknown code both give 404 with the same body."""

from dataclasses import asdict

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ..lookup_attempts import look_up
from .errors import REFUSAL

LOOKUP_REQUEST = inline_serializer(
    "StatusLookupRequest",
    {
        "code": serializers.CharField(help_text=_("Mã hồ sơ, ví dụ HS-2025-000123")),
        "key": serializers.CharField(help_text=_("Mã tra cứu in trên giấy biên nhận, ví dụ K7QF-M2XP-9A")),
    },
)
PUBLIC_STATUS = inline_serializer(
    "PublicDossierStatus",
    {
        "code": serializers.CharField(),
        "status": serializers.CharField(),
        "status_label": serializers.CharField(),
        "stage_label": serializers.CharField(
            help_text=_("Bước hồ sơ đang ở; rỗng khi hồ sơ đã kết thúc hoặc khi bước chỉ nhắc lại tình trạng")
        ),
        "finished": serializers.BooleanField(),
        "submitted_on": serializers.DateField(allow_null=True),
        "received_on": serializers.DateField(allow_null=True),
        "finished_on": serializers.DateField(allow_null=True),
        "nominees": serializers.IntegerField(),
        "outcomes": inline_serializer(
            "PublicOutcomeCount",
            {
                "award_form": serializers.CharField(),
                "outcome": serializers.CharField(),
                "outcome_label": serializers.CharField(),
                "count": serializers.IntegerField(),
            },
            many=True,
        ),
        "decisions": inline_serializer(
            "PublicDecisionLine",
            {
                "number": serializers.CharField(),
                "date": serializers.DateField(),
                "issuer": serializers.CharField(),
            },
            many=True,
        ),
    },
)


def _json(found) -> dict:
    data = asdict(found)
    for name in ("submitted_on", "received_on", "finished_on"):
        data[name] = data[name].isoformat() if data[name] else None
    for decision in data["decisions"]:
        decision["date"] = decision["date"].isoformat()
    return data


class StatusLookupView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser, FormParser]

    @extend_schema(
        request=LOOKUP_REQUEST,
        responses={200: PUBLIC_STATUS, 400: REFUSAL, 404: REFUSAL, 429: REFUSAL},
        summary=_("Tra cứu tình trạng hồ sơ bằng mã hồ sơ và mã tra cứu"),
        examples=[
            OpenApiExample(
                "Tra cứu", value={"code": "HS-2025-000123", "key": "K7QF-M2XP-9A"}, request_only=True
            )
        ],
        auth=[],
    )
    def post(self, request):
        data = request.data if hasattr(request.data, "get") else {}
        attempt = look_up(request, str(data.get("code") or ""), str(data.get("key") or ""))
        if attempt.found is None:
            return Response({"detail": attempt.message, "errors": attempt.errors}, status=attempt.status)
        return Response(_json(attempt.found))
