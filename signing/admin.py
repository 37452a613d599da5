from django.contrib import admin

from .models import SignedDecision, SigningKey


@admin.register(SigningKey)
class SigningKeyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "pkcs12_path", "passphrase_env", "valid_from", "valid_until"]
    raw_id_fields = ["user", "unit"]


@admin.register(SignedDecision)
class SignedDecisionAdmin(admin.ModelAdmin):
    """The record is read-only: signed once, never edited, never deleted."""

    list_display = ["number", "date", "signer_subject", "signed_at"]
    exclude = ["pdf"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
