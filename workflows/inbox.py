"""The inbox query of the pages: one indexable query per page, filtered, searched and sorted in SQL."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from dossiers.models import Nomination
from dossiers.text import fold

from . import queues
from .deadlines import WorkingCalendar
from .flows import DossierFlow
from .routing import STAGES

DOSSIER = "process__dossierprocess__dossier"
SORTS = {
    "code": f"{DOSSIER}__code",
    "title": f"{DOSSIER}__title",
    "village": f"{DOSSIER}__village__name",
    "commune": f"{DOSSIER}__commune__name",
    "stage": "flow_task",
    "nominees": f"{DOSSIER}__nominations_count",
    "waiting": "-created",  # ascending waiting time: the newest task first
}
TABS = ("mine", "unit", "held", "done")


def tab_tasks(user, acting, tab):
    """Mine: the open tasks I hold. Unit: the unclaimed tasks of the queues I see (those of my agencies,
    and for a chair every agency of the unit, to hand one to a colleague). Held: tasks of those queues a
    colleague holds, with their holder. Done: what I did (queues.done_tasks)."""
    if tab == "done":
        return queues.done_tasks(user)
    if tab == "mine":
        return queues.user_tasks(user)
    seen = queues.seen_agency_ids(user, acting)
    if tab == "held":
        return queues.held_by_others(user, seen)
    return queues.unclaimed_tasks(seen)


def overdue_filter(calendar: WorkingCalendar | None = None) -> Q:
    calendar, today = calendar or WorkingCalendar(), timezone.localdate()
    condition = Q(pk__in=[])
    for stage in STAGES:
        limit = calendar.limits.get(stage.name)
        if limit is not None:
            cutoff = calendar.cutoff(limit, today)
            condition |= Q(flow_task=getattr(DossierFlow, stage.name), created__lt=cutoff)
    return condition


def filtered(tasks, data: dict):
    if data.get("round"):
        tasks = tasks.filter(**{f"{DOSSIER}__round": data["round"]})
    if data.get("stage"):
        tasks = tasks.filter(flow_task=getattr(DossierFlow, data["stage"]))
    if data.get("commune"):
        tasks = tasks.filter(**{f"{DOSSIER}__commune": data["commune"]})
    if data.get("award_form"):
        nominated = Nomination.objects.filter(dossier=OuterRef(DOSSIER), award_form=data["award_form"])
        tasks = tasks.filter(Exists(nominated))
    if data.get("overdue"):
        tasks = tasks.filter(overdue_filter())
    if data.get("q"):
        tasks = tasks.filter(**{f"{DOSSIER}__search_text__contains": fold(data["q"])})
    return tasks


def sorted_tasks(tasks, sort: str):
    descending = sort.startswith("-")
    field = SORTS.get(sort.lstrip("-"), SORTS["waiting"])
    if descending:
        field = field[1:] if field.startswith("-") else f"-{field}"
    return tasks.order_by(field, "pk").select_related(
        "owner", f"{DOSSIER}__village", f"{DOSSIER}__commune", f"{DOSSIER}__round"
    )
