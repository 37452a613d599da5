"""The one path to every state change of a dossier, whoever calls it (API, page, admin, command).

In one transaction: lock the dossier row, ask permissions.rules who may act, check the state machine,
run the transition's handler (payload checks, nominations, the transition itself), complete the workflow
task and write the audit event.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from dossiers.errors import ActionForbidden, DossierNotFound, StateConflict
from dossiers.models import Dossier
from dossiers.selectors import dossier_for_user
from dossiers.services.recording import audit_record
from permissions import rules
from permissions.models import Membership

from ..routes import END, STEP_NAMES, TITLES, route_of, stage_of, step_of
from ..tasks import notify_stage
from .handlers import HANDLERS
from .process import complete_stage_task


def dossier_transition(
    *, user, dossier_id: int, name: str, payload: dict | None = None, acting: Membership | None = None
) -> Dossier:
    if name not in STEP_NAMES:
        raise DossierNotFound(_("Không có thao tác “%(name)s”.") % {"name": name})
    with transaction.atomic():
        dossier = dossier_for_user(user, dossier_id, for_update=True)
        membership = transition_check(user=user, dossier=dossier, name=name, acting=acting)
        from_status, stage, step = dossier.status, stage_of(dossier), step_of(dossier, name)
        comment, changes = HANDLERS[name](dossier, user, payload or {}, membership, step)
        landed = route_of(dossier).next_stage(step, stage.name, dossier)
        dossier.stage = "" if landed == END else landed
        dossier.status_changed = timezone.now()
        dossier.save()
        complete_stage_task(
            dossier=dossier, stage_name=stage.name, user=user, membership=membership, transition=name
        )
        # Last: appending to the history takes the province-wide chain lock until the commit, so every
        # other transition waits while this one holds it. Written after the workflow's own writes, it is
        # held for this one insert, not for the task's completion as well.
        event = audit_record(
            dossier=dossier,
            actor=user,
            membership=membership,
            action=name,
            from_status=from_status,
            to_status=dossier.status,
            comment=comment,
            changes=changes,
        )
        # Queued only once the change is committed: a rolled-back transition notifies nobody. The job is told
        # which change to announce: by the time it runs, the dossier may have moved on.
        transaction.on_commit(lambda: notify_stage.delay(dossier.pk, event.pk))
    return dossier


def transition_check(*, user, dossier, name: str, acting: Membership | None = None) -> Membership:
    """A step the dossier's route does not have (409), then who fires it (403), then whether the state allows
    it (409): the membership to act in, or a refusal. Pages call it too, to answer before reading a form."""
    if step_of(dossier, name) is None:
        raise StateConflict(
            _("Quy trình của hồ sơ %(code)s (%(route)s) không có bước “%(step)s”.")
            % {"code": dossier.code, "route": route_of(dossier).label, "step": TITLES[name]}
        )
    membership = firing_membership(user, dossier, name, acting)
    if membership is None:
        raise ActionForbidden(_("Bạn không có quyền thực hiện thao tác này với hồ sơ."))
    if not _may_fire_here(dossier, name):
        raise StateConflict(_conflict_message(dossier, name))
    return membership


def _may_fire_here(dossier, name: str) -> bool:
    """The dossier's route declares the step at the stage it is at, and its state machine lets it fire."""
    step = step_of(dossier, name)
    return step is not None and dossier.stage in step.at and can_proceed(getattr(dossier, name))


def firing_membership(user, dossier, name: str, acting: Membership | None = None) -> Membership | None:
    """The membership in which the user may fire ``name`` on the dossier: the roles its route declares for
    it, asked of permissions.rules."""
    step = step_of(dossier, name)
    return rules.transition_membership(user, dossier, step.by, acting) if step else None


def _conflict_message(dossier, name) -> str:
    step = step_of(dossier, name)
    if name in ("request_supplement", "province_request_supplement") and step and dossier.stage in step.at:
        return _("Hồ sơ đã được yêu cầu bổ sung một lần; quy trình chỉ cho phép một lần.")
    return _("Hồ sơ %(code)s đang ở trạng thái “%(status)s”, không thể thực hiện thao tác này.") % {
        "code": dossier.code,
        "status": dossier.get_status_display(),
    }


def allowed_transitions(user, dossier, acting: Membership | None = None) -> list[str]:
    """The transitions this user may fire on the dossier now."""
    return [
        step.name
        for step in route_of(dossier).steps
        if _may_fire_here(dossier, step.name) and firing_membership(user, dossier, step.name, acting)
    ]
