"""Every question asked of viewflow's tasks: which are open, whose queue each is in, who holds it, who did it.

A dossier's work is viewflow's human tasks, at most one open per dossier, each restricted to the agency that
owns its stage: a guardian permission on that agency, whose id the task keeps as text in
``owner_permission_obj_pk``. Only this module spells those fields; the pages, services, commands and the
benchmark ask here.

PostgreSQL serves a queue from a partial index (migrations 0006 and 0007)::

    task_open_by_agency ON viewflow_task (owner_permission_obj_pk, created)
        INCLUDE (owner_id, owner_permission, owner_permission_content_type_id)
        WHERE flow_task_type = 'HUMAN' AND status IN ('NEW', 'ASSIGNED', 'STARTED')

so a queue query keeps that shape: the same literal filters (implying the index's condition) and the agency
ids as a list of strings compared with the column (a subquery of integer ids would need a cast, and the
index would no longer serve it).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, OuterRef, Q, Subquery
from django.db.models.functions import Cast, JSONObject
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from dossiers.models import AuditEvent
from permissions import rules
from permissions.models import Agency
from permissions.roles import AGENCY_WORK_PERMISSION

from .flows import flow_of
from .routes import stage_of

HUMAN = "HUMAN"
ACTIVE = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]


def human_tasks():
    """Every human task (one per stage a dossier passed through), open or finished."""
    return Task.objects.filter(flow_task_type=HUMAN)


def open_tasks():
    """Human tasks still waiting for someone: the rows of the partial index."""
    return human_tasks().filter(status__in=ACTIVE)


def process_open_tasks(process):
    return open_tasks().filter(process=process)


def dossier_open_tasks(dossier):
    return open_tasks().filter(process__dossierprocess__dossier=dossier)


def dossiers_open_tasks(dossiers):
    return open_tasks().filter(process__dossierprocess__dossier__in=dossiers)


def dossiers_done_tasks(dossiers):
    return human_tasks().filter(status=STATUS.DONE, process__dossierprocess__dossier__in=dossiers)


def stage_task(dossier):
    """The open task of the stage the dossier is at (with its holder), or None once it is finished."""
    tasks = _stage_tasks(dossier)
    return tasks.select_related("owner").first() if tasks is not None else None


def stage_task_and_agency(dossier) -> tuple[Task | None, Agency | None]:
    """The open task of the dossier's stage (with its holder) and the agency it waits in, in one query (the
    dossier page shows both); (None, None) once the dossier is finished."""
    tasks = _stage_tasks(dossier)
    if tasks is None:
        return None, None
    # The task keeps its agency's id as text: the agencies of the dossier's own units (a few rows, through
    # the unit index) are compared by the text of their id. An agency outside them (after a reorganisation
    # moved the work) is read apart.
    units = [dossier.village_id, dossier.commune_id, dossier.district_id, dossier.province_id]
    agency = Agency.objects.filter(unit_id__in=[pk for pk in units if pk is not None]).annotate(
        key=Cast("pk", CharField())
    )
    fields = [field.attname for field in Agency._meta.concrete_fields]
    row = agency.filter(key=OuterRef("owner_permission_obj_pk")).values(
        row=JSONObject(**{f: f for f in fields})
    )
    task = tasks.select_related("owner").annotate(agency_row=Subquery(row[:1])).first()
    if task is None:
        return None, None
    if task.agency_row is None:
        return task, task_agency(task)
    return task, Agency.from_db(task._state.db, fields, [task.agency_row[f] for f in fields])


def _stage_tasks(dossier):
    stage = stage_of(dossier)
    if stage is None:
        return None
    return dossier_open_tasks(dossier).filter(flow_task=getattr(flow_of(dossier), stage.name))


# Queues: whose agency a task waits in.


def _agency_type():
    return ContentType.objects.get_for_model(Agency)  # cached by Django after the first call


def agency_tasks(agency_ids):
    """Open tasks of the given agencies, in the indexed shape."""
    return open_tasks().filter(
        owner_permission=AGENCY_WORK_PERMISSION,
        owner_permission_content_type=_agency_type(),
        owner_permission_obj_pk__in=[str(pk) for pk in agency_ids],
    )


def worked_agency_ids(user, acting=None) -> list[int]:
    """The agencies whose queue the user works in (in the acting role, if one is chosen): their tasks are
    the ones the user may claim."""
    return list(rules.agencies_worked(user, acting).values_list("pk", flat=True))


def seen_agency_ids(user, acting=None) -> list[int]:
    """The agencies whose queue the user sees: those they work in, and every agency of a unit they chair."""
    overseen = rules.agencies_overseen(user, acting).values_list("pk", flat=True)
    return sorted({*worked_agency_ids(user, acting), *overseen})


def user_tasks(user, agency_ids=None):
    """Open tasks the user holds (claimed, or handed to them by their chair); only those of ``agency_ids``
    when given (a user acting in one of several roles holds, in it, only that role's tasks)."""
    tasks = open_tasks().filter(owner=user)
    if agency_ids is not None:
        tasks = tasks.filter(owner_permission_obj_pk__in=[str(pk) for pk in agency_ids])
    return tasks


def unclaimed_tasks(agency_ids):
    return agency_tasks(agency_ids).filter(owner__isnull=True)


def held_by_others(user, agency_ids):
    """Open tasks of these agencies that a colleague holds."""
    return agency_tasks(agency_ids).filter(owner__isnull=False).exclude(owner=user)


def task_agency_id(task) -> int | None:
    """The id of the agency that owns the task's stage."""
    value = task.owner_permission_obj_pk
    return int(value) if value and value.isdigit() else None


def task_agency(task) -> Agency | None:
    agency_id = task_agency_id(task)
    return Agency.objects.filter(pk=agency_id).first() if agency_id else None


def count_by_agency(tasks) -> list[tuple[int, int]]:
    """(agency id, number of tasks) for the given tasks."""
    counted = tasks.order_by().values_list("owner_permission_obj_pk").annotate(n=Count("pk"))
    return [(int(pk), n) for pk, n in counted if pk and pk.isdigit()]


def move_to_queue(task, agency_id: int) -> None:
    """Put an open task (unsaved change) in the queue of another agency, held by nobody (a reorganisation
    hands a dissolved unit's work to its successor's office)."""
    task.owner_permission_obj_pk = str(agency_id)
    task.owner, task.status = None, STATUS.NEW
    task.assigned = task.started = None


def agency_task(agency_id: int, **fields) -> Task:
    """An unsaved human task of the agency, in the shape the flow gives its tasks (the benchmark's seed)."""
    return Task(
        flow_task_type=HUMAN,
        owner_permission=AGENCY_WORK_PERMISSION,
        owner_permission_content_type=_agency_type(),
        owner_permission_obj_pk=str(agency_id),
        **fields,
    )


# What a user did.


def done_tasks(user):
    """What the user did: the finished tasks whose step they fired, and those they had claimed (and not
    handed back) when a colleague fired it.

    Whoever fires a step completes its task and becomes its owner (services.tasks.complete_stage_task), so
    the owner of a finished task is the actor of the step's history event. A colleague may fire the step of a
    task the user claimed (the commune chair approves what the officer prepared): the user worked on it, so
    it is theirs too; their own claim and release events say which tasks they held.
    """
    mine = Q(owner=user)
    held = _claimed_task_ids(user)
    if held:
        mine |= Q(pk__in=held)
    return human_tasks().filter(mine, status=STATUS.DONE)


def _claimed_task_ids(user) -> list[int]:
    """Tasks the user's latest claim or release event left in their hands (read by the actor's index)."""
    events = AuditEvent.objects.filter(actor=user, action__in=("claim", "release")).order_by("at", "pk")
    kept = {}
    for action, changes in events.values_list("action", "changes").iterator():
        if isinstance(changes, dict) and changes.get("task"):
            kept[changes["task"]] = action == "claim"
    return [pk for pk, claimed in kept.items() if claimed]
