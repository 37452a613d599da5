from permissions.models import Delegation, Membership
from permissions.names import full_name

from ..models import AuditEvent, Dossier

# The key of an event's ``changes`` that says for whom its actor acted, under which delegation: copied into
# the event (and so into its hash), it reads the same after the delegation has ended or been revoked.
ACTING_FOR = "acting_for"


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
    """Append one event to the history. Call it inside the transaction of the change it records. An actor
    acting in a role lent to them (``membership.delegation``) is recorded as acting for its holder."""
    changes = dict(changes or {})
    if membership is not None and membership.delegation is not None:
        changes[ACTING_FOR] = acting_for(membership.delegation)
    return AuditEvent.objects.create(
        dossier=dossier,
        actor=actor,
        role=membership.role if membership else "",
        unit=membership.unit if membership else None,
        action=action,
        from_status=from_status,
        to_status=to_status,
        comment=comment,
        changes=changes,
    )


def acting_for(delegation: Delegation) -> dict:
    return {
        "delegation": delegation.pk,
        "user": delegation.delegator.username,
        "name": full_name(delegation.delegator),
        "from": delegation.starts_on.isoformat(),
        "to": delegation.ends_on.isoformat(),
    }


def field_changes(before: dict, after: dict) -> dict:
    """{field: [before, after]} for the fields whose value changed."""
    return {key: [before.get(key), value] for key, value in after.items() if before.get(key) != value}
