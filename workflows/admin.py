from django.contrib import admin

from .models import CalendarDay, StageTimeLimit


@admin.register(StageTimeLimit)
class StageTimeLimitAdmin(admin.ModelAdmin):
    list_display = ["stage", "working_days"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    date_hierarchy = "date"
