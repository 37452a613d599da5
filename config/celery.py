"""The job queue: Celery with Redis in production; on the embedded default jobs run at once, in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("khenthuong")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
