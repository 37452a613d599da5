"""Administration in Vietnamese. Dossiers and their history are read-only here: state changes happen only
through the workflow services, and roles are granted through the access service (which records them)."""

from django.contrib import admin

from permissions.models import Membership

from .models import (
    AuditEvent,
    AwardForm,
    BaseSalary,
    BonusRate,
    BonusRounding,
    Criterion,
    Decision,
    Document,
    Dossier,
    LegalBasis,
    Movement,
    Nomination,
    Round,
)
from .services.access import membership_grant, membership_revoke


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ["name", "start_year", "end_year"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "year", "deadline", "is_open"]
    list_filter = ["kind", "is_open", "year"]


# The law by date: legal bases, base salary, bonus multiples and their rounding, award forms and criteria
# are data an administrator keeps current (the admin's change history records who changed what).


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ["text", "issuer_level", "position", "valid_from", "valid_to"]
    list_filter = ["issuer_level"]
    search_fields = ["text", "note"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["amount", "valid_from"]


@admin.register(BonusRate)
class BonusRateAdmin(admin.ModelAdmin):
    list_display = ["award_form", "nominee_kind", "multiplier", "valid_from", "source"]
    list_filter = ["award_form", "nominee_kind"]
    search_fields = ["source"]


@admin.register(BonusRounding)
class BonusRoundingAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "mode", "source"]


@admin.register(AwardForm)
class AwardFormAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "authority_level", "valid_from", "valid_to", "position"]
    list_filter = ["authority_level"]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["label", "nominee_kind", "movement", "key", "position"]
    list_filter = ["movement", "nominee_kind"]
    search_fields = ["label", "key"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "created"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name", "unit__code"]
    autocomplete_fields = ["user", "unit"]

    def has_change_permission(self, request, obj=None):
        # A role is granted or revoked, never edited in place: the history records both.
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        saved = membership_grant(by=request.user, user=obj.user, role=obj.role, unit=obj.unit)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        membership_revoke(by=request.user, membership=obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            membership_revoke(by=request.user, membership=membership)


class NominationInline(admin.TabularInline):
    model = Nomination
    extra = 0
    can_delete = False
    fields = [
        "nominee_kind",
        "nominee_name",
        "award_form",
        "commune_approved",
        "eligible",
        "outcome",
        "decision",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class DocumentInline(NominationInline):
    model = Document
    fields = ["kind", "original_name", "nomination", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "village", "commune", "status", "status_changed"]
    list_filter = ["status", "round", "district"]
    search_fields = ["code", "title", "search_text"]
    inlines = [NominationInline, DocumentInline]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["number", "date", "issuer", "signer", "signer_capacity"]
    search_fields = ["number"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "dossier", "actor", "role", "unit", "action", "from_status", "to_status"]
    list_filter = ["action", "role"]
    search_fields = ["dossier__code", "actor__username", "comment"]
