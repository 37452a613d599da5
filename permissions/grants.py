"""Guardian object permissions on agencies, derived from a user's memberships.

Tasks of the workflow are restricted to the agency that owns their stage, so a user holds one object
permission per agency they work in: a handful of ids, however many dossiers exist.
"""

from django.contrib.auth.models import Group
from guardian.shortcuts import assign_perm, get_objects_for_user, remove_perm

from .models import Agency, Membership
from .roles import AGENCY_WORK_PERMISSION, ROLE_AGENCIES

# Every official belongs to this group; it carries the global permissions the workflow pages need
# (given to it by a migration of the workflows app).
OFFICIALS_GROUP = "Cán bộ"


def agencies_for(memberships) -> set[int]:
    """Ids of the agencies the memberships work in."""
    ids = set()
    for membership in memberships:
        kinds = ROLE_AGENCIES.get(membership.role, [])
        ids |= set(
            Agency.objects.filter(unit_id=membership.unit_id, kind__in=kinds).values_list("pk", flat=True)
        )
    return ids


def sync_agency_grants(user) -> tuple[set[int], set[int]]:
    """Make the user's agency permissions match their memberships; return (granted, revoked) ids."""
    wanted = agencies_for(Membership.objects.filter(user=user))
    held = set(
        get_objects_for_user(user, AGENCY_WORK_PERMISSION, klass=Agency, with_superuser=False).values_list(
            "pk", flat=True
        )
    )
    for agency in Agency.objects.filter(pk__in=wanted - held):
        assign_perm(AGENCY_WORK_PERMISSION, user, agency)
    for agency in Agency.objects.filter(pk__in=held - wanted):
        remove_perm(AGENCY_WORK_PERMISSION, user, agency)
    group, _ = Group.objects.get_or_create(name=OFFICIALS_GROUP)
    if wanted or Membership.objects.filter(user=user).exists():
        user.groups.add(group)
    else:
        user.groups.remove(group)
    return wanted - held, held - wanted


def user_agency_ids(user) -> list[int]:
    """Agencies whose queue the user works in (read from the grants, as the workflow reads them)."""
    return list(
        get_objects_for_user(user, AGENCY_WORK_PERMISSION, klass=Agency, with_superuser=False).values_list(
            "pk", flat=True
        )
    )
