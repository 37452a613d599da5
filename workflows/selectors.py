"""The inbox: the open tasks waiting for a user, read with one indexable query.

viewflow's own queue matches permissions by string concatenation (no index can serve it); here the
agency ids come from the user's guardian grants and are matched on the task's permission object directly.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from permissions.grants import user_agency_ids
from permissions.models import Agency
from permissions.roles import AGENCY_WORK_PERMISSION

from viewflow.workflow.models import Task
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
