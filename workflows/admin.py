from urllib.parse import urlencode

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from permissions.roles import AgencyKind

from . import (
    delegation_admin,  # noqa: F401 (registers the delegations' page)
    reorganisation_admin,  # noqa: F401 (registers the reorganisation's pages)
)
from .models import CalendarDay, StageSetting
from .routes import ROUTES, Stage
from .stage_settings import StageRules

RULE_FIELDS = ["province", "route", "stage", "agency", "time_limit", "enabled", "valid_from", "note"]


def default_text(stage: Stage | None) -> str:
    """What the route sets for a stage when no province changed it: its office, its limit, whether it may be
    switched off."""
    if stage is None:
        return ""
    limit = (
        _("%(days)s ngày làm việc") % {"days": stage.time_limit}
        if stage.time_limit is not None
        else _("không thời hạn")
    )
    optional = _("có thể tắt") if stage.optional else _("bắt buộc")
    return f"{AgencyKind(stage.agency).label} · {limit} · {optional}"


def _grouped_stage_choices() -> list:
    """The stage list of the add form: by route, each stage with the route's default beside it."""
    return [("", "---------")] + [
        (route.label, [(s.name, f"{s.label} — {default_text(s)}") for s in route.stages])
        for route in ROUTES.values()
    ]


class ProvinceFilter(admin.RelatedOnlyFieldListFilter):
    """The provinces with settings, and the settings for every province (no province)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_value_display = _("Mọi tỉnh")


@admin.register(StageSetting)
class StageSettingAdmin(admin.ModelAdmin):
    """Add-only: a saved setting is history, shown read-only; a change is a new row from a date."""

    list_filter = [("province", ProvinceFilter), "route", "stage"]
    list_select_related = ["province", "recorded_by"]
    date_hierarchy = "valid_from"
    readonly_fields = ["route_defaults", "scope", "recorded_by", "recorded_at"]

    def get_list_display(self, request):
        rules, today = StageRules.load(), timezone.localdate()  # one query for the page's "in force" column

        @admin.display(description=gettext_lazy("hiệu lực"))
        def standing(row):
            if row.valid_from > today:
                return _("Từ %(day)s") % {"day": f"{row.valid_from:%d/%m/%Y}"}
            in_force = rules.row_in_force(row.province_id, row.route, row.stage, today)
            return _("Đang áp dụng") if in_force and in_force.pk == row.pk else _("Đã được thay")

        return [
            "scope",
            "route",
            "stage",
            "office",
            "limit",
            "enabled",
            "valid_from",
            standing,
            "route_default",
            "note",
            "recorded_by",
            "recorded_at",
            "change_from_a_date",
        ]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["route_defaults", *RULE_FIELDS]
        return ["scope", *RULE_FIELDS[1:], "recorded_by", "recorded_at"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "stage":
            kwargs["choices"] = _grouped_stage_choices()
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "province":
            kwargs["empty_label"] = _("Mọi tỉnh")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        return {"valid_from": timezone.localdate(), **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=gettext_lazy("tỉnh"), ordering="province__name")
    def scope(self, row):
        return row.province.name if row.province_id else _("Mọi tỉnh")

    @admin.display(description=gettext_lazy("cơ quan thực hiện"))
    def office(self, row):
        return row.get_agency_display() if row.agency else _("(mặc định)")

    @admin.display(description=gettext_lazy("thời hạn"))
    def limit(self, row):
        return row.time_limit if row.time_limit is not None else _("(mặc định)")

    @admin.display(description=gettext_lazy("mặc định của quy trình"))
    def route_default(self, row):
        return default_text(row.declared_stage)

    @admin.display(description=gettext_lazy("thay đổi"))
    def change_from_a_date(self, row):
        """A new row from another date, filled with this one's values (a saved row is never edited)."""
        values = {name: getattr(row, name) for name in ("route", "stage", "agency")}
        values |= {"province": row.province_id or "", "time_limit": row.time_limit or ""}
        values["enabled"] = "on" if row.enabled else ""
        url = reverse("admin:workflows_stagesetting_add") + "?" + urlencode(values)
        return format_html('<a href="{}">{}</a>', url, _("Ghi thay đổi từ ngày mới"))

    @admin.display(description=gettext_lazy("mặc định của các quy trình"))
    def route_defaults(self, row=None):
        """The add page's reminder of each route's stages and their defaults."""
        return format_html_join(
            "",
            "<p><strong>{}</strong></p><ul>{}</ul>",
            (
                (
                    route.label,
                    format_html_join(
                        "", "<li>{}: {}</li>", ((s.label, default_text(s)) for s in route.stages)
                    ),
                )
                for route in ROUTES.values()
            ),
        )


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    date_hierarchy = "date"
