"""Reminders and notices to officials: in the app (with an unread count) and by e-mail, never twice a day
for the same task, never for a finished task."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task

from dossiers.models import Dossier
from permissions import rules
from permissions.models import Agency

from ..deadlines import WorkingCalendar, due_date
from ..models import Notification
from ..routing import STAGES_BY_NAME, STEPS_BY_NAME
from .tasks import ACTIVE

MESSAGES = {
    Notification.Kind.DUE_SOON: "Hồ sơ {code} ({stage}) đến hạn xử lý ngày {due:%d/%m/%Y}, còn 2 ngày làm việc.",
    Notification.Kind.OVERDUE: "Hồ sơ {code} ({stage}) đã quá hạn xử lý từ ngày {due:%d/%m/%Y}.",
    Notification.Kind.QUEUED: "Hồ sơ {code} vừa chuyển đến đơn vị, chờ bước: {stage}.",
    Notification.Kind.RETURNED: "Hồ sơ {code} bị trả lại: {reason}",
}


def _recipients(task):
    if task.owner_id:
        return [task.owner]
    agency = Agency.objects.filter(pk=task.owner_permission_obj_pk).first()
    return [m.user for m in rules.agency_officials(agency)] if agency else []


def notify(*, users, kind, dossier, task_id, message, day) -> int:
    """Record one notice per user (skipping those already sent today) and e-mail it after commit."""
    sent = 0
    for user in {u.pk: u for u in users}.values():
        try:
            with transaction.atomic():
                Notification.objects.create(
                    user=user, kind=kind, dossier=dossier, task_id=task_id, day=day, message=message
                )
        except IntegrityError:
            continue  # the same notice already went out today
        sent += 1
        if user.email:
            link = settings.SITE_URL + reverse("dossier-detail", args=[dossier.pk])
            body = f"{message}\n\n{link}"
            transaction.on_commit(
                lambda u=user, body=body: send_mail(
                    f"[Khen thưởng] {message[:80]}",
                    body,
                    None,
                    [u.email],
                    fail_silently=False,
                )
            )
    return sent


def send_reminders(today=None) -> int:
    """Two working days before a task is due, and every working day once it is overdue."""
    calendar, today = WorkingCalendar(), today or timezone.localdate()
    if not calendar.is_working_day(today):
        return 0
    sent = 0
    tasks = Task.objects.filter(flow_task_type="HUMAN", status__in=ACTIVE).select_related(
        "owner", "process__dossierprocess__dossier"
    )
    for task in tasks.iterator(chunk_size=500):
        due = due_date(task.created, task.flow_task.name, calendar)
        kind = _reminder_kind(due, today, calendar)
        if kind:
            dossier = task.process.dossierprocess.dossier
            message = MESSAGES[kind].format(
                code=dossier.code, stage=STAGES_BY_NAME[task.flow_task.name].label, due=due
            )
            sent += notify(
                users=_recipients(task),
                kind=kind,
                dossier=dossier,
                task_id=task.pk,
                message=message,
                day=today,
            )
    return sent


def _reminder_kind(due, today, calendar):
    if due is None:
        return None
    if today > due:
        return Notification.Kind.OVERDUE
    if calendar.between(today, due) == 2:
        return Notification.Kind.DUE_SOON
    return None


def notify_stage(dossier_id: int) -> int:
    """After a transition: tell the officials whose queue the dossier landed in, and the village head who made
    the dossier if the route says the step tells them (a return)."""
    dossier = Dossier.objects.select_related("created_by").get(pk=dossier_id)
    today, sent = timezone.localdate(), 0
    task = Task.objects.filter(
        process__dossierprocess__dossier=dossier, flow_task_type="HUMAN", status__in=ACTIVE
    ).first()
    if task is not None:
        stage = STAGES_BY_NAME[task.flow_task.name].label
        sent += notify(
            users=_recipients(task),
            kind=Notification.Kind.QUEUED,
            dossier=dossier,
            task_id=task.pk,
            message=MESSAGES[Notification.Kind.QUEUED].format(code=dossier.code, stage=stage),
            day=today,
        )
    last = dossier.events.order_by("at", "pk").values("action", "comment").last()
    step = STEPS_BY_NAME.get(last["action"]) if last else None
    if step is not None and step.notifies_creator:
        reason = last["comment"] or ""
        sent += notify(
            users=[dossier.created_by],
            kind=Notification.Kind.RETURNED,
            dossier=dossier,
            task_id=task.pk if task else None,
            day=today,
            message=MESSAGES[Notification.Kind.RETURNED].format(code=dossier.code, reason=reason),
        )
    return sent
