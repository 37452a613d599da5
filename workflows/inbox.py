"""The inbox query of the pages: one indexable query per page, filtered, searched and sorted in SQL."""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from dossiers.models import Nomination
from dossiers.text import fold

from . import queues
from .deadlines import WorkingCalendar
from .flows import stage_tasks
from .routes import ROUTES

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
    seen = queues.seen_agency_ids(user, acting)
    if tab == "mine":
        return queues.user_tasks(user, seen if acting is not None else None)
    if tab == "held":
        return queues.held_by_others(user, seen)
    return queues.unclaimed_tasks(seen)


def overdue_filter(calendar: WorkingCalendar | None = None, *, today: datetime.date | None = None) -> Q:
    """Tasks that have waited longer than their limit: the one in force, in their dossier's province and
    route, on the day each was created (workflows.stage_settings). One term per route's stage, province
    with settings of its own and period of a setting: a few dozen, however many tasks there are."""
    calendar, today = calendar or WorkingCalendar(), today or timezone.localdate()
    condition = Q(pk__in=[])
    for route_name, route in ROUTES.items():
        for stage in route.stages:
            condition |= _overdue_at(stage, route_name, calendar, today)
    return condition


def _overdue_at(stage, route_name: str, calendar: WorkingCalendar, today: datetime.date) -> Q:
    rules, condition = calendar.rules, Q(pk__in=[])
    at_stage = Q(flow_task__in=stage_tasks(stage.name), **{f"{DOSSIER}__route": route_name})
    own = sorted(rules.own_provinces(route_name, stage.name))
    # Each province with settings of its own, then every other province (the all-province settings).
    scopes = [(Q(**{f"{DOSSIER}__province": pk}), pk) for pk in own]
    scopes.append((~Q(**{f"{DOSSIER}__province__in": own}) if own else Q(), None))
    for scope, province_id in scopes:
        late = _created_too_long_ago(rules.periods(province_id, route_name, stage), calendar, today)
        if late is not None:
            condition |= at_stage & scope & late
    return condition


def _created_too_long_ago(periods, calendar: WorkingCalendar, today: datetime.date) -> Q | None:
    """Tasks created in each period of a rule, before that rule's limit's cutoff."""
    condition = None
    ends = [start for start, _rule in periods[1:]] + [None]
    for (start, rule), end in zip(periods, ends, strict=True):
        if rule.time_limit is None:
            continue
        created = Q(created__lt=calendar.cutoff(rule.time_limit, today))
        if start is not None:
            created &= Q(created__gte=_start_of(start))
        if end is not None:
            created &= Q(created__lt=_start_of(end))
        condition = created if condition is None else condition | created
    return condition


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filtered(tasks, data: dict):
    if data.get("round"):
        tasks = tasks.filter(**{f"{DOSSIER}__round": data["round"]})
    if data.get("stage"):
        tasks = tasks.filter(flow_task__in=stage_tasks(data["stage"]))
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
