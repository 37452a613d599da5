"""Working days skip weekends, Vietnamese public holidays (Tết included) and the administrator's days off,
and count the make-up working days; every task has a due date and an overdue mark from them."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from viewflow.workflow.models import Task

from dossiers.models import Round
from workflows.deadlines import WorkingCalendar
from workflows.models import CalendarDay, StageSetting

from . import builders as b
from .api import Official

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2026, 11, 16)
day = datetime.date


def test_weekends_and_public_holidays_are_not_working_days():
    calendar = WorkingCalendar()
    assert calendar.between(MONDAY - datetime.timedelta(days=3), MONDAY) == 1  # Friday → Monday
    assert not calendar.is_working_day(day(2027, 2, 8))  # Tết Đinh Mùi, a Monday
    assert not calendar.is_working_day(day(2026, 9, 2)) and not calendar.is_working_day(day(2026, 4, 30))
    assert calendar.between(day(2027, 2, 3), day(2027, 2, 12)) == 2  # Tết week: Wed 3 → Fri 12: 11th, 12th


def test_the_administrators_days_off_and_make_up_days_count():
    CalendarDay.objects.create(date=day(2026, 11, 18), kind="day_off", note="Nghỉ bù")
    CalendarDay.objects.create(date=day(2026, 11, 21), kind="working_day", note="Làm bù thứ Bảy")
    calendar = WorkingCalendar()
    assert not calendar.is_working_day(day(2026, 11, 18)) and calendar.is_working_day(day(2026, 11, 21))
    assert calendar.add(MONDAY, 4) == day(2026, 11, 21)  # Tue, Thu, Fri, Sat (make-up)


# Pure arithmetic (milliseconds an example): 300 examples take about a second. The autouse fixtures
# (conftest's settings and tmp_path, the database) are function-scoped; each example sets the calendar's own
# days and reads nothing of them, so sharing one setup across examples is right.
@settings(
    max_examples=300,
    deadline=datetime.timedelta(seconds=1),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    start=st.dates(day(2023, 1, 1), day(2028, 12, 31)),
    length=st.integers(-5, 800),
    days_off=st.sets(st.dates(day(2024, 1, 1), day(2027, 12, 31)), max_size=6),
    make_up=st.sets(st.dates(day(2024, 1, 1), day(2027, 12, 31)), max_size=6),
)
def test_counted_working_days_equal_the_days_walked_one_by_one(start, length, days_off, make_up):
    """The inbox counts waiting days arithmetically; walking the calendar day by day must agree, across
    years, Tết and the administrator's days (a make-up day wins over a day off on the same date)."""
    calendar = WorkingCalendar()
    calendar.days_off, calendar.working = days_off, make_up
    end = start + datetime.timedelta(days=length)
    walked = sum(calendar.is_working_day(start + datetime.timedelta(days=n)) for n in range(1, length + 1))
    assert calendar.between(start, end) == walked


@pytest.mark.parametrize("limit", [0, 1, 2, 5, 10])
@pytest.mark.parametrize("today_offset", range(0, 90, 3))
def test_the_overdue_cutoff_agrees_with_the_waiting_time(limit, today_offset):
    calendar = WorkingCalendar()
    today = day(2027, 1, 20) + datetime.timedelta(days=today_offset)  # across Tết 2027
    cutoff = timezone.localtime(calendar.cutoff(limit, today)).date()
    for back in range(0, 30):
        created = today - datetime.timedelta(days=back)
        assert (created < cutoff) == (calendar.between(created, today) > limit), (today, created)


def test_the_inbox_api_gives_each_task_its_due_date_and_overdue_mark(demo):
    fresh, old = b.new_dossier(), b.new_dossier()
    b.to_submitted(fresh)
    b.to_submitted(old)
    task = Task.objects.get(process=old.process, status="NEW", flow_task_type="HUMAN")
    Task.objects.filter(pk=task.pk).update(created=timezone.now() - datetime.timedelta(days=40))
    items = {i["dossier"]: i for i in Official("xa.a.canbo").get("/api/inbox/").json()["results"]}
    calendar = WorkingCalendar()
    assert items[fresh.pk]["due_at"] == calendar.add(timezone.localdate(), 10).isoformat()
    assert (items[fresh.pk]["overdue"], items[old.pk]["overdue"]) == (False, True)


def test_a_stage_time_limit_set_by_the_administrator_replaces_the_default(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    task = Task.objects.get(process=dossier.process, status="NEW", flow_task_type="HUMAN")
    Task.objects.filter(pk=task.pk).update(created=timezone.now() - datetime.timedelta(days=8))
    officer = Official("xa.a.canbo")
    assert officer.get("/api/inbox/").json()["results"][0]["overdue"] is False  # 10 days by default
    # In force since before the task was created (a later setting applies to tasks created after it).
    since = timezone.localdate() - datetime.timedelta(days=30)
    StageSetting.objects.create(route="three_tier", stage="commune_review", time_limit=2, valid_from=since)
    assert officer.get("/api/inbox/").json()["results"][0]["overdue"] is True


def test_submitting_after_the_rounds_deadline_is_refused_except_in_a_special_round(demo):
    dossier = b.new_dossier()
    Round.objects.filter(pk=dossier.round_id).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    body = Official("truongthon.a1").fire(dossier.pk, "submit", expect=400)
    assert "quá hạn nộp hồ sơ" in body["errors"]["round"][0]
    Round.objects.filter(pk=dossier.round_id).update(kind="special")
    assert Official("truongthon.a1").fire(dossier.pk, "submit")["status"] == "submitted"
