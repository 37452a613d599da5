"""The administrator's pages for a reorganisation: record it with its successions, see the dry run (every
open dossier, where it stands and where it will go, every unit and role that moves or ends), then apply it."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from dossiers.errors import StateConflict

from .models import Reorganisation, UnitSuccession
from .routes import ROUTES
from .services.reorganisation import plan, reorganisation_apply


class UnitSuccessionInline(admin.TabularInline):
    model = UnitSuccession
    extra = 1
    autocomplete_fields = ["unit", "successor"]

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.applied_at is None

    has_add_permission = has_delete_permission = has_change_permission


@admin.register(Reorganisation)
class ReorganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "effective_on", "applied", "dry_run_link"]
    readonly_fields = ["recorded_by", "applied_at", "applied_by"]
    inlines = [UnitSuccessionInline]

    @admin.display(description=_("đã áp dụng"), boolean=True)
    def applied(self, obj):
        return obj.applied_at is not None

    @admin.display(description=_("chạy thử / áp dụng"))
    def dry_run_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:reorganisation-plan", args=[obj.pk]), _("Xem")
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.applied_at is None)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.applied_at is None)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        view = self.admin_site.admin_view(self.plan_view)
        return [path("<int:pk>/plan/", view, name="reorganisation-plan"), *super().get_urls()]

    def plan_view(self, request, pk):
        """The dry run; a POST (superusers only) applies it."""
        reorganisation = get_object_or_404(Reorganisation, pk=pk)
        if not request.user.is_superuser:
            raise PermissionDenied
        if request.method == "POST":
            try:
                reorganisation_apply(reorganisation_id=pk, by=request.user)
            except StateConflict as refused:
                messages.error(request, refused.message)
            else:
                messages.success(request, _("Đã áp dụng “%(name)s”.") % {"name": reorganisation.name})
            return redirect("admin:reorganisation-plan", pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("%(name)s: chạy thử") % {"name": reorganisation.name},
            "opts": self.model._meta,
            "original": reorganisation,
            "plan": plan(reorganisation) if reorganisation.applied_at is None else None,
        }
        context["moves"] = [
            {
                "move": move,
                "before": ROUTES[move.dossier.route].stages_by_name[move.dossier.stage].label,
                "after": ROUTES[move.route_after].stages_by_name[move.stage_after].label,
            }
            for move in (context["plan"].dossiers if context["plan"] else [])
        ]
        return TemplateResponse(request, "admin/workflows/reorganisation_plan.html", context)
