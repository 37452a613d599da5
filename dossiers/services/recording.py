from permissions.models import Membership

from ..models import AuditEvent, Dossier


def audit_record(
    *,
    dossier: Dossier | None,
    actor,
    membership: Membership | None,
    action: str,
    from_status: str = "",
    to_status: str = "",
    comment: str = "",
    changes: dict | None = None,
) -> AuditEvent:
    """Append one event to the history. Call it inside the transaction of the change it records."""
    return AuditEvent.objects.create(
        dossier=dossier,
        actor=actor,
        role=membership.role if membership else "",
        unit=membership.unit if membership else None,
        action=action,
        from_status=from_status,
        to_status=to_status,
        comment=comment,
        changes=changes or {},
    )


def field_changes(before: dict, after: dict) -> dict:
    """{field: [before, after]} for the fields whose value changed."""
    return {key: [before.get(key), value] for key, value in after.items() if before.get(key) != value}
