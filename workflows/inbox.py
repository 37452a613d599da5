"""The inbox query of the pages: one indexable query per page, filtered, searched and sorted in SQL."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from viewflow.workflow.models import Task

from dossiers.models import Nomination
from dossiers.text import fold
from permissions import rules
from permissions.models import Agency
from permissions.roles import AGENCY_WORK_PERMISSION

from .deadlines import WorkingCalendar
from .flows import DossierFlow
from .routing import STAGES
from .services.tasks import ACTIVE

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
TABS = ("mine", "unit", "done")


def _agency_tasks(agencies) -> Q:
    return Q(
        owner_permission=AGENCY_WORK_PERMISSION,
        owner_permission_content_type=ContentType.objects.get_for_model(Agency),
        owner_permission_obj_pk__in=[str(pk) for pk in agencies.values_list("pk", flat=True)],
    )


def tab_tasks(user, acting, tab):
    """Mine: claimed by me and open. Unit: my agencies' unclaimed tasks (a chair also sees claimed ones of
    the unit, to reassign). Done: what I finished."""
    tasks = Task.objects.filter(flow_task_type="HUMAN")
    if tab == "done":
        return tasks.filter(owner=user, status="DONE")
    tasks = tasks.filter(status__in=ACTIVE)
    if tab == "mine":
        return tasks.filter(owner=user)
    unclaimed = Q(owner__isnull=True) & _agency_tasks(rules.agencies_worked(user, acting))
    return tasks.filter(unclaimed | _agency_tasks(rules.agencies_overseen(user, acting)))


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
