"""The workflow side of a state change: complete the dossier's open task so the flow follows the state."""

from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from dossiers.errors import StateConflict

from .. import queues
from ..flows import flow_of
from ..models import DossierProcess


def start_dossier_process(dossier) -> DossierProcess:
    """Open the dossier's process in its route's flow; its first task is the village's preparation."""
    return flow_of(dossier).start.run(dossier=dossier)


def complete_stage_task(*, dossier, stage_name: str, user, membership, transition: str) -> None:
    """Complete the task of the stage the dossier has just left; the flow then opens the next one.

    Whoever fires the transition completes the task, even if a colleague of the same agency had
    claimed it: the claim shows who is working on it, it does not lock others out (the commune
    review task is worked by the officer and the chair alike).
    """
    process = DossierProcess.objects.get(dossier=dossier)
    tasks = list(queues.process_open_tasks(process))
    task = next((t for t in tasks if t.flow_task.name == stage_name), None)
    if task is None or len(tasks) != 1:
        raise StateConflict(
            _("Quy trình của hồ sơ không khớp trạng thái; báo quản trị viên chạy check_workflow.")
        )
    # The flow's gateway and the next task's owner read the dossier's new stage from the process: given
    # this dossier (locked and just changed), they need not read the process and the dossier again, which
    # is four queries a dossier in a chair's decision of hundreds.
    process.dossier = dossier
    task.process = process
    task.data = {
        **task.data,
        "transition": transition,
        "role": membership.role,
        "unit": membership.unit.code,
    }
    activation = task.flow_task.activation_class(task)
    if task.status == STATUS.NEW:
        activation.assign(user)
    if task.owner_id != user.pk:
        task.owner = user  # the finished task is the firer's: the actor of the step's history event
    if task.status == STATUS.ASSIGNED:
        activation.start(None)
    task.started = task.started or timezone.now()
    activation.execute()
