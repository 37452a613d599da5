"""Delegation while away, over the API: the delegations the user may read, lending a role, revoking one.

The same services as the page (workflows.services.delegation) refuse what the rules do not allow."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from permissions import rules
from permissions.models import Delegation
from permissions.names import full_name
from workflows.services.delegation import REASON_MAX, delegation_create, delegation_revoke

from .views import ActsInRole


class DelegationSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code")
    role_display = serializers.CharField(source="get_role_display")
    delegator = serializers.CharField(source="delegator.username")
    delegator_name = serializers.SerializerMethodField()
    delegate = serializers.CharField(source="delegate.username")
    delegate_name = serializers.SerializerMethodField()
    in_force = serializers.SerializerMethodField()

    class Meta:
        model = Delegation
        fields = [
            "id",
            "role",
            "role_display",
            "unit",
            "delegator",
            "delegator_name",
            "delegate",
            "delegate_name",
            "starts_on",
            "ends_on",
            "reason",
            "revoked_at",
            "in_force",
        ]

    def get_delegator_name(self, delegation) -> str:
        return full_name(delegation.delegator)

    def get_delegate_name(self, delegation) -> str:
        return full_name(delegation.delegate)

    def get_in_force(self, delegation) -> bool:
        return delegation.is_in_force(timezone.localdate())


class DelegationCreateSerializer(serializers.Serializer):
    membership = serializers.IntegerField(help_text="The id of the role lent (a membership, from /api/me/).")
    delegate = serializers.CharField(max_length=150, help_text="The colleague's username.")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    reason = serializers.CharField(max_length=REASON_MAX, required=False, allow_blank=True, default="")


class DelegationRevokeSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_MAX, required=False, allow_blank=True, default="")


def _readable(request):
    return Delegation.objects.filter(rules.delegations_filter(request.user, request.acting)).select_related(
        "delegator", "delegate", "unit"
    )


class DelegationListCreateView(ActsInRole, APIView):
    """GET: the delegations the user gave, received, or (a chair) of their unit. POST: lend a role."""

    @extend_schema(responses=DelegationSerializer(many=True))
    def get(self, request):
        return Response(DelegationSerializer(_readable(request)[:500], many=True).data)

    @extend_schema(request=DelegationCreateSerializer, responses={201: DelegationSerializer})
    def post(self, request):
        serializer = DelegationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        delegate = get_user_model().objects.filter(username=data["delegate"]).first()
        delegation = delegation_create(
            by=request.user,
            acting=request.acting,
            membership_id=data["membership"],
            delegate_id=delegate.pk if delegate else 0,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            reason=data["reason"],
        )
        return Response(DelegationSerializer(delegation).data, status=status.HTTP_201_CREATED)


class DelegationRevokeView(ActsInRole, APIView):
    """End a delegation now: whoever lent it, the chair of its unit, or an administrator."""

    @extend_schema(request=DelegationRevokeSerializer, responses=DelegationSerializer)
    def post(self, request, pk):
        serializer = DelegationRevokeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        delegation = delegation_revoke(
            by=request.user,
            acting=request.acting,
            delegation_id=pk,
            reason=serializer.validated_data["reason"],
        )
        return Response(DelegationSerializer(delegation).data)
