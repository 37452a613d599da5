"""Waiting time, due dates and time limits in working days.

A working day is Monday to Friday, except Vietnamese public holidays (the ``holidays`` package, lunar Tết
included) and the extra days off an administrator enters; make-up working days entered by an
administrator count even on a weekend.
"""

import bisect
import datetime
import functools
import itertools
from functools import cached_property

import holidays
from django.utils import timezone

from .models import CalendarDay
from .stage_settings import StageRules


class WorkingCalendar:
    """Loaded once per page or job: one query for the administrator's days, none per day asked."""

    def __init__(self):
        overrides = dict(CalendarDay.objects.values_list("date", "kind"))
        self.days_off = {d for d, kind in overrides.items() if kind == CalendarDay.Kind.DAY_OFF}
        self.working = {d for d, kind in overrides.items() if kind == CalendarDay.Kind.WORKING_DAY}
        self._by_year = {}

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.working:
            return True
        return day.weekday() < 5 and day not in self.days_off and day not in public_holidays(day.year)

    def between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not after it).

        Counted, not walked: an inbox page asks this for every row, and a dossier may have waited a year.
        """
        if end <= start:
            return 0
        return _weekdays_up_to(end) - _weekdays_up_to(start) + self._exceptions_between(start, end)

    def _exceptions_between(self, start: datetime.date, end: datetime.date) -> int:
        """Weekend working days minus weekday days off, after ``start`` up to and including ``end``."""
        total = 0
        for year in range(start.year, end.year + 1):
            days, running = self._exceptions(year)
            low = bisect.bisect_right(days, start) if year == start.year else 0
            high = bisect.bisect_right(days, end) if year == end.year else len(days)
            total += running[high] - running[low]
        return total

    def _exceptions(self, year: int) -> tuple[list, list]:
        """The year's days that break the Monday-to-Friday rule, sorted, with the running sum of +1 for a
        weekend working day and -1 for a weekday off."""
        if year not in self._by_year:
            candidates = public_holidays(year) | self.days_off | self.working
            changes = [
                (day, change)
                for day in sorted(candidates)
                if day.year == year and (change := self.is_working_day(day) - (day.weekday() < 5))
            ]
            running = list(itertools.accumulate((change for _, change in changes), initial=0))
            self._by_year[year] = ([day for day, _ in changes], running)
        return self._by_year[year]

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
    def rules(self) -> StageRules:
        """The provinces' stage settings (time limits among them), read once, at the first limit asked."""
        return StageRules.load()

    def limit(self, dossier, stage_name: str, day: datetime.date) -> int | None:
        """Working days ``stage_name`` may take for the dossier (its province and route) when entered on
        ``day``: the setting in force that day, else the route's default; None: no limit."""
        return self.rules.for_dossier(dossier, stage_name, day).time_limit


@functools.cache
def public_holidays(year: int) -> frozenset:
    """The year's public holidays: fixed by law, so worked out once per process (about a millisecond each)."""
    return frozenset(holidays.Vietnam(years=year))


def _weekdays_up_to(day: datetime.date) -> int:
    """Mondays to Fridays from 1 January of year 1 (a Monday) up to and including ``day``."""
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def waited(since: datetime.datetime, calendar: WorkingCalendar, today: datetime.date | None = None) -> int:
    return calendar.between(timezone.localtime(since).date(), today or timezone.localdate())


def task_limit(task, calendar: WorkingCalendar) -> int | None:
    """Working days the task may take: the limit in force, in its dossier's province and route, on the day
    the task was created (a later change of the setting does not move it). The task's dossier is read
    through ``process.dossierprocess.dossier``: select it with the tasks."""
    created = timezone.localtime(task.created).date()
    return calendar.limit(task.process.dossierprocess.dossier, task.flow_task.name, created)


def due_date(task, calendar: WorkingCalendar) -> datetime.date | None:
    limit = task_limit(task, calendar)
    return None if limit is None else calendar.add(timezone.localtime(task.created).date(), limit)


def is_overdue(task, calendar: WorkingCalendar, today: datetime.date | None = None) -> bool:
    """Whether the task has waited more working days than its limit (until ``today``)."""
    limit = task_limit(task, calendar)
    return limit is not None and waited(task.created, calendar, today) > limit


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    return WorkingCalendar().between(start, end)


def overdue_cutoff(limit: int, today: datetime.date | None = None) -> datetime.datetime:
    return WorkingCalendar().cutoff(limit, today or timezone.localdate())
