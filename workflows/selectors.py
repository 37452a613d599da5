"""The API's inbox: the open tasks waiting for a user, read with indexable queries.

viewflow's own queue matches permissions by string concatenation (no index can serve it); here the
agencies the user works in come from permissions.rules (as on the inbox page, in the acting role) and are
matched on the task's permission object directly (workflows.queues).
"""

from viewflow.workflow.models import Task

from dossiers.models import Dossier

from . import queues
from .routes import stage_of

ORDER = ("created", "pk")  # the longest-waiting first


def inbox_tasks(user, acting=None) -> "InboxTasks":
    """Tasks assigned to the user, and unclaimed tasks of the agencies the user works in."""
    worked = queues.worked_agency_ids(user, acting)
    held = queues.user_tasks(user, queues.seen_agency_ids(user, acting) if acting is not None else None)
    return InboxTasks(held, queues.unclaimed_tasks(worked))


class InboxTasks:
    """The inbox as a sequence a paginator can count and slice.

    One query with ``owner = me OR unclaimed in my agencies`` cannot walk an index in order: PostgreSQL
    gathered and sorted every matching task, a cost that grew with the agency's queue. Each half alone walks
    its index (``task_open_by_agency`` for the unclaimed ones) and stops after the page, so the page takes
    the first tasks of each half, merges them, and loads those with their dossiers.
    """

    def __init__(self, mine, unclaimed):
        self.halves = (mine, unclaimed)  # disjoint: one has an owner, the other none

    def count(self) -> int:
        return sum(half.count() for half in self.halves)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list:
        stop = window.stop if window.stop is not None else self.count()
        firsts = [row for half in self.halves for row in half.order_by(*ORDER).values_list(*ORDER)[:stop]]
        ids = [pk for _, pk in sorted(firsts)[window]]
        tasks = Task.objects.filter(pk__in=ids).select_related("owner", "process__dossierprocess__dossier")
        return sorted(tasks, key=lambda task: (task.created, task.pk))


def workflow_mismatches():
    """(dossier code, state, expected task, open tasks) for every dossier whose flow disagrees with it.

    An open dossier must have exactly one active task, the one of its stage; a finished dossier none.
    """
    open_tasks = {}
    for process_id, flow_task in queues.open_tasks().values_list("process_id", "flow_task").iterator():
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
