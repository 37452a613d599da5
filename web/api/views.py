"""The JSON API. Every write calls a service; every read goes through a selector that filters by rules, in the
role the request acts in (ActsInRole)."""

from django.db.models import Prefetch, Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from dossiers.criteria import MIN_REASON_LENGTH, checklist
from dossiers.models import Round
from dossiers.models.catalog import route_of_units
from dossiers.selectors import (
    awardees_visible_to,
    decisions_visible_to,
    dossier_for_user,
    dossiers_visible_to,
)
from dossiers.services.documents import document_upload
from dossiers.services.drafting import dossier_update
from dossiers.services.flags import flag_decide
from dossiers.states import NomineeKind
from dossiers.text import fold
from permissions import rules
from permissions.names import full_name
from workflows.deadlines import WorkingCalendar
from workflows.selectors import inbox_tasks
from workflows.services.batch import decision_issue
from workflows.services.lifecycle import dossier_open
from workflows.services.transitions import dossier_transition

from ..acting_role import acting_membership
from ..decision_files import decision_file
from ..duplicate_flags import appraisers_of
from ..pages.auth import locked_out
from . import serializers as s
from .authentication import token_issue


class ActsInRole:
    """Mixed into every API view that reads or writes dossiers and decisions: ``request.acting`` is the role
    the request acts in (web.acting_role: the X-Acting-Membership header, or every role without it), resolved
    once the token has said who asks, and every selector and service of the view is given it. A header naming
    a role the user does not hold is a 400 before anything is read."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        request.acting = acting_membership(request)


class MeView(APIView):
    """Who the user is and every role they hold, whatever role the request names: where a client finds the
    ids to name in X-Acting-Membership (a stale one would otherwise lock it out of finding the new ones)."""

    @extend_schema(responses=s.MeSerializer)
    def get(self, request):
        user = request.user
        return Response(
            {
                "username": user.username,
                "full_name": full_name(user),
                "is_superuser": user.is_superuser,
                "memberships": s.MembershipSerializer(rules.memberships_of(user), many=True).data,
            }
        )


class TokenRequestSerializer(AuthTokenSerializer):
    # Bounded as the login page's form is: an absurd username is a 400 here, not a failed database write.
    username = serializers.CharField(label="Tên đăng nhập", max_length=150, write_only=True)
    password = serializers.CharField(
        label="Mật khẩu",
        max_length=4096,
        style={"input_type": "password"},
        trim_whitespace=False,
        write_only=True,
    )


class TokenView(ObtainAuthToken):
    """POST {username, password} → {token}, valid for API_TOKEN_LIFETIME. A login locked out by repeated
    failures gets 429, not 400."""

    serializer_class = TokenRequestSerializer

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        try:
            serializer.is_valid(raise_exception=True)
        except ValidationError:
            if getattr(request, "axes_locked_out", False):
                return locked_out(request)
            raise
        # The user's live token; an expired one is replaced (DRF's view would hand the dead one back).
        return Response({"token": token_issue(serializer.validated_data["user"]).key})


class LogoutView(APIView):
    """Revoke the token of this user (every copy of it stops working at once)."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class CriteriaView(ActsInRole, APIView):
    """The appraisal checklist of each nominee kind, as the appraiser marks it."""

    @extend_schema(
        responses=s.CriteriaSerializer,
        description=(
            "Tiêu chí thẩm định theo loại đối tượng. Khi thẩm định (chuyển bước “appraise”), mỗi phần tử "
            "của “verdicts” gồm: nomination, eligible, criteria {mã tiêu chí: true/false} cho mọi tiêu chí "
            "của loại đối tượng, note, và reason: bắt buộc (ít nhất reason_min_length ký tự) khi eligible "
            "là true mà còn tiêu chí chưa đạt."
        ),
    )
    def get(self, request):
        kinds = [
            {"nominee_kind": kind.value, "nominee_kind_display": str(kind.label), "criteria": checklist(kind)}
            for kind in NomineeKind
        ]
        return Response(
            s.CriteriaSerializer({"reason_min_length": MIN_REASON_LENGTH, "nominee_kinds": kinds}).data
        )


class RoundListView(ActsInRole, generics.ListAPIView):
    """Every round; for a village head, those whose route their village's units run (the rounds they may
    propose in, open or past)."""

    serializer_class = s.RoundSerializer
    queryset = Round.objects.select_related("movement").order_by("-year", "pk")

    def get_queryset(self):
        villages = rules.proposing_villages(self.request.user, self.request.acting)
        rounds = super().get_queryset()
        return rounds if villages is None else rounds.filter(route__in={route_of_units(v) for v in villages})


DOSSIER_FILTERS = [
    OpenApiParameter("status", str, description="Trạng thái"),
    OpenApiParameter("round", int, description="Mã đợt"),
    OpenApiParameter("unit", str, description="Mã đơn vị (thôn, xã, huyện hoặc tỉnh)"),
    OpenApiParameter(
        "search", str, description="Mã, tiêu đề hoặc tên người được đề nghị; có dấu hay không dấu"
    ),
]


class DossierListCreateView(ActsInRole, generics.ListCreateAPIView):
    def get_serializer_class(self):
        return s.DossierCreateSerializer if self.request.method == "POST" else s.DossierListSerializer

    def get_queryset(self):
        params = _checked_params(self.request.query_params)
        queryset = dossiers_visible_to(self.request.user, self.request.acting).select_related(
            "village", "commune"
        )
        if params.get("status"):
            queryset = queryset.filter(status=params["status"])
        if params.get("round"):
            queryset = queryset.filter(round_id=int(params["round"]))
        if params.get("unit"):
            code = params["unit"]
            queryset = queryset.filter(
                Q(village__code=code)
                | Q(commune__code=code)
                | Q(district__code=code)
                | Q(province__code=code)
            )
        if params.get("search"):
            queryset = queryset.filter(search_text__contains=fold(params["search"]))
        return queryset.order_by("-created", "-pk")

    @extend_schema(parameters=DOSSIER_FILTERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=s.DossierCreateSerializer, responses={201: s.DossierSerializer})
    def post(self, request):
        serializer = s.DossierCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        dossier = dossier_open(
            user=request.user,
            acting=request.acting,
            round=data["round"],
            village=data["unit"],
            title=data["title"],
            nominations=[{k: v for k, v in item.items() if k != "id"} for item in data["nominations"]],
        )
        return Response(_detail(request, dossier.pk), status=status.HTTP_201_CREATED)


def _checked_params(params):
    """Refuse filter values no dossier could match in a way the database would choke on (400, not 500)."""
    errors = {}
    for name in ("status", "round", "unit", "search"):
        if "\x00" in params.get(name, ""):
            errors[name] = [_("Giá trị chứa ký tự không hợp lệ.")]
    round_id = params.get("round", "")
    if round_id and (not (round_id.isascii() and round_id.isdigit()) or len(round_id) > 18):
        errors["round"] = [_("Mã đợt phải là số.")]
    if errors:
        raise ValidationError(errors)
    return params


def _detail(request, dossier_id):
    dossier = dossier_for_user(request.user, dossier_id, acting=request.acting)
    shows_citizen_id = rules.handles_dossier(request.user, dossier, request.acting)
    return s.DossierSerializer(
        dossier, context={"request": request, "shows_citizen_id": shows_citizen_id}
    ).data


class DossierDetailView(ActsInRole, APIView):
    @extend_schema(responses=s.DossierSerializer)
    def get(self, request, pk):
        return Response(_detail(request, pk))

    @extend_schema(request=s.DossierUpdateSerializer, responses=s.DossierSerializer)
    def patch(self, request, pk):
        serializer = s.DossierUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        dossier_update(user=request.user, dossier_id=pk, acting=request.acting, **serializer.validated_data)
        return Response(_detail(request, pk))


class FlagDecisionView(ActsInRole, APIView):
    """The appraiser keeps or withdraws a nominee flagged as a duplicate or a re-award, with a reason."""

    @extend_schema(request=s.FlagDecideSerializer, responses=s.DossierSerializer)
    def post(self, request, pk):
        dossier = dossier_for_user(request.user, pk, acting=request.acting)  # 404 before reading the body
        serializer = s.FlagDecideSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        flag_decide(
            user=request.user,
            dossier_id=pk,
            appraisers=appraisers_of(dossier),
            acting=request.acting,
            **serializer.validated_data,
        )
        return Response(_detail(request, pk))


class DocumentUploadView(ActsInRole, APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": s.DocumentUploadSerializer}, responses={201: s.DocumentSerializer}
    )
    def post(self, request, pk):
        dossier_for_user(request.user, pk, acting=request.acting)  # 404 before looking at the upload
        serializer = s.DocumentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        document = document_upload(
            user=request.user,
            acting=request.acting,
            dossier_id=pk,
            kind=data["kind"],
            upload=data["file"],
            nomination_id=data.get("nomination"),
        )
        return Response(s.DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentDownloadView(ActsInRole, APIView):
    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    def get(self, request, pk, document_id):
        dossier = dossier_for_user(request.user, pk, acting=request.acting)
        document = get_object_or_404(dossier.documents, pk=document_id)
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )


class TransitionView(ActsInRole, APIView):
    parser_classes = [JSONParser]

    # Documented per step (web.api.urls): each step's body is described by its own schema.
    def post(self, request, pk, name):
        payload = request.data
        if not isinstance(payload, dict):
            raise ValidationError(
                {"non_field_errors": [_("Nội dung gửi lên phải là một đối tượng JSON {…}.")]}
            )
        dossier_transition(
            user=request.user, dossier_id=pk, name=name, payload=payload, acting=request.acting
        )
        return Response(_detail(request, pk))


class HistoryView(ActsInRole, APIView):
    @extend_schema(responses=s.AuditEventSerializer(many=True))
    def get(self, request, pk):
        dossier = dossier_for_user(request.user, pk, acting=request.acting)
        events = dossier.events.select_related("actor", "unit").order_by("at", "pk")
        return Response(s.AuditEventSerializer(events, many=True).data)


class DecisionListCreateView(ActsInRole, generics.ListAPIView):
    serializer_class = s.DecisionSerializer

    def get_queryset(self):
        user, role = self.request.user, self.request.acting
        decisions = decisions_visible_to(user, role).select_related("issuer", "signer")
        # Each decision with only the awardees of the dossiers the user may see, as on the decisions page.
        awardees = awardees_visible_to(user, role).select_related("dossier__village", "award_form")
        shown = Prefetch("awarded_nominations", queryset=awardees.order_by("pk"))
        return decisions.prefetch_related(shown).order_by("-date", "-pk")

    @extend_schema(request=s.DecisionIssueSerializer, responses={201: s.DecisionSerializer})
    def post(self, request):
        serializer = s.DecisionIssueSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        decision = decision_issue(
            user=request.user,
            number=data["number"],
            date=data["date"],
            signer=data.get("signer"),
            signer_capacity=data.get("signer_capacity"),
            dossier_ids=data["dossiers"],
            acting=request.acting,
        )
        return Response(s.DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


class DecisionPdfView(ActsInRole, APIView):
    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request, pk):
        return decision_file(request, pk, "pdf", request.acting)


class CertificatesPdfView(ActsInRole, APIView):
    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request, pk):
        return decision_file(request, pk, "certificates", request.acting)


class InboxView(ActsInRole, generics.ListAPIView):
    serializer_class = s.InboxTaskSerializer

    def get_queryset(self):
        return inbox_tasks(self.request.user, self.request.acting)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "calendar": WorkingCalendar()}
