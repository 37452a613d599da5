"""What each transition checks and records, beyond who may fire it and from which state.

A handler reads the payload (raising InvalidInput with per-field Vietnamese messages, before anything is
changed), updates the nominations, fires the dossier's transition method and returns (comment, changes).
"""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers.criteria import checklists, reason_problem
from dossiers.models import Nomination
from dossiers.states import DocumentKind, Outcome
from permissions.names import full_name
from permissions.roles import Level

from ..routes import STEPS_BY_NAME, Payload, route_of, stage_of
from ..stage_settings import stage_setting
from . import payloads
from .decisions import award_decision, province_decision, splits_by_authority


def comment_only(dossier, user, payload, membership, step):
    """Transitions whose only payload is a comment (a required reason for returns and rejections)."""
    errors = payloads.Errors()
    text = payloads.comment(payload, errors, required=step.reason_required)
    errors.raise_if_any(_("Vui lòng ghi rõ lý do."))
    requests_before = dossier.supplement_requests
    fire(dossier, step)
    changes = {}
    if step.closes:
        # Nominations already awarded by a decision keep it: a later withdrawal ends only what is pending.
        changes = _close_pending(dossier)
    if dossier.supplement_requests != requests_before:
        changes["supplement_requests"] = [requests_before, dossier.supplement_requests]
    return text, changes


def fire(dossier, step, **kwargs) -> None:
    """Fire the step's transition on the dossier; where the route says where it leads (``Step.targeted``),
    tell the state machine the state of the first target stage the dossier's province has not switched off."""
    if step.targeted:
        route = route_of(dossier)
        targets = [route.stages_by_name[name] for name in step.moves[dossier.stage]]
        target = next(t for t in targets if stage_setting(dossier, t).enabled)
        kwargs["to"] = target.states[0]
    getattr(dossier, step.name)(**kwargs)


def missing_documents(dossier, step, errors) -> None:
    """The documents the step needs that the dossier does not hold (removed ones do not count)."""
    present = set(dossier.documents.filter(removed_at__isnull=True).values_list("kind", flat=True))
    for kind in step.documents:
        if kind not in present:
            label = DocumentKind(kind).label.lower()
            errors.add("documents", _("Chưa có %(document)s của xã trong hồ sơ.") % {"document": label})


def _close_pending(dossier) -> dict:
    pending = dossier.nominations.filter(outcome__in=[Outcome.PENDING, Outcome.FORWARDED])
    ids = list(pending.values_list("pk", flat=True))
    pending.update(outcome=Outcome.NOT_AWARDED)
    return {"not_awarded": [None, ids]} if ids else {}


def submit_problems(dossier) -> payloads.Errors:
    """What still keeps the dossier from being sent to the commune (shown on its page too)."""
    errors = payloads.Errors()
    if not dossier.round.is_open:
        errors.add("round", _("Đợt “%(round)s” đã đóng, không nhận hồ sơ.") % {"round": dossier.round.name})
    elif dossier.round.kind != "special" and timezone.localdate() > dossier.round.deadline:
        errors.add(
            "round",
            _(
                "Đã quá hạn nộp hồ sơ của đợt “%(round)s” (%(deadline)s). "
                "Hồ sơ đột xuất, đặc biệt nộp vào đợt khen thưởng đột xuất."
            )
            % {"round": dossier.round.name, "deadline": dossier.round.deadline.strftime("%d/%m/%Y")},
        )
    nominations = dossier.nominations.annotate(
        reports=Count(
            "documents",
            filter=Q(documents__kind=DocumentKind.BAO_CAO_THANH_TICH, documents__removed_at__isnull=True),
        )
    )
    if not nominations:
        errors.add(
            "nominations", _("Hồ sơ chưa có đề nghị nào: thêm ít nhất một người/tập thể được đề nghị.")
        )
    for nomination in nominations:
        if not nomination.reports:
            errors.add(
                "documents", _("Thiếu báo cáo thành tích của “%(name)s”.") % {"name": nomination.nominee_name}
            )
    return errors


def submit(dossier, user, payload, membership, step):
    errors = submit_problems(dossier)
    text = payloads.comment(payload, errors, required=False)
    errors.raise_if_any(_("Hồ sơ chưa đủ điều kiện để gửi xã."))
    fire(dossier, step)
    return text, {}


def commune_approve(dossier, user, payload, membership, step):
    errors = payloads.Errors()
    text = payloads.comment(payload, errors, required=False)
    meeting = _meeting(payload, errors)
    nominations = {n.pk: n for n in dossier.nominations.select_related("award_form")}
    entries = payloads.items(payload, "verdicts", errors, label=_("Kết quả họp xét"))
    verdicts = _commune_verdicts(entries, nominations, meeting, errors)
    missing_documents(dossier, step, errors)
    errors.raise_if_any(_("Chưa đủ điều kiện để xã duyệt hồ sơ."))
    changes = {}
    for nomination, approved, votes in verdicts:
        changes[f"nomination:{nomination.pk}"] = [
            {"commune_approved": nomination.commune_approved, "votes_for": nomination.commune_votes_for},
            {"commune_approved": approved, "votes_for": votes},
        ]
        nomination.commune_approved, nomination.commune_votes_for = approved, votes
        # A dossier sent back and reviewed again takes the new verdict, whatever the old one was.
        nomination.outcome = Outcome.PENDING if approved else Outcome.NOT_AWARDED
        nomination.save(update_fields=["commune_approved", "commune_votes_for", "outcome"])
    approved_forms = [n.award_form for n, approved, _ in verdicts if approved]
    level = route_of(dossier).decision_level(approved_forms)
    before = _meeting_of(dossier), dossier.decision_level or None
    fire(dossier, step, decision_level=level, **meeting)
    changes["meeting"] = [before[0], _meeting_of(dossier)]
    changes["decision_level"] = [before[1], level]
    return text, changes


def _meeting_of(dossier) -> dict | None:
    if dossier.meeting_held_on is None:
        return None
    return {
        "held_on": dossier.meeting_held_on.strftime("%d/%m/%Y"),
        "members_total": dossier.meeting_members_total,
        "members_present": dossier.meeting_members_present,
    }


def _meeting(payload, errors) -> dict:
    raw = payload.get("meeting")
    if not isinstance(raw, dict):
        errors.add("meeting", _("Vui lòng nhập thông tin cuộc họp xét (ngày họp, số thành viên, số có mặt)."))
        return {}
    held_on = payloads.date(raw, "held_on", errors, label=_("Ngày họp"))
    total = payloads.integer(
        raw.get("members_total"), "members_total", errors, label=_("Số thành viên"), minimum=1
    )
    present = payloads.integer(
        raw.get("members_present"), "members_present", errors, label=_("Số thành viên có mặt"), minimum=1
    )
    if total is not None and present is not None and present > total:
        errors.add("members_present", _("Số thành viên có mặt không được lớn hơn tổng số thành viên."))
    return {"held_on": held_on, "members_total": total, "members_present": present}


def _commune_verdicts(entries, nominations, meeting, errors):
    present = meeting.get("members_present")
    verdicts = []
    for nomination, entry in payloads.by_nomination(entries, nominations, "verdicts", errors).values():
        label = f"“{nomination.nominee_name}”"
        approved = payloads.boolean(entry.get("approved"), "verdicts", errors, label=label)
        votes = payloads.integer(
            entry.get("votes_for"),
            "verdicts",
            errors,
            label=_("Số phiếu đồng ý cho %(name)s") % {"name": label},
            maximum=present,
        )
        verdicts.append((nomination, approved, votes))
    if entries and not any(approved for _, approved, _ in verdicts):
        errors.add(
            "verdicts", _("Phải có ít nhất một đề nghị được xã đồng ý; nếu không, hãy chọn “Không đề nghị”.")
        )
    return verdicts


def appraise(dossier, user, payload, membership, step):
    errors = payloads.Errors()
    text = payloads.comment(payload, errors, required=False)
    nominations = {n.pk: n for n in appraised_nominations(dossier)}
    entries = payloads.items(payload, "verdicts", errors, label=_("Kết quả thẩm định"))
    movement = dossier.round.movement_id
    kinds = checklists(movement)  # the movement's checklists, read once
    verdicts = [
        _verdict(nomination, entry, errors, kinds, movement)
        for nomination, entry in payloads.by_nomination(entries, nominations, "verdicts", errors).values()
    ]
    if entries and not any(verdict["eligible"] for _, verdict in verdicts):
        errors.add(
            "verdicts",
            _("Phải có ít nhất một đề nghị đủ điều kiện; nếu không, hãy chọn “Không đủ điều kiện”."),
        )
    missing_documents(dossier, step, errors)
    errors.raise_if_any(_("Kết quả thẩm định chưa đầy đủ."))
    changes = {f"nomination:{n.pk}": _record_verdict(n, verdict) for n, verdict in verdicts}
    fire(dossier, step)
    return text, changes


def appraised_nominations(dossier, among: list | None = None):
    """The nominations an appraisal weighs: those the commune's council proposed; at the province, those
    submitted to it. ``among``: the dossier's nominations already read (a page's), kept in their order;
    without it, a query."""
    at_province = stage_of(dossier).level == Level.PROVINCE
    if among is not None:  # the same two conditions as the queries below
        if at_province:
            return [n for n in among if n.outcome == Outcome.FORWARDED]
        return [n for n in among if n.commune_approved is True]
    if at_province:
        return dossier.nominations.filter(outcome=Outcome.FORWARDED)
    return dossier.nominations.filter(commune_approved=True)


def _verdict(nomination, entry, errors, kinds, movement) -> tuple:
    name, kind = nomination.nominee_name, nomination.nominee_kind
    eligible = payloads.boolean(entry.get("eligible"), "verdicts", errors, label=f"“{name}”")
    criteria = _criteria(nomination, entry.get("criteria"), errors, kinds.keys_of(kind))
    note = payloads.text(entry, "note", errors, required=False, label=_("Ghi chú"))
    reason = payloads.text(entry, "reason", errors, required=False, label=_("Lý do đủ điều kiện"))
    if set(criteria) == set(kinds.keys_of(kind)):  # an incomplete checklist is already refused above
        problem = reason_problem(
            name=name,
            nominee_kind=kind,
            eligible=eligible,
            marks=criteria,
            reason=reason,
            movement=movement,
        )
        if problem:
            errors.add("reason", problem)
    if not (eligible and kinds.unmet(kind, criteria)):
        reason = ""  # a reason only explains an eligible verdict with unmet criteria: never keep a stale one
    return nomination, {"eligible": eligible, "criteria": criteria, "note": note, "reason": reason}


def _record_verdict(nomination, verdict) -> list:
    before = {
        "eligible": nomination.eligible,
        "criteria": nomination.criteria,
        "note": nomination.appraisal_note,
        "reason": nomination.eligibility_reason,
    }
    nomination.eligible, nomination.criteria = verdict["eligible"], verdict["criteria"]
    nomination.appraisal_note, nomination.eligibility_reason = verdict["note"], verdict["reason"]
    nomination.outcome = Outcome.PENDING if verdict["eligible"] else Outcome.NOT_AWARDED
    nomination.save(update_fields=["eligible", "criteria", "appraisal_note", "eligibility_reason", "outcome"])
    return [before, verdict]


def _criteria(nomination, raw, errors, keys) -> dict:
    label = _("Tiêu chí của “%(name)s”") % {"name": nomination.nominee_name}
    if not isinstance(raw, dict):
        errors.add("criteria", _("%(label)s: vui lòng đánh dấu từng tiêu chí.") % {"label": label})
        return {}
    unknown = sorted(set(raw) - set(keys))
    missing = [key for key in keys if key not in raw]
    if unknown:
        errors.add(
            "criteria",
            _("%(label)s: không có tiêu chí %(keys)s.") % {"label": label, "keys": ", ".join(unknown)},
        )
    if missing:
        errors.add(
            "criteria", _("%(label)s: chưa đánh dấu %(keys)s.") % {"label": label, "keys": ", ".join(missing)}
        )
    return {
        key: bool(payloads.boolean(raw.get(key), "criteria", errors, label=label))
        for key in keys
        if key in raw
    }


def approve(dossier, user, payload, membership, step):
    errors = payloads.Errors()
    text = payloads.comment(payload, errors, required=False)
    awarded_ids, forwarded_ids = splits_by_authority(dossier)
    # Nothing within the chair's authority: no decision is issued, the chair's approval submits the rest to
    # the level above (a decision listing no one would be a wrong record).
    decision = award_decision(dossier, user, membership, payload, errors) if awarded_ids else None
    errors.raise_if_any(_("Thông tin quyết định chưa hợp lệ."))
    if awarded_ids:
        Nomination.objects.filter(pk__in=awarded_ids).update(outcome=Outcome.AWARDED, decision=decision)
    if forwarded_ids:
        Nomination.objects.filter(pk__in=forwarded_ids).update(outcome=Outcome.FORWARDED)
    fire(dossier, step, forward=bool(forwarded_ids))
    changes = {"awarded": [[], awarded_ids]}
    if decision is not None:
        signer = f"{decision.signature_line} {full_name(decision.signer)}"
        changes["decision"] = [None, f"{decision.number} ({decision.date:%d/%m/%Y}, {signer})"]
    if forwarded_ids:
        changes["forwarded"] = [[], forwarded_ids]
    return text, changes


def record_province_outcome(dossier, user, payload, membership, step):
    errors = payloads.Errors()
    text = payloads.comment(payload, errors, required=False)
    forwarded = dossier.nominations.filter(outcome=Outcome.FORWARDED)
    awarded_ids = _awarded_ids(payload, set(forwarded.values_list("pk", flat=True)), errors)
    decision = province_decision(dossier, user, payload, errors)
    errors.raise_if_any(_("Kết quả của tỉnh chưa hợp lệ."))
    forwarded.filter(pk__in=awarded_ids).update(outcome=Outcome.AWARDED, decision=decision)
    forwarded.exclude(pk__in=awarded_ids).update(outcome=Outcome.NOT_AWARDED)
    fire(dossier, step)
    return text, {"decision": [None, decision.number], "awarded": [None, sorted(awarded_ids)]}


def _awarded_ids(payload, forwarded_ids, errors) -> set:
    # Required even when empty: a misspelt key must not silently mean "nobody was awarded".
    raw = payload.get("awarded")
    ids = {payloads.identifier(pk) for pk in raw} if isinstance(raw, list) else {None}
    if None in ids:
        errors.add(
            "awarded", _("Nhập danh sách mã các đề nghị được tỉnh khen thưởng (danh sách rỗng nếu không có).")
        )
        return set()
    if ids - forwarded_ids:
        errors.add("awarded", _("Chỉ ghi nhận các đề nghị đã trình tỉnh của hồ sơ này."))
    return ids


# The handler of each kind of payload (workflows.routes.Payload); a transition's handler is its payload's.
# A transition whose payload is only a comment needs no handler of its own.
BY_PAYLOAD = {
    Payload.COMMENT: comment_only,
    Payload.SUBMISSION: submit,
    Payload.MEETING: commune_approve,
    Payload.APPRAISAL: appraise,
    Payload.DECISION: approve,
    Payload.PROVINCE_OUTCOME: record_province_outcome,
}
HANDLERS = {name: BY_PAYLOAD[step.payload] for name, step in STEPS_BY_NAME.items()}
