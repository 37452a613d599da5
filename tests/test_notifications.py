"""Reminders and notices: in the app and by e-mail, once a day per task, never for a finished task."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from viewflow.workflow.models import Task

from workflows.deadlines import WorkingCalendar
from workflows.models import Notification
from workflows.services.notifications import send_reminders

from . import builders as b
from .pages import browser, text


def task_of(dossier):
    return Task.objects.get(process=dossier.process, status__in=["NEW", "ASSIGNED"], flow_task_type="HUMAN")


def created_days_ago(dossier, working_days):
    """Move the task's creation back so that it has waited ``working_days`` working days today."""
    calendar, day = WorkingCalendar(), timezone.localdate()
    while calendar.between(day, timezone.localdate()) < working_days:
        day -= datetime.timedelta(days=1)
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    Task.objects.filter(pk=task_of(dossier).pk).update(created=moment)


@pytest.fixture
def working_today(monkeypatch):
    """Reminders go out on working days; pin "today" to one so the test does not depend on the calendar."""
    calendar, day = WorkingCalendar(), timezone.localdate()
    while not calendar.is_working_day(day):
        day += datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)
    return day


def test_officials_are_reminded_once_a_day_of_an_overdue_task(demo, working_today):
    get_user_model().objects.filter(username__in=["xa.a.canbo", "xa.a.chutich"]).update(
        email="xa.a@example.vn"
    )
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    created_days_ago(dossier, 12)  # the commune review takes 10 working days
    assert send_reminders() == 2
    assert send_reminders() == 0  # the same day again: nothing new
    notices = Notification.objects.filter(kind="overdue")
    assert sorted(n.user.username for n in notices) == ["xa.a.canbo", "xa.a.chutich"]
    assert dossier.code in notices.first().message and "quá hạn" in notices.first().message


def test_a_reminder_goes_two_working_days_before_the_due_date_by_email_too(
    demo, working_today, django_capture_on_commit_callbacks
):
    get_user_model().objects.filter(username="xa.a.canbo").update(email="canbo@example.vn")
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    created_days_ago(dossier, 8)
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders()
    assert Notification.objects.filter(kind="due_soon").count() == 2
    assert [m.to for m in mail.outbox] == [["canbo@example.vn"]] and dossier.code in mail.outbox[0].body


def test_a_claimed_task_reminds_only_its_owner_and_a_finished_task_nobody(demo, working_today):
    claimed, finished = b.new_dossier(), b.new_dossier()
    for dossier in (claimed, finished):
        b.to_submitted(dossier)
    Task.objects.filter(pk=task_of(claimed).pk).update(
        owner=get_user_model().objects.get(username="xa.a.canbo"), status="ASSIGNED"
    )
    created_days_ago(claimed, 12)
    created_days_ago(finished, 12)
    b.fire("xa.a.canbo", finished, "return_to_village", comment="Thiếu ảnh")
    send_reminders()
    assert [n.user.username for n in Notification.objects.filter(kind="overdue")] == ["xa.a.canbo"]
    assert not Notification.objects.filter(dossier=finished, kind="overdue").exists()


def test_a_dossier_arriving_and_a_dossier_returned_are_announced(demo, django_capture_on_commit_callbacks):
    dossier = b.new_dossier()
    with django_capture_on_commit_callbacks(execute=True):
        b.to_submitted(dossier)
    assert Notification.objects.filter(kind="queued", user__username="xa.a.canbo", dossier=dossier).exists()
    with django_capture_on_commit_callbacks(execute=True):
        b.fire("xa.a.canbo", dossier, "return_to_village", comment="Thiếu chữ ký")
    returned = Notification.objects.get(kind="returned")
    assert returned.user.username == "truongthon.a1" and "Thiếu chữ ký" in returned.message


def test_the_header_counts_unread_notices_and_they_can_be_marked_read(
    demo, django_capture_on_commit_callbacks
):
    dossier = b.new_dossier()
    with django_capture_on_commit_callbacks(execute=True):
        b.to_submitted(dossier)
    officer = browser("xa.a.canbo")
    page = text(officer.get("/notices/"))
    assert dossier.code in page and 'badge returned">1<' in page
    officer.post("/notices/read/")
    assert 'badge returned">' not in text(officer.get("/inbox/"))
    assert dossier.code not in text(browser("xa.b.canbo").get("/notices/"))
