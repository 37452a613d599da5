"""Granting and revoking roles: every change of who may act is recorded in the history."""

from django.db import transaction

from permissions.grants import sync_agency_grants
from permissions.models import Membership

from .recording import audit_record


@transaction.atomic
def membership_grant(*, by, user, role: str, unit) -> Membership:
    existing = Membership.objects.filter(user=user, role=role, unit=unit).first()
    if existing:
        return existing
    membership = Membership(user=user, role=role, unit=unit)
    membership.full_clean()  # the unit's level must fit the role
    membership.save()
    granted, _ = sync_agency_grants(user)
    audit_record(
        dossier=None,
        actor=by,
        membership=None,
        action="grant_role",
        changes={
            "user": user.username,
            "role": [None, role],
            "unit": [None, unit.code],
            "agencies": sorted(granted),
        },
    )
    return membership


@transaction.atomic
def membership_revoke(*, by, membership: Membership) -> None:
    user, role, unit_code = membership.user, membership.role, membership.unit.code
    membership.delete()
    _, revoked = sync_agency_grants(user)
    audit_record(
        dossier=None,
        actor=by,
        membership=None,
        action="revoke_role",
        changes={
            "user": user.username,
            "role": [role, None],
            "unit": [unit_code, None],
            "agencies": sorted(revoked),
        },
    )
