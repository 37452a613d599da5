"""Jobs on the queue. Each is safe to run again: a retried job sends nothing twice (one notice per task,
kind and day is a database constraint)."""

import datetime

from celery import shared_task

from .services import notifications


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def send_reminders(today: str | None = None) -> int:
    """The periodic job (beat, hourly). ``today`` (ISO date) only for replaying a given day."""
    return notifications.send_reminders(datetime.date.fromisoformat(today) if today else None)


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def notify_stage(dossier_id: int) -> int:
    return notifications.notify_stage(dossier_id)
