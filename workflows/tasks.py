"""Jobs on the queue. Each is safe to run again: a retried job sends nothing twice (one notice per person and
change, and one reminder per task, kind and day, are database constraints)."""

import datetime

from celery import shared_task

from dossiers import uploads

from .services import notifications


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def send_reminders(today: str | None = None) -> int:
    """The periodic job (beat, hourly). ``today`` (ISO date) only for replaying a given day."""
    return notifications.send_reminders(datetime.date.fromisoformat(today) if today else None)


@shared_task
def expire_parked_uploads() -> int:
    """The periodic job (beat, hourly): removes the reports parked by forms never saved again, after a day.
    Not retried: the next hour's run does the same."""
    return uploads.expire_parked()


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def notify_stage(dossier_id: int, event_id: int | None = None) -> int:
    """Announce the change ``event_id`` (a history event) of the dossier; without it, its last transition
    (jobs queued before the event was passed)."""
    return notifications.notify_stage(dossier_id, event_id)
