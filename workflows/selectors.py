"""The inbox: the open tasks waiting for a user, read with one indexable query.

viewflow's own queue matches permissions by string concatenation (no index can serve it); here the
agency ids come from the user's guardian grants and are matched on the task's permission object directly.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from viewflow.workflow.models import Task

from dossiers.models import Dossier
from permissions.grants import user_agency_ids
from permissions.models import Agency
from permissions.roles import AGENCY_WORK_PERMISSION

from .routing import stage_of
from .services.tasks import ACTIVE


def inbox_tasks(user):
    """Tasks assigned to the user, and unclaimed tasks of the agencies the user works in."""
    agency_ids = [str(pk) for pk in user_agency_ids(user)]
    unclaimed = Q(
        owner__isnull=True,
        owner_permission=AGENCY_WORK_PERMISSION,
        owner_permission_content_type=ContentType.objects.get_for_model(Agency),
        owner_permission_obj_pk__in=agency_ids,
    )
    return (
        Task.objects.filter(flow_task_type="HUMAN", status__in=ACTIVE)
        .filter(Q(owner=user) | unclaimed)
        .select_related("owner", "process__dossierprocess__dossier")
        .order_by("created", "pk")
    )


def workflow_mismatches():
    """(dossier code, state, expected task, open tasks) for every dossier whose flow disagrees with it.

    An open dossier must have exactly one active task, the one of its stage; a finished dossier none.
    """
    open_tasks = {}
    active = Task.objects.filter(flow_task_type="HUMAN", status__in=ACTIVE)
    for process_id, flow_task in active.values_list("process_id", "flow_task").iterator():
        open_tasks.setdefault(process_id, []).append(flow_task.name)
    dossiers = (
        Dossier.objects.select_related("process")
        .order_by("pk")
        .only("code", "status", "decision_level", "process__id")
    )
    for dossier in dossiers.iterator(chunk_size=2000):
        process = getattr(dossier, "process", None)
        stage = stage_of(dossier)
        expected = [stage.name] if stage else []
        found = sorted(open_tasks.get(process.pk, [])) if process else None
        if found != expected:
            yield dossier.code, dossier.status, expected, found
