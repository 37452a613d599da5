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

from .models import CalendarDay, StageTimeLimit
from .routing import STAGES


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
    def limits(self) -> dict:
        """Working days each stage may take: the administrator's value, else the default."""
        limits = {stage.name: stage.time_limit for stage in STAGES}
        limits.update(dict(StageTimeLimit.objects.values_list("stage", "working_days")))
        return limits


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


def due_date(created: datetime.datetime, stage_name: str, calendar: WorkingCalendar) -> datetime.date | None:
    limit = calendar.limits.get(stage_name)
    return None if limit is None else calendar.add(timezone.localtime(created).date(), limit)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    return WorkingCalendar().between(start, end)


def overdue_cutoff(limit: int, today: datetime.date | None = None) -> datetime.datetime:
    return WorkingCalendar().cutoff(limit, today or timezone.localdate())
