"""The public notice in the API. Officials: open and end a commune's notice, read a dossier's comments (as on
the dossier page). Anyone, without an account: read a running notice, post a comment on a listed nominee
(counted per address like the page; 429 beyond the allowance)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from dossiers.errors import ActionForbidden
from dossiers.selectors import dossier_for_user
from publicity.listing import public_nominees
from publicity.models import COMMENT_TEXT_MAX
from publicity.selectors import notice_by_id, province_of, readable_comments
from publicity.services import comment_add, notice_close, notice_open

from ..public_comments import address_hash, comment_allowed, too_many_message
from .errors import REFUSAL
from .views import ActsInRole


class NoticeSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    commune_id = serializers.IntegerField()
    commune = serializers.CharField(source="commune.name")
    round_id = serializers.IntegerField()
    round = serializers.CharField(source="round.name")
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    running = serializers.BooleanField(source="is_running")
    closed_at = serializers.DateTimeField(allow_null=True)
    close_reason = serializers.CharField()


class NomineeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    village = serializers.CharField()
    kind = serializers.CharField()
    award_form = serializers.CharField()
    summary = serializers.CharField()


class PublicNoticeSerializer(NoticeSerializer):
    province = serializers.CharField(allow_null=True)
    page = serializers.CharField()
    nominees = NomineeSerializer(many=True)


class NoticeOpenSerializer(serializers.Serializer):
    commune = serializers.IntegerField(min_value=1, max_value=2**62)
    round = serializers.IntegerField(min_value=1, max_value=2**62)
    opens_on = serializers.DateField(required=False, allow_null=True, help_text="Mặc định: hôm nay.")
    closes_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Mặc định: 10 ngày làm việc, ngày bắt đầu là ngày thứ nhất.",
    )


class NoticeCloseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, allow_blank=True)


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nomination = serializers.IntegerField(source="nomination_id", allow_null=True)
    nominee_name = serializers.CharField()
    commenter_name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    text = serializers.CharField()
    created = serializers.DateTimeField()


class CommentPostSerializer(serializers.Serializer):
    """Checked by the service, which names each problem in Vietnamese; here only the shape."""

    nominee = serializers.IntegerField(min_value=1, max_value=2**62)
    commenter_name = serializers.CharField(allow_blank=True, max_length=1000, trim_whitespace=False)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")
    email = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")
    text = serializers.CharField(allow_blank=True, max_length=COMMENT_TEXT_MAX * 2, trim_whitespace=False)


RECEIVED = inline_serializer(
    "PublicCommentReceived",
    {
        "id": serializers.IntegerField(),
        "nominee": serializers.IntegerField(),
        "detail": serializers.CharField(),
    },
)


class NoticeOpenView(ActsInRole, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        request=NoticeOpenSerializer,
        responses={201: NoticeSerializer},
        summary=_("Niêm yết công khai danh sách đề nghị của xã trong một đợt"),
    )
    def post(self, request):
        serializer = NoticeOpenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        notice = notice_open(
            user=request.user,
            commune_id=data["commune"],
            round_id=data["round"],
            opens_on=data.get("opens_on"),
            closes_on=data.get("closes_on"),
            acting=request.acting,
        )
        return Response(NoticeSerializer(notice).data, status=status.HTTP_201_CREATED)


class NoticeCloseView(ActsInRole, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        request=NoticeCloseSerializer,
        responses=NoticeSerializer,
        summary=_("Kết thúc niêm yết công khai sớm"),
    )
    def post(self, request, pk):
        serializer = NoticeCloseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        notice = notice_close(
            user=request.user, notice_id=pk, reason=serializer.validated_data["reason"], acting=request.acting
        )
        return Response(NoticeSerializer(notice).data)


class DossierCommentsView(ActsInRole, APIView):
    @extend_schema(
        responses=CommentSerializer(many=True), summary=_("Góp ý công khai về các đề nghị của hồ sơ")
    )
    def get(self, request, pk):
        dossier = dossier_for_user(request.user, pk, acting=request.acting)
        comments = readable_comments(request.user, dossier, request.acting)
        if comments is None:
            raise ActionForbidden(_("Chỉ cán bộ xử lý hồ sơ được xem góp ý của người dân."))
        return Response(CommentSerializer(comments, many=True).data)


class PublicNoticeView(APIView):
    """A notice as the public page shows it: the nominees only while it runs."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        responses=PublicNoticeSerializer, summary=_("Thông báo niêm yết công khai (không cần đăng nhập)")
    )
    def get(self, request, pk):
        notice = notice_by_id(pk)
        notice.province = getattr(province_of(notice.commune), "name", None)
        notice.page = settings.SITE_URL.rstrip("/") + reverse("public-notice", args=[notice.pk])
        notice.nominees = public_nominees(notice) if notice.is_running() else []
        return Response(PublicNoticeSerializer(notice).data)


class PublicCommentView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser, FormParser]

    @extend_schema(
        request=CommentPostSerializer,
        responses={201: RECEIVED, 400: REFUSAL, 404: REFUSAL, 409: REFUSAL, 429: REFUSAL},
        summary=_("Gửi góp ý về một đề nghị đang niêm yết (không cần đăng nhập)"),
    )
    def post(self, request, pk):
        if not comment_allowed(request):
            return Response(
                {"detail": too_many_message(), "errors": {}}, status=status.HTTP_429_TOO_MANY_REQUESTS
            )
        serializer = CommentPostSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        comment = comment_add(
            notice_id=pk,
            nomination_id=data.pop("nominee"),
            address_hash=address_hash(request),
            **data,
        )
        detail = _("Góp ý đã được gửi tới cán bộ xét hồ sơ.")
        return Response(
            {"id": comment.pk, "nominee": comment.nomination_id, "detail": detail},
            status=status.HTTP_201_CREATED,
        )
