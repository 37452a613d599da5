"""Waiting time and time limits in working days (Monday to Friday).

Public holidays and make-up working days are not counted yet: the deadlines issue adds them here.
"""

import datetime

from django.utils import timezone


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not after ``start``)."""
    days, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        days += is_working_day(day)
    return days


def waited(since: datetime.datetime, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    return working_days_between(timezone.localtime(since).date(), today)


def overdue_cutoff(limit: int, today: datetime.date | None = None) -> datetime.datetime:
    """Tasks created before this moment have waited more than ``limit`` working days, so that a query
    can find overdue tasks with an index on their creation time."""
    day = today or timezone.localdate()
    counted = 0
    # Move the start back one day at a time while the waiting time stays within the limit.
    while counted + is_working_day(day) <= limit:
        counted += is_working_day(day)
        day -= datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
