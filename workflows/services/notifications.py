"""Reminders and notices: in the app (with an unread count) and by e-mail. A change of a dossier tells each
person it concerns once; a reminder goes never twice a day for the same task, never for a finished task."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from dossiers.models import Dossier
from dossiers.states import Status
from permissions import rules

from .. import queues
from ..deadlines import WorkingCalendar, due_date
from ..models import Notification
from ..routes import STEPS_BY_NAME, route_of, stage_named

MESSAGES = {
    Notification.Kind.DUE_SOON: _lazy(
        "Hồ sơ %(code)s (%(stage)s) đến hạn xử lý ngày %(due)s, còn 2 ngày làm việc."
    ),
    Notification.Kind.OVERDUE: _lazy("Hồ sơ %(code)s (%(stage)s) đã quá hạn xử lý từ ngày %(due)s."),
    Notification.Kind.QUEUED: _lazy("Hồ sơ %(code)s vừa chuyển đến đơn vị, chờ bước: %(stage)s."),
    Notification.Kind.RETURNED: _lazy("Hồ sơ %(code)s bị trả lại: %(reason)s"),
}


def _recipients(task):
    if task.owner_id:
        return [task.owner]
    agency = queues.task_agency(task)
    return [m.user for m in rules.agency_officials(agency)] if agency else []


def notify(*, users, kind, dossier, task_id, message, day, event=None) -> int:
    """Record one notice per user and e-mail it after commit, skipping those already sent: for ``event``
    (a change) if given, otherwise for the task, kind and day (a reminder)."""
    sent = 0
    for user in {u.pk: u for u in users}.values():
        try:
            with transaction.atomic():
                Notification.objects.create(
                    user=user,
                    kind=kind,
                    dossier=dossier,
                    task_id=task_id,
                    day=day,
                    message=message[:500],
                    event=event,
                )
        except IntegrityError:
            continue  # already told (a job run again)
        sent += 1
        if user.email:
            link = settings.SITE_URL + reverse("dossier-detail", args=[dossier.pk])
            body = f"{message}\n\n{link}"
            subject = _("[Khen thưởng] %(message)s") % {"message": message[:80]}
            transaction.on_commit(
                lambda u=user, body=body, subject=subject: send_mail(
                    subject,
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
    tasks = queues.open_tasks().select_related("owner", "process__dossierprocess__dossier")
    for task in tasks.iterator(chunk_size=500):
        due = due_date(task, calendar)
        kind = _reminder_kind(due, today, calendar)
        if kind:
            dossier = task.process.dossierprocess.dossier
            message = str(MESSAGES[kind]) % {
                "code": dossier.code,
                "stage": stage_named(task.flow_task.name).label,
                "due": due.strftime("%d/%m/%Y"),
            }
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


def notify_stage(dossier_id: int, event_id: int | None = None) -> int:
    """After a transition (its history event; the dossier's last transition if not given): one notice to each
    person the change concerns, never to whoever made it. The officials whose queue the dossier landed in
    hear that it waits for them; the village head who made the dossier hears what happened to it when the
    route says the step tells them (``Step.notifies_creator``), in place of the queue's notice when they are
    in that queue too (a return)."""
    dossier = Dossier.objects.select_related("created_by").get(pk=dossier_id)
    event = _transition_event(dossier, event_id)
    if event is None:
        return 0
    task = _landed_task(dossier, event)
    with translation.override(settings.LANGUAGE_CODE):  # the stored words: the site's, whoever acted
        told = _told(dossier, event, task)
    today, task_id = timezone.localdate(), task.pk if task else None
    return sum(
        notify(
            users=[user], kind=kind, dossier=dossier, task_id=task_id, message=message, day=today, event=event
        )
        for user, kind, message in told.values()
    )


def _told(dossier, event, task) -> dict:
    """user id → (user, kind, message): whom the change concerns, one notice each."""
    told = {}
    if task is not None:
        stage = stage_named(task.flow_task.name).label
        queued = str(MESSAGES[Notification.Kind.QUEUED]) % {"code": dossier.code, "stage": stage}
        told |= {user.pk: (user, Notification.Kind.QUEUED, queued) for user in _recipients(task)}
    step, creator = STEPS_BY_NAME[event.action], dossier.created_by
    if step.notifies_creator and creator.is_active:
        told[creator.pk] = (creator, *creator_notice(dossier, event))
    told.pop(event.actor_id, None)  # they made the change: they know
    return told


def _transition_event(dossier, event_id):
    transitions = dossier.events.filter(action__in=list(STEPS_BY_NAME))
    if event_id is not None:
        return transitions.filter(pk=event_id).first()
    return transitions.order_by("at", "pk").last()


def _landed_task(dossier, event):
    """The open task this change put the dossier in; none if a later change has moved it on since (a job run
    late: that change's own job tells the queue the dossier is in now)."""
    if dossier.events.filter(action__in=list(STEPS_BY_NAME), pk__gt=event.pk).exists():
        return None
    return queues.dossier_open_tasks(dossier).select_related("owner").first()


# What the village head who made a dossier is told, for each step whose route declaration says so
# (``Step.notifies_creator``): the kind of notice and its words, filled from the step's history event.
CREATOR_NOTICES = {
    "return_to_village": (
        Notification.Kind.RETURNED,
        _lazy("Hồ sơ %(code)s bị xã trả lại. Lý do: %(reason)s. Sửa hồ sơ theo yêu cầu rồi gửi lại xã."),
    ),
    "commune_approve": (
        Notification.Kind.COMMUNE_REVIEWED,
        _lazy("Hồ sơ %(code)s đã được xã họp xét. %(verdicts)s Hồ sơ chuyển tiếp, chờ bước: %(stage)s."),
    ),
    "commune_reject": (
        Notification.Kind.REJECTED,
        _lazy("Hồ sơ %(code)s: xã không đề nghị khen thưởng, hồ sơ kết thúc. Lý do: %(reason)s."),
    ),
    "appraisal_reject": (
        Notification.Kind.REJECTED,
        _lazy(
            "Hồ sơ %(code)s: Phòng Nội vụ thẩm định không đủ điều kiện khen thưởng, hồ sơ kết thúc. "
            "Lý do: %(reason)s."
        ),
    ),
    "reject": (
        Notification.Kind.REJECTED,
        _lazy(
            "Hồ sơ %(code)s: Chủ tịch UBND không phê duyệt khen thưởng, hồ sơ kết thúc. Lý do: %(reason)s."
        ),
    ),
    "send_back": (
        Notification.Kind.SENT_BACK,
        _lazy(
            "Hồ sơ %(code)s được Chủ tịch UBND trả lại để xem xét lại, chờ bước: %(stage)s. Lý do: %(reason)s."
        ),
    ),
    "approve": (
        Notification.Kind.DECIDED,
        _lazy("Hồ sơ %(code)s đã có Quyết định khen thưởng số %(decision)s. %(outcomes)s"),
    ),
    "council_vote": (
        Notification.Kind.COMMUNE_REVIEWED,
        _lazy(
            "Hồ sơ %(code)s đã được Hội đồng TĐKT xã họp xét. %(verdicts)s Hồ sơ chuyển tiếp, chờ bước: %(stage)s."
        ),
    ),
    "council_reject": (
        Notification.Kind.REJECTED,
        _lazy(
            "Hồ sơ %(code)s: Hội đồng TĐKT xã không đề nghị khen thưởng, hồ sơ kết thúc. Lý do: %(reason)s."
        ),
    ),
    "request_supplement": (
        Notification.Kind.RETURNED,
        _lazy(
            "Hồ sơ %(code)s: Phòng Văn hóa – Xã hội yêu cầu thôn bổ sung. Lý do: %(reason)s. "
            "Bổ sung hồ sơ rồi gửi lại xã."
        ),
    ),
    "province_appraisal_reject": (
        Notification.Kind.REJECTED,
        _lazy(
            "Hồ sơ %(code)s: Sở Nội vụ thẩm định các đề nghị trình tỉnh không đủ điều kiện. Lý do: %(reason)s."
        ),
    ),
    "record_central_outcome": (
        Notification.Kind.PROVINCE_OUTCOME,
        _lazy("Hồ sơ %(code)s đã có kết quả của Trung ương, Quyết định số %(decision)s. %(outcomes)s"),
    ),
    # A step's words where the two-tier route differs: its appraisal is the commune's own office.
    ("two_tier", "appraisal_reject"): (
        Notification.Kind.REJECTED,
        _lazy(
            "Hồ sơ %(code)s: Phòng Văn hóa – Xã hội thẩm định không đủ điều kiện khen thưởng, hồ sơ kết thúc. "
            "Lý do: %(reason)s."
        ),
    ),
    "record_province_outcome": (
        Notification.Kind.PROVINCE_OUTCOME,
        _lazy("Hồ sơ %(code)s đã có kết quả của UBND tỉnh, Quyết định số %(decision)s. %(outcomes)s"),
    ),
}


def creator_notice(dossier, event) -> tuple[str, str]:
    """(kind, message) telling the village head what the step of ``event`` did to their dossier."""
    kind, words = CREATOR_NOTICES.get((dossier.route, event.action)) or CREATOR_NOTICES[event.action]
    if event.action == "approve" and event.to_status in (Status.FORWARDED, Status.FORWARDED_CENTRAL):
        # a decision that sends some nominees on to the province (or from the province, higher)
        kind = Notification.Kind.FORWARDED
    names = dict(dossier.nominations.values_list("pk", "nominee_name"))
    stage = route_of(dossier).stage_holding(event.to_status, dossier.decision_level)
    context = {
        "code": dossier.code,
        "reason": (event.comment or "").strip().rstrip("."),
        "stage": stage.label if stage else "",
        "verdicts": _commune_verdicts(event, names),
        "decision": (event.changes.get("decision") or [None, ""])[1],
        "outcomes": _outcomes(dossier, event, names),
    }
    return kind, (str(words) % context).strip()


def _listed(label, pks, names) -> str:
    listed = [names[pk] for pk in sorted(pks) if pk in names]
    return f"{label}: {', '.join(listed)}." if listed else ""


def _commune_verdicts(event, names) -> str:
    """Who the commune meeting proposed, and who it turned down (from the meeting's history event)."""
    verdicts = {
        int(key.split(":")[1]): after.get("commune_approved")
        for key, (_before, after) in event.changes.items()
        if key.startswith("nomination:") and isinstance(after, dict)
    }
    approved = [pk for pk, yes in verdicts.items() if yes]
    refused = [pk for pk, yes in verdicts.items() if not yes]
    parts = (_listed(_("Xã đồng ý đề nghị"), approved, names), _listed(_("Xã không đề nghị"), refused, names))
    return " ".join(part for part in parts if part)


def _changed(event, key) -> set:
    return set((event.changes.get(key) or [None, []])[1] or [])


def _outcomes(dossier, event, names) -> str:
    """Who is awarded, who is not, and who goes on to the province, by the decision of ``event``."""
    awarded = set((event.changes.get("awarded") or [None, []])[1] or [])
    earlier = dossier.events.filter(action="approve", pk__lt=event.pk).order_by("pk")
    if event.action == "approve":
        # A second decision (the province chair's) weighs only what the first one sent up to it.
        weighed = _changed(earlier.last(), "forwarded") if earlier.exists() else set(names)
        forwarded = _changed(event, "forwarded")
        refused = weighed - awarded - forwarded
    elif event.action in ("record_province_outcome", "record_central_outcome"):
        approval = dossier.events.filter(action="approve", pk__lt=event.pk).order_by("pk").last()
        forwarded = _changed(approval, "forwarded") if approval else set()
        refused, forwarded = forwarded - awarded, set()
    else:
        return ""
    higher = (
        _("Trình Trung ương xét") if event.to_status == Status.FORWARDED_CENTRAL else _("Trình UBND tỉnh xét")
    )
    parts = (
        _listed(_("Được khen thưởng"), awarded, names),
        _listed(_("Không được khen thưởng"), refused, names),
        _listed(higher, forwarded, names),
    )
    return " ".join(part for part in parts if part)
