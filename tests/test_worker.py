"""A real Celery worker against the real Redis and PostgreSQL runs the jobs end to end."""

import datetime
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection
from django.utils import timezone
from viewflow.workflow.models import Task

from workflows.deadlines import WorkingCalendar
from workflows.models import Notification

from . import builders as b

ROOT = Path(__file__).resolve().parent.parent
BROKER = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")


def redis_up():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the worker process needs a shared database"
    ),
    pytest.mark.skipif(not redis_up(), reason="Redis is not running on 127.0.0.1:6379"),
]


@pytest.fixture
def worker():
    settings = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {
        "CELERY_BROKER_URL": BROKER,
        "CELERY_RESULT_BACKEND": BROKER,
        "DATABASE_URL": (
            f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
        ),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # The web process's side: it only sends jobs. Not the current app, so that the service code in this
    # process keeps running its own jobs in-process as configured.
    yield Celery(broker=BROKER, backend=BROKER, set_as_current=False)
    process.terminate()
    process.wait(timeout=20)


def run(producer, name, *args):
    # disable_sync_subtasks: an eager job run earlier in this process must not make Celery think we are a job
    return producer.send_task(f"workflows.tasks.{name}", args=args).get(
        timeout=90, disable_sync_subtasks=False
    )


def test_the_worker_sends_notices_and_reminders_once(demo, worker):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    Notification.objects.all().delete()  # this process already sent them in-process when the dossier moved
    assert run(worker, "notify_stage", dossier.pk) == 2  # the commune officer and the chair
    assert run(worker, "notify_stage", dossier.pk) == 0  # run again: nothing twice

    calendar, day = WorkingCalendar(), timezone.localdate() + datetime.timedelta(days=30)
    while not calendar.is_working_day(day):
        day += datetime.timedelta(days=1)
    Task.objects.filter(process=dossier.process, status="NEW", flow_task_type="HUMAN").update(
        created=timezone.now() - datetime.timedelta(days=1)
    )
    assert run(worker, "send_reminders", day.isoformat()) == 2
    assert run(worker, "send_reminders", day.isoformat()) == 0
    assert Notification.objects.filter(kind="overdue", day=day).count() == 2
