"""Waiting time, due dates and time limits in working days.

A working day is Monday to Friday, except Vietnamese public holidays (the ``holidays`` package, lunar Tết
included) and the extra days off an administrator enters; make-up working days entered by an
administrator count even on a weekend.
"""

import datetime
from functools import cached_property

import holidays
from django.utils import timezone

from .models import CalendarDay, StageTimeLimit
from .routing import STAGES


class WorkingCalendar:
    """Loaded once per page or job: one query for the administrator's days, none per day asked."""

    def __init__(self):
        overrides = dict(CalendarDay.objects.values_list("date", "kind"))
        self.days_off = {d for d, kind in overrides.items() if kind == CalendarDay.Kind.DAY_OFF}
        self.working = {d for d, kind in overrides.items() if kind == CalendarDay.Kind.WORKING_DAY}
        self._public = holidays.Vietnam()

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.working:
            return True
        return day.weekday() < 5 and day not in self.days_off and day not in self._public

    def between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not after it)."""
        days, day = 0, start
        while day < end:
            day += datetime.timedelta(days=1)
            days += self.is_working_day(day)
        return days

    def add(self, start: datetime.date, count: int) -> datetime.date:
        """The day on which ``count`` working days after ``start`` have passed."""
        day = start
        while count > 0:
            day += datetime.timedelta(days=1)
            count -= self.is_working_day(day)
        return day

    def cutoff(self, limit: int, today: datetime.date) -> datetime.datetime:
        """Tasks created before this moment have waited more than ``limit`` working days: a query can find
        the overdue ones with an index on their creation time."""
        day, counted = today, 0
        while counted + self.is_working_day(day) <= limit:
            counted += self.is_working_day(day)
            day -= datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    @cached_property
    def limits(self) -> dict:
        """Working days each stage may take: the administrator's value, else the default."""
        limits = {stage.name: stage.time_limit for stage in STAGES}
        limits.update(dict(StageTimeLimit.objects.values_list("stage", "working_days")))
        return limits


def waited(since: datetime.datetime, calendar: WorkingCalendar, today: datetime.date | None = None) -> int:
    return calendar.between(timezone.localtime(since).date(), today or timezone.localdate())


def due_date(created: datetime.datetime, stage_name: str, calendar: WorkingCalendar) -> datetime.date | None:
    limit = calendar.limits.get(stage_name)
    return None if limit is None else calendar.add(timezone.localtime(created).date(), limit)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    return WorkingCalendar().between(start, end)


def overdue_cutoff(limit: int, today: datetime.date | None = None) -> datetime.datetime:
    return WorkingCalendar().cutoff(limit, today or timezone.localdate())
