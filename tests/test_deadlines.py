import datetime

import pytest
from django.utils import timezone

from workflows.deadlines import overdue_cutoff, working_days_between

MONDAY = datetime.date(2026, 11, 16)


def test_weekends_are_not_working_days():
    assert working_days_between(MONDAY - datetime.timedelta(days=3), MONDAY) == 1  # Friday → Monday
    assert working_days_between(MONDAY, MONDAY + datetime.timedelta(days=7)) == 5


@pytest.mark.parametrize("limit", [0, 1, 2, 5, 10])
@pytest.mark.parametrize("today_offset", range(7))
def test_the_overdue_cutoff_agrees_with_the_waiting_time(limit, today_offset):
    today = MONDAY + datetime.timedelta(days=today_offset)
    cutoff = timezone.localtime(overdue_cutoff(limit, today)).date()
    for back in range(0, 30):
        created = today - datetime.timedelta(days=back)
        assert (created < cutoff) == (working_days_between(created, today) > limit), (today, created)
