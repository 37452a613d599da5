"""What each transition checks and records, beyond who may fire it and from which state.

A handler reads the payload (raising InvalidInput with per-field Vietnamese messages, before anything is
changed), updates the nominations, fires the dossier's transition method and returns (comment, changes).
"""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers.criteria import criteria_keys, reason_problem, unmet
from dossiers.states import DocumentKind, Outcome
from permissions.names import full_name

from ..routing import STEPS, Payload
from . import payloads
from .decisions import award_decision, decider_level, province_decision, splits_by_authority


def comment_only(dossier, user, payload, membership, step):
    """Transitions whose only payload is a comment (a required reason for returns and rejections)."""
    errors = payloads.Errors()
    text = payloads.comment(payload, errors, required=step.reason_required)
    errors.raise_if_any(_("Vui lòng ghi rõ lý do."))
    requests_before = dossier.supplement_requests
    getattr(dossier, step.name)()
    changes = {}
    if step.closes:
        # Nominations already awarded by a decision keep it: a later withdrawal ends only what is pending.
        changes = _close_pending(dossier)
    if dossier.supplement_requests != requests_before:
        changes["supplement_requests"] = [requests_before, dossier.supplement_requests]
    return text, changes


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
    dossier.submit()
    return text, {}


def commune_approve(dossier, user, payload, membership, step):
    errors = payloads.Errors()
    text = payloads.comment(payload, errors, required=False)
    meeting = _meeting(payload, errors)
    nominations = {n.pk: n for n in dossier.nominations.select_related("award_form")}
    entries = payloads.items(payload, "verdicts", errors, label=_("Kết quả họp xét"))
    verdicts = _commune_verdicts(entries, nominations, meeting, errors)
    present_kinds = set(dossier.documents.filter(removed_at__isnull=True).values_list("kind", flat=True))
    for kind, label in (
        (DocumentKind.TO_TRINH, _("tờ trình")),
        (DocumentKind.BIEN_BAN, _("biên bản họp xét")),
    ):
        if kind not in present_kinds:
            errors.add("documents", _("Chưa có %(document)s của xã trong hồ sơ.") % {"document": label})
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
    level = decider_level(approved_forms)
    before = _meeting_of(dossier), dossier.decision_level or None
    dossier.commune_approve(decision_level=level, **meeting)
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
    nominations = {n.pk: n for n in dossier.nominations.filter(commune_approved=True)}
    entries = payloads.items(payload, "verdicts", errors, label=_("Kết quả thẩm định"))
    verdicts = [
        _verdict(nomination, entry, errors)
        for nomination, entry in payloads.by_nomination(entries, nominations, "verdicts", errors).values()
    ]
    if entries and not any(verdict["eligible"] for _, verdict in verdicts):
        errors.add(
            "verdicts",
            _("Phải có ít nhất một đề nghị đủ điều kiện; nếu không, hãy chọn “Không đủ điều kiện”."),
        )
    errors.raise_if_any(_("Kết quả thẩm định chưa đầy đủ."))
    changes = {f"nomination:{n.pk}": _record_verdict(n, verdict) for n, verdict in verdicts}
    dossier.appraise()
    return text, changes


def _verdict(nomination, entry, errors) -> tuple:
    name, kind = nomination.nominee_name, nomination.nominee_kind
    eligible = payloads.boolean(entry.get("eligible"), "verdicts", errors, label=f"“{name}”")
    criteria = _criteria(nomination, entry.get("criteria"), errors)
    note = payloads.text(entry, "note", errors, required=False, label=_("Ghi chú"))
    reason = payloads.text(entry, "reason", errors, required=False, label=_("Lý do đủ điều kiện"))
    if set(criteria) == set(criteria_keys(kind)):  # an incomplete checklist is already refused above
        problem = reason_problem(
            name=name, nominee_kind=kind, eligible=eligible, marks=criteria, reason=reason
        )
        if problem:
            errors.add("reason", problem)
    if not (eligible and unmet(kind, criteria)):
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
    nomination.save(
        update_fields=["eligible", "criteria", "appraisal_note", "eligibility_reason", "outcome"]
    )
    return [before, verdict]


def _criteria(nomination, raw, errors) -> dict:
    keys = criteria_keys(nomination.nominee_kind)
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
    decision = award_decision(dossier, user, membership, payload, errors)
    errors.raise_if_any("Thông tin quyết định chưa hợp lệ.")
    within, above = splits_by_authority(dossier)
    awarded_ids = list(within.values_list("pk", flat=True))
    forwarded_ids = list(above.values_list("pk", flat=True))
    within.update(outcome=Outcome.AWARDED, decision=decision)
    above.update(outcome=Outcome.FORWARDED)
    dossier.approve(forward=bool(forwarded_ids))
    signed = f"{decision.number} ({decision.date:%d/%m/%Y}, {decision.signature_line} {full_name(decision.signer)})"
    changes = {"decision": [None, signed], "awarded": [[], awarded_ids]}
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
    dossier.record_province_outcome()
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


# The handler of each kind of payload (workflows.routing.Payload); a transition's handler is its payload's.
# A transition whose payload is only a comment needs no handler of its own.
BY_PAYLOAD = {
    Payload.COMMENT: comment_only,
    Payload.SUBMISSION: submit,
    Payload.MEETING: commune_approve,
    Payload.APPRAISAL: appraise,
    Payload.DECISION: approve,
    Payload.PROVINCE_OUTCOME: record_province_outcome,
}
HANDLERS = {step.name: BY_PAYLOAD[step.payload] for step in STEPS}
