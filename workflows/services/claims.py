"""Claiming, releasing and reassigning tasks. A claim says who is working on a dossier's stage; each
change of hands is written to the dossier's history."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from dossiers.errors import ActionForbidden, DossierNotFound, InvalidInput, StateConflict
from dossiers.models import Dossier
from dossiers.services.recording import audit_record
from permissions import rules
from permissions.models import Agency
from permissions.names import full_name

from .. import queues
from ..routes import stage_named


def _locked_tasks(task_ids):
    task_ids = [pk for pk in task_ids if 0 < pk < 2**63]  # an impossible id is just not found
    # The dossiers first, in one order, as every state change does: a claim racing a transition on the
    # same dossier waits for it instead of deadlocking on the task row and the history's chain lock.
    dossier_ids = Task.objects.filter(pk__in=task_ids).values("process__dossierprocess__dossier")
    list(Dossier.objects.select_for_update().filter(pk__in=dossier_ids).order_by("pk").values_list("pk"))
    # Lock only the task rows: the joined owner may be empty, and PostgreSQL cannot lock an outer join.
    tasks = queues.human_tasks().select_for_update(of=("self",)).filter(pk__in=task_ids)
    return list(tasks.select_related("process__dossierprocess__dossier", "owner"))


def _visible_tasks(user, task_ids, acting) -> list:
    """The locked tasks, all of them of dossiers the user may see, or a 404.

    Asked before anything about a task's state or agency: a stranger learns neither that a task id exists
    nor the code of its dossier, because a task they may not see is refused exactly as a missing one.
    """
    tasks = _locked_tasks(task_ids)
    visible = [task for task in tasks if rules.can_view(user, task.process.dossierprocess.dossier, acting)]
    if len(visible) != len(set(task_ids)):
        raise DossierNotFound(
            _("Không tìm thấy công việc đã chọn, hoặc bạn không có quyền xem. Vui lòng tải lại trang.")
        )
    return visible


def _agency(task) -> Agency:
    return Agency.objects.get(pk=queues.task_agency_id(task))


def _record(task, *, user, membership, action, comment="", changes=None):
    dossier = task.process.dossierprocess.dossier
    stage = stage_named(task.flow_task.name)
    audit_record(
        dossier=dossier,
        actor=user,
        membership=membership,
        action=action,
        from_status=dossier.status,
        to_status=dossier.status,
        comment=comment,
        changes={"task": task.pk, "stage": str(stage.label), **(changes or {})},
    )


@transaction.atomic
def tasks_claim(*, user, task_ids, acting=None) -> int:
    """Claim unclaimed tasks of agencies the user works in; all of them or none (404/403/409)."""
    tasks = _visible_tasks(user, task_ids, acting)
    claimed = [(task, _claim_membership(user, task, acting)) for task in tasks]
    for task, _membership in claimed:
        task.flow_task.activation_class(task).assign(user)
    # The history last: appending to it takes the chain lock until the commit, and no task update of this
    # claim should run while every other change in the province waits for that lock.
    for task, membership in claimed:
        _record(task, user=user, membership=membership, action="claim")
    return len(tasks)


def _claim_membership(user, task, acting):
    """The membership the user claims the task in; a task of another agency (403) or already taken (409)
    is refused, in that order, as every state change is."""
    membership = rules.agency_membership(user, _agency(task), acting)
    if membership is None:
        raise ActionForbidden(_("Bạn không làm việc tại cơ quan phụ trách công việc này."))
    if task.status not in (STATUS.NEW, STATUS.ASSIGNED):
        raise StateConflict(_("Công việc đã được xử lý xong; vui lòng tải lại trang."))
    if task.status != STATUS.NEW or task.owner_id:
        raise StateConflict(
            _("Công việc của hồ sơ %(code)s đã có người nhận.")
            % {"code": task.process.dossierprocess.dossier.code}
        )
    return membership


@transaction.atomic
def task_release(*, user, task_id, acting=None) -> None:
    (task,) = _visible_tasks(user, [task_id], acting)
    if task.status != STATUS.ASSIGNED or task.owner_id != user.pk:
        raise StateConflict(_("Công việc này không do bạn nhận, hoặc đã được xử lý."))
    membership = rules.agency_membership(user, _agency(task), acting)
    task.flow_task.activation_class(task).unassign()
    _record(task, user=user, membership=membership, action="release")


@transaction.atomic
def task_reassign(*, user, task_id, to_user_id, reason: str, acting=None) -> None:
    """A chair hands a task of their unit to another official who works in its agency."""
    (task,) = _visible_tasks(user, [task_id], acting)
    agency = _agency(task)
    membership = rules.reassign_membership(user, agency, acting)
    if membership is None:
        raise ActionForbidden(_("Chỉ Chủ tịch của đơn vị mới được giao lại công việc."))
    if task.status not in (STATUS.NEW, STATUS.ASSIGNED):
        raise StateConflict(_("Công việc đã được xử lý xong; vui lòng tải lại trang."))
    target = next((m.user for m in rules.agency_officials(agency) if str(m.user_id) == str(to_user_id)), None)
    errors = {}
    if target is None:
        errors["to_user"] = [_("Chọn một cán bộ làm việc tại cơ quan phụ trách công việc này.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Vui lòng ghi lý do giao lại.")]
    if errors:
        raise InvalidInput(_("Chưa giao lại được công việc."), errors)
    before = full_name(task.owner) if task.owner else None
    task.owner, task.status = target, STATUS.ASSIGNED
    task.save(update_fields=["owner", "status"])
    changes = {"assigned_to": [before, full_name(target)]}
    _record(
        task, user=user, membership=membership, action="reassign", comment=reason.strip(), changes=changes
    )


def release_lent_claims(*, by, acting, delegation) -> int:
    """Hand back to their agencies' queues the tasks a delegate claimed in a role lent to them that has just
    been revoked (unless they also work there in their own right): the dossiers are not left held by
    someone who may no longer act on them. Each hand-back is written to its dossier's history."""
    delegate = get_user_model().objects.get(pk=delegation.delegate_id)  # a fresh object: no cached roles
    lent = [a.pk for a in rules.lent_agencies(delegation) if rules.agency_membership(delegate, a) is None]
    tasks = _locked_tasks(list(queues.user_tasks(delegate, lent).values_list("pk", flat=True)))
    for task in tasks:
        task.flow_task.activation_class(task).unassign()
    reason = _("Ủy quyền cho %(name)s đã bị thu hồi; công việc trả về đơn vị.") % {
        "name": full_name(delegate)
    }
    for task in tasks:
        _record(task, user=by, membership=acting, action="release", comment=reason)
    return len(tasks)
