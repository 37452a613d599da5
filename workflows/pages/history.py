"""The audit history in words: who, in which role and unit, did what, from which state to which, and why."""

from django.utils.translation import gettext_lazy as _

from dossiers.states import Status
from permissions.names import full_name
from permissions.roles import Role

from ..routing import TITLES

ACTION_LABELS = {
    **TITLES,
    "create": _("Tạo hồ sơ"),
    "edit": _("Sửa hồ sơ"),
    "upload_document": _("Tải tài liệu lên"),
    "claim": _("Nhận công việc"),
    "release": _("Trả công việc về đơn vị"),
    "reassign": _("Giao lại công việc"),
    "grant_role": _("Giao vai trò"),
    "revoke_role": _("Thu hồi vai trò"),
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
    "forwarded": _("Trình tỉnh"),
    "awarded": _("Được khen thưởng"),
    "not_awarded": _("Không được khen thưởng"),
    "assigned_to": _("Người xử lý"),
}


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


def _describe(value) -> str:
    if isinstance(value, bool):
        return str(_("có") if value else _("không"))
    if isinstance(value, list):
        return "; ".join(_describe(v) for v in value) or "—"
    if isinstance(value, dict):
        if "nominee_name" in value:
            return f"{value['nominee_name']} ({value.get('award_form', '')})"
        return ", ".join(f"{label(KEY_LABELS, k)}: {_describe(v)}" for k, v in value.items()) or "—"
    return "—" if value in (None, "") else str(value)


def changes_lines(changes: dict) -> list[str]:
    lines = []
    for key, value in (changes or {}).items():
        name = label(FIELD_LABELS, key.split(":")[0]) + (f" #{key.split(':')[1]}" if ":" in key else "")
        if isinstance(value, list) and len(value) == 2:
            before, after = value
            lines.append(f"{name}: {_describe(before)} → {_describe(after)}")
        elif key != "task":
            lines.append(f"{name}: {_describe(value)}")
    return lines


def history_rows(events):
    rows = []
    for event in events:
        lines = changes_lines(event.changes)
        rows.append(
            {
                "event": event,
                "dossier_code": event.dossier.code if event.dossier_id else "",
                "actor": full_name(event.actor) if event.actor else _("Hệ thống"),
                "role": label(dict(Role.choices), event.role),
                "action": label(ACTION_LABELS, event.action),
                "from": status_label(event.from_status),
                "to": status_label(event.to_status),
                "changes": lines,
                "changes_text": " | ".join(lines),
            }
        )
    return rows
