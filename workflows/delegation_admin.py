"""Delegations in the administration: read them all and end one early (they are lent on /delegations/, where
the rules are checked)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from dossiers.admin import ReadOnlyAdmin
from dossiers.errors import ServiceRefusal
from permissions.models import Delegation

from .services.delegation import delegation_revoke


@admin.register(Delegation)
class DelegationAdmin(ReadOnlyAdmin):
    """Delegations are lent on the site's page (/delegations/), where the rules are checked; here an
    administrator reads them all and may end one early."""

    list_display = ["role", "unit", "delegator", "delegate", "starts_on", "ends_on", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["delegator__username", "delegate__username", "unit__name"]
    actions = ["revoke"]

    @admin.action(description=_("Thu hồi các ủy quyền đã chọn"))
    def revoke(self, request, queryset):
        for delegation in queryset:
            try:
                delegation_revoke(by=request.user, acting=None, delegation_id=delegation.pk)
            except ServiceRefusal as refusal:
                self.message_user(request, f"{delegation}: {refusal.message}", level="warning")
