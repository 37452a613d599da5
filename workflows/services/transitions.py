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
from dossiers.states import Status
from permissions import rules
from permissions.models import Membership

from ..routing import STEPS, STEPS_BY_NAME, stage_of
from ..tasks import notify_stage
from .handlers import HANDLERS
from .process import complete_stage_task

TRANSITION_NAMES = [step.name for step in STEPS]


def dossier_transition(
    *, user, dossier_id: int, name: str, payload: dict | None = None, acting: Membership | None = None
) -> Dossier:
    if name not in STEPS_BY_NAME:
        raise DossierNotFound(_("Không có thao tác “%(name)s”.") % {"name": name})
    with transaction.atomic():
        dossier = dossier_for_user(user, dossier_id, for_update=True)
        membership = transition_check(user=user, dossier=dossier, name=name, acting=acting)
        from_status, stage = dossier.status, stage_of(dossier)
        comment, changes = HANDLERS[name](dossier, user, payload or {}, membership, STEPS_BY_NAME[name])
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
    """Who fires it (403) before whether the state allows it (409): the membership to act in, or a refusal.
    Pages call it too, to answer before reading a form."""
    membership = firing_membership(user, dossier, name, acting)
    if membership is None:
        raise ActionForbidden(_("Bạn không có quyền thực hiện thao tác này với hồ sơ."))
    if not can_proceed(getattr(dossier, name)):
        raise StateConflict(_conflict_message(dossier, name))
    return membership


def firing_membership(user, dossier, name: str, acting: Membership | None = None) -> Membership | None:
    """The membership in which the user may fire ``name`` on the dossier: the roles the route declares for
    it, asked of permissions.rules."""
    return rules.transition_membership(user, dossier, STEPS_BY_NAME[name].by, acting)


def _conflict_message(dossier, name) -> str:
    if name == "request_supplement" and dossier.status == Status.APPRAISAL:
        return _("Hồ sơ đã được yêu cầu bổ sung một lần; quy trình chỉ cho phép một lần.")
    return _("Hồ sơ %(code)s đang ở trạng thái “%(status)s”, không thể thực hiện thao tác này.") % {
        "code": dossier.code,
        "status": dossier.get_status_display(),
    }


def allowed_transitions(user, dossier, acting: Membership | None = None) -> list[str]:
    """The transitions this user may fire on the dossier now."""
    return [
        name
        for name in TRANSITION_NAMES
        if can_proceed(getattr(dossier, name)) and firing_membership(user, dossier, name, acting)
    ]
