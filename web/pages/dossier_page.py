"""The dossier page's parts, each read once per request.

The dossier's nominations are read once, with their award forms and decisions, and serve the list, the
step forms, the planned stages, the decisions and the appraisal report; the movement's checklists once, and
only when marks or the appraisal's form need them. What a dossier seldom has (a reason it was sent back,
citizens' comments, a decision) is told by the rows already read, and read only when there is one. Nothing
is kept beyond the request: a role taken away shows on the next page.
"""

from django.db.models import Exists, OuterRef, Subquery

from dossiers.criteria import checklists
from dossiers.models import AuditEvent, FlagDecision
from dossiers.selectors import decisions_visible_to
from dossiers.states import DocumentKind, Outcome, Status, editors, uploaders
from permissions import rules
from permissions.roles import LEVEL_ORDER
from publicity.models import PublicComment
from publicity.selectors import unended_notices
from workflows import queues
from workflows.routes import SENDING_BACK, STEPS_BY_NAME, Payload, route_of, stage_of, step_of
from workflows.services.handlers import submit_problems
from workflows.services.transitions import allowed_transitions
from workflows.stage_settings import switched_off

from .. import step_forms as payload_forms
from ..duplicate_flags import may_decide_flags, visible_flags


def row_annotations() -> dict:
    """What comes with the dossier's row: the state the latest sending-back step led to (the page reads
    that event only if the dossier is still there), whether a public notice not yet ended lists its
    nominees, and whether citizens commented on it (each read only if so)."""
    sent_back = AuditEvent.objects.filter(dossier=OuterRef("pk"), action__in=SENDING_BACK)
    return {
        "sent_back_to": Subquery(sent_back.order_by("-at", "-pk").values("to_status")[:1]),
        "on_public_notice": Exists(unended_notices().filter(entries__nomination__dossier=OuterRef("pk"))),
        "has_public_comments": Exists(PublicComment.objects.filter(dossier=OuterRef("pk"))),
    }


def detail_context(request, dossier, forms_override=None) -> dict:
    names = allowed_transitions(request.user, dossier, request.acting)
    nominations = list(
        dossier.nominations.select_related("award_form", "decision").annotate(
            # the flags' decisions (dossiers.duplicates) are read only for a nominee who has one
            has_flag_decisions=Exists(FlagDecision.objects.filter(nomination=OuterRef("pk")))
        )
    )
    kinds = checklists(dossier.round.movement_id) if _needs_checklists(names, nominations) else None
    forms = _forms(dossier, names, forms_override, nominations, kinds)
    documents = dossier.documents.select_related("nomination", "uploaded_by", "replaced_by")
    return {
        "dossier": dossier,
        "progress": _progress(dossier, nominations),
        "holder": _holder(request, dossier),
        "nominations": _nomination_rows(request, dossier, nominations, kinds or {}),
        "decides_flags": may_decide_flags(request.user, dossier, request.acting),
        "documents": [d for d in documents if d.removed_at is None],
        "removed_documents": [d for d in documents if d.removed_at is not None],
        "decisions": _decisions(request, dossier, nominations),
        "forms": forms,
        "upload_kinds": _upload_kinds(request, dossier),
        "can_edit": rules.edit_membership(request.user, dossier, editors(dossier.status), request.acting)
        is not None,
        "missing": submit_problems(dossier) if dossier.status in (Status.DRAFT, Status.RETURNED) else {},
        "sent_back": sent_back_reason(dossier),
        "appraisal_report": _appraised_or_appraising(dossier, nominations),
    }


def _needs_checklists(names, nominations) -> bool:
    """The checklists label the marks of nominees already appraised, and make the appraisal's form."""
    appraises = any(STEPS_BY_NAME[name].payload == Payload.APPRAISAL for name in names)
    return appraises or any(n.criteria for n in nominations)


def _forms(dossier, names, forms_override, nominations, kinds) -> list:
    forms = [
        payload_forms.form_for(name, dossier, nominations=nominations, checklists=kinds) for name in names
    ]
    if forms_override:
        forms = [forms_override.get(f.name, f) for f in forms]
    for form in forms:  # the irreversible steps name the dossier and what will happen before they go
        step = step_of(dossier, form.name)
        form.confirm = str(step.confirm) % {"code": dossier.code} if step.confirm else ""
        form.ends_dossier = step.closes  # drawn as a dangerous button
    return forms


def _progress(dossier, nominations):
    """The planned stages, each done, current or next. While the dossier is open, the stages before the one
    it is at are done and those after it next (two stages may share a state: the commune's and the
    province's decision); once it is finished, those it passed through are done."""
    current, route = stage_of(dossier), route_of(dossier)
    planned = route.planned_stages(dossier, switched_off(dossier), _heads_for(route, nominations))
    if current is not None:
        at = planned.index(current)
        states = ["done"] * at + ["current"] + ["next"] * (len(planned) - at - 1)
    else:
        passed = set(dossier.events.exclude(from_status="").values_list("from_status", flat=True))
        decided = dossier.status == Status.DECIDED
        states = ["done" if decided or passed & set(stage.states) else "next" for stage in planned]
    return [{"stage": stage, "state": state} for stage, state in zip(planned, states, strict=True)]


def _heads_for(route, nominations) -> str:
    """The highest level whose chair the dossier's awards still in play need (its province for a Bằng khen)."""
    authorities = {n.award_form.authority_level for n in nominations if n.outcome != Outcome.NOT_AWARDED}
    return max((route.deciding_level_for(a) for a in authorities), key=LEVEL_ORDER.index, default="")


def _appraised_or_appraising(dossier, nominations) -> bool:
    """Whether an appraisal report makes sense: the dossier is at an appraisal, or has been appraised (one of
    its ``nominations`` has a verdict)."""
    stage = stage_of(dossier)
    appraising = stage is not None and any(
        step.payload == Payload.APPRAISAL and stage.name in step.at for step in route_of(dossier).steps
    )
    return appraising or any(n.eligible is not None for n in nominations)


def sent_back_reason(dossier):
    """Why the dossier came back to where it is now, for those who must act on it."""
    if hasattr(dossier, "sent_back_to") and dossier.sent_back_to != dossier.status:
        return None  # its row says: never sent back, or the latest return led elsewhere
    event = dossier.events.filter(action__in=SENDING_BACK).select_related("actor", "unit").last()
    return event if event is not None and event.to_status == dossier.status else None


def _holder(request, dossier):
    """Who has the dossier now: the agency of its stage and the official who claimed it; and whether this
    user may claim it (an official of that agency, while nobody holds it) or hand it back (its holder)."""
    task, agency = queues.stage_task_and_agency(dossier)
    if task is None:
        return None
    works_there = agency is not None and rules.agency_membership(request.user, agency, request.acting)
    # Claiming tells colleagues who is on it: an official alone in the agency (a village head) is offered
    # none. Who else works there is asked only while the task waits for someone.
    shared = (
        bool(works_there)
        and task.owner_id is None
        and any(m.user_id != request.user.pk for m in rules.agency_officials(agency))
    )
    return {
        "task": task,
        "agency": agency,
        "owner": task.owner,
        "can_claim": shared,
        "can_release": bool(works_there) and task.owner_id == request.user.pk,
    }


def _nomination_rows(request, dossier, nominations, kinds):
    flags = visible_flags(request.user, dossier, request.acting, nominations) or {}
    shows_id = rules.handles_dossier(request.user, dossier, request.acting)
    rows = []
    for nomination in nominations:
        labels = dict(kinds.get(nomination.nominee_kind, []))
        criteria = [(labels.get(key, key), value) for key, value in nomination.criteria.items()]
        rows.append(
            {
                "n": nomination,
                "criteria": criteria,
                "flags": flags.get(nomination.pk, []),
                "citizen_id": nomination.citizen_id if shows_id else "",
            }
        )
    return rows


def _decisions(request, dossier, nominations):
    """The decisions that awarded someone of this dossier, as far as the viewer may see them (the same
    selector guards the decision's PDF and certificates, so every link offered here opens). None awarded
    any of its ``nominations`` yet: nothing to read."""
    if not any(n.decision_id for n in nominations):
        return []
    visible = decisions_visible_to(request.user, request.acting)
    return visible.filter(awarded_nominations__dossier=dossier).distinct().select_related("issuer")


def _upload_kinds(request, dossier):
    return [
        (kind.value, kind.label)
        for kind in DocumentKind
        if rules.upload_membership(request.user, dossier, uploaders(dossier.status, kind), request.acting)
    ]
