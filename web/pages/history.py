"""The audit history in words: who, in which role and unit, did what, from which state to which, and why."""

import datetime
from collections import defaultdict
from itertools import islice

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from dossiers.criteria import checklists
from dossiers.models import AwardForm, FlagDecision, Movement, Nomination
from dossiers.services.recording import ACTING_FOR
from dossiers.states import DocumentKind, RouteName, Status
from permissions.models import Agency, Unit
from permissions.names import full_name
from permissions.roles import Level, Role
from workflows.routes import TITLES, all_stages

ACTION_LABELS = {
    **TITLES,
    "create": _("Tạo hồ sơ"),
    "edit": _("Sửa hồ sơ"),
    "upload_document": _("Tải tài liệu lên"),
    "remove_document": _("Gỡ tài liệu khỏi hồ sơ"),
    "claim": _("Nhận công việc"),
    "release": _("Trả công việc về đơn vị"),
    "reassign": _("Giao lại công việc"),
    "grant_role": _("Giao vai trò"),
    "revoke_role": _("Thu hồi vai trò"),
    "reorganise": _("Chuyển theo sắp xếp đơn vị hành chính"),
    "apply_reorganisation": _("Áp dụng sắp xếp đơn vị hành chính"),
    "decision_signed": _("Ký số quyết định"),
    "flag_decision": _("Quyết định về cảnh báo trùng hoặc khen lại"),
    "public_notice_opened": _("Niêm yết công khai danh sách đề nghị"),
    "public_notice_closed": _("Kết thúc niêm yết công khai sớm"),
    "public_comment": _("Nhận góp ý công khai của người dân"),
    "delegate_role": _("Ủy quyền vai trò"),
    "revoke_delegation": _("Thu hồi ủy quyền"),
}
FIELD_LABELS = {
    "nomination": _("Đề nghị"),
    "supplement_requests": _("Số lần yêu cầu bổ sung"),
    "title": _("Tiêu đề"),
    "nominations": _("Các đề nghị"),
    "document": _("Tài liệu"),
    "meeting": _("Cuộc họp xét"),
    "decision_level": _("Cấp quyết định"),
    "decision": _("Quyết định"),
    "awarded": _("Được khen thưởng"),
    "forwarded": _("Trình tỉnh"),
    "not_awarded": _("Không được khen thưởng"),
    "assigned_to": _("Người xử lý"),
    "stage": _("Bước"),
    "route": _("Quy trình"),
    "commune": _("Xã"),
    "district": _("Huyện"),
    "province": _("Tỉnh"),
    "user": _("Người dùng"),
    "role": _("Vai trò"),
    "unit": _("Đơn vị"),
    "agencies": _("Cơ quan"),
    "flag": _("Cảnh báo"),
    "flagged_nomination": _("Đề nghị bị cảnh báo"),
    "verdict": _("Quyết định về cảnh báo"),
    "public_notice": _("Thời gian niêm yết"),
    "commented_nomination": _("Đề nghị được góp ý"),
    "delegation": _("Ủy quyền số"),
    "delegator": _("Người ủy quyền"),
    "delegate": _("Người được ủy quyền"),
    "starts_on": _("Từ ngày"),
    "ends_on": _("Đến ngày"),
}
# Fields whose value is one list, not a [before, after] pair (two agencies are not a change from one to the other).
PLAIN_LISTS = {"agencies"}


def label(mapping, value):
    return str(mapping.get(value, value)) if value else ""


def status_label(value):
    return str(Status(value).label) if value in Status.values else value


KEY_LABELS = {
    "commune_approved": _("xã đồng ý"),
    "votes_for": _("số phiếu đồng ý"),
    "eligible": _("đủ điều kiện"),
    "criteria": _("tiêu chí"),
    "note": _("ghi chú"),
    "reason": _("lý do vẫn đủ điều kiện"),
    "kind": _("loại"),
    "name": _("tệp"),
    "nomination": _("đề nghị"),
    "held_on": _("ngày họp"),
    "members_total": _("số thành viên"),
    "members_present": _("số có mặt"),
}


# The history keeps codes and ids, so that it never changes; the pages and the CSV show what they stand for.
# The kind of value held by a field of the changes, and by a key of a recorded dict:
FIELD_KINDS = {
    "decision_level": "level",
    "route": "route",
    "stage": "stage",
    "awarded": "nomination",
    "forwarded": "nomination",
    "not_awarded": "nomination",
    "role": "role",
    "unit": "unit",
    "agencies": "agency",
    "user": "user",
    "flagged_nomination": "nomination",
    "verdict": "verdict",
    "commented_nomination": "nomination",
    "delegator": "user",
    "delegate": "user",
    "starts_on": "date",
    "ends_on": "date",
}
KEY_KINDS = {
    "kind": "document_kind",
    "nomination": "nomination",
    "award_form": "award_form",
    "criteria": "criteria",
}
FIXED_NAMES = {
    "level": dict(Level.choices),
    "route": dict(RouteName.choices),
    "stage": {stage.name: stage.label for stage in all_stages()},
    "role": dict(Role.choices),
    "document_kind": dict(DocumentKind.choices),
    "verdict": dict(FlagDecision.Verdict.choices),
}


def _ids(values) -> list[int]:
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


def _user_names(usernames) -> dict:
    return {
        user.username: full_name(user) for user in get_user_model().objects.filter(username__in=usernames)
    }


LOADERS = {
    "nomination": lambda ids: dict(
        Nomination.objects.filter(pk__in=_ids(ids)).values_list("pk", "nominee_name")
    ),
    "award_form": lambda codes: dict(AwardForm.objects.filter(code__in=codes).values_list("code", "name")),
    "unit": lambda codes: dict(Unit.objects.filter(code__in=codes).values_list("code", "name")),
    "agency": lambda ids: dict(Agency.objects.filter(pk__in=_ids(ids)).values_list("pk", "name")),
    "user": _user_names,
    # Every checklist's labels (the general ones and each movement's), read when a history names a criterion.
    "criterion": lambda keys: checklists_labels(),
}


def checklists_labels() -> dict:
    labels = checklists().labels()
    for movement_id in Movement.objects.values_list("pk", flat=True):
        labels.update(checklists(movement_id).labels())
    return labels


class Names:
    """What the codes and ids of a batch of events stand for, with one query per kind. The describing code
    runs twice over the batch: first it only notes what it will ask for, then it reads the names."""

    def __init__(self):
        self.wanted = defaultdict(set)
        self.found = None

    def __call__(self, kind: str, value) -> str:
        if kind in FIXED_NAMES:
            return str(FIXED_NAMES[kind].get(value, value))
        if self.found is None:
            self.wanted[kind].add(value)
            return ""
        name = self.found.get(kind, {}).get(value)
        if name:
            return name
        # A nomination removed from its draft later: its id is all the event still holds.
        return str(_("#%(id)s (đã bỏ khỏi hồ sơ)") % {"id": value}) if kind == "nomination" else str(value)

    def load(self) -> None:
        self.found = {kind: LOADERS[kind](values) for kind, values in self.wanted.items()}


def _describe(value, names, kind=None) -> str:
    if isinstance(value, bool):
        return str(_("có") if value else _("không"))
    if isinstance(value, list):
        return "; ".join(_describe(v, names, kind) for v in value) or "—"
    if isinstance(value, dict):
        return _describe_dict(value, names, kind)
    if value in (None, ""):
        return "—"
    if kind == "date":
        return _dd_mm_yyyy(value)
    return names(kind, value) if kind else str(value)


def _dd_mm_yyyy(iso: str) -> str:
    try:
        return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y")
    except (TypeError, ValueError):  # recorded by hand or by an older version: shown as it is
        return str(iso)


def _describe_dict(value: dict, names, kind) -> str:
    if kind == "criteria" and value:
        # The count, then the unmet ones by name (quoted: a criterion's own text may hold commas).
        unmet = [f"“{names('criterion', k)}”" for k, v in value.items() if v is not True]
        met = str(_("đạt %(met)d/%(total)d") % {"met": len(value) - len(unmet), "total": len(value)})
        not_met = _("chưa đạt")  # outside the f-string, where makemessages can find it
        return f"{met}, {not_met}: {'; '.join(unmet)}" if unmet else met
    if "nominee_name" in value:
        form = value.get("award_form")
        return f"{value['nominee_name']} ({names('award_form', form)})" if form else value["nominee_name"]
    parts = (f"{label(KEY_LABELS, k)}: {_describe(v, names, KEY_KINDS.get(k))}" for k, v in _in_order(value))
    return ", ".join(parts) or "—"


def _field_name(key: str, names) -> str:
    field, _sep, ref = key.partition(":")
    name = label(FIELD_LABELS, field)
    if not ref:
        return name
    return f"{name} “{names('nomination', int(ref))}”" if ref.isdigit() else f"{name} #{ref}"


def _in_order(recorded: dict, order=KEY_LABELS) -> list:
    """The items of a recorded dict in the order of its labels, then by key (a nomination's by its number):
    PostgreSQL's jsonb keeps keys in its own order, and a history reads the same on every database."""
    ranks = {key: rank for rank, key in enumerate(order)}

    def rank(item):
        field, _sep, ref = item[0].partition(":")
        return ranks.get(field, len(ranks)), int(ref) if ref.isdigit() else 0, item[0]

    return sorted(recorded.items(), key=rank)


def changes_lines(changes: dict, names) -> list[str]:
    lines = []
    for key, value in _in_order(changes or {}, FIELD_LABELS):
        field, kind = key.split(":")[0], FIELD_KINDS.get(key.split(":")[0])
        name = _field_name(key, names)
        if isinstance(value, list) and len(value) == 2 and field not in PLAIN_LISTS:
            before, after = value
            lines.append(f"{name}: {_describe(before, names, kind)} → {_describe(after, names, kind)}")
        elif key not in ("task", ACTING_FOR):
            lines.append(f"{name}: {_describe(value, names, kind)}")
    return lines


BATCH = 500


def history_rows(events):
    """The rows of a dossier's history, the audit log and their CSV, made lazily batch by batch: each batch
    looks up its names with one query per kind, however many events it holds."""
    events = iter(events)
    while batch := list(islice(events, BATCH)):
        names = Names()
        for event in batch:
            changes_lines(event.changes, names)
        names.load()
        yield from (_row(event, names) for event in batch)


def actor_text(event) -> str:
    """Who acted: their name, and for whom when they acted in a role lent to them (as the event recorded it)."""
    if event.action == "public_comment":  # a citizen without an account, never a system's own step
        return str(_("Người dân (góp ý công khai)"))
    if event.actor is None:
        return str(_("Hệ thống"))
    lent = (event.changes or {}).get(ACTING_FOR)
    if not lent:
        return full_name(event.actor)
    return str(_("%(actor)s, thay mặt %(holder)s (ủy quyền từ %(start)s đến %(end)s)")) % {
        "actor": full_name(event.actor),
        "holder": lent.get("name") or lent.get("user", ""),
        "start": _dd_mm_yyyy(lent.get("from")),
        "end": _dd_mm_yyyy(lent.get("to")),
    }


def _row(event, names) -> dict:
    lines = changes_lines(event.changes, names)
    return {
        "event": event,
        "dossier_code": event.dossier.code if event.dossier_id else "",
        "actor": actor_text(event),
        "role": label(dict(Role.choices), event.role),
        "action": label(ACTION_LABELS, event.action),
        "from": status_label(event.from_status),
        "to": status_label(event.to_status),
        "changes": lines,
        "changes_text": " | ".join(lines),
    }
