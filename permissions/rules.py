"""The one place that answers "may this user do this to that dossier?".

Rules read the fields a dossier carries (its village, commune, district, province, status, the level it has
reached and the level that decides it) and need no import of ``dossiers``. Every page, API endpoint,
service and command asks here; none writes its own role check.
"""

from __future__ import annotations

import copy

from django.db.models import Q
from django.utils import timezone

from .models import Agency, Delegation, Membership
from .roles import DECIDER, LEVEL_FIELD, LEVEL_ORDER, ROLE_AGENCIES, Level, Role

# Who sees a dossier: a role sees the dossiers of its unit once they have reached this level.
ROLE_SEES_FROM = {
    Role.VILLAGE_HEAD: Level.VILLAGE,
    Role.COMMUNE_OFFICER: Level.COMMUNE,
    Role.COMMUNE_CHAIR: Level.COMMUNE,
    Role.COMMUNE_VICE_CHAIR: Level.COMMUNE,
    Role.LABOUR_OFFICER: Level.DISTRICT,
    Role.APPRAISER: Level.DISTRICT,
    Role.DISTRICT_CHAIR: Level.DISTRICT,
    Role.DISTRICT_VICE_CHAIR: Level.DISTRICT,
    Role.INSPECTOR: Level.VILLAGE,
    Role.PROVINCE_OFFICER: Level.PROVINCE,
    Role.PROVINCE_CHAIR: Level.PROVINCE,
    Role.PROVINCE_VICE_CHAIR: Level.PROVINCE,
    Role.ECONOMIC_OFFICER: Level.COMMUNE,
}

DECIDERS = {
    Level.COMMUNE: [Role.COMMUNE_CHAIR, Role.COMMUNE_VICE_CHAIR],
    Level.DISTRICT: [Role.DISTRICT_CHAIR, Role.DISTRICT_VICE_CHAIR],
    Level.PROVINCE: [Role.PROVINCE_CHAIR, Role.PROVINCE_VICE_CHAIR],
}
# The capacity in which each deciding role signs (Decree 30/2020: the chair signs, a vice-chair "KT.").
SIGNING_CAPACITY = {
    Role.COMMUNE_CHAIR: "chair",
    Role.DISTRICT_CHAIR: "chair",
    Role.PROVINCE_CHAIR: "chair",
    Role.COMMUNE_VICE_CHAIR: "vice_chair",
    Role.DISTRICT_VICE_CHAIR: "vice_chair",
    Role.PROVINCE_VICE_CHAIR: "vice_chair",
}
# Who opens dossiers (for their own village).
CREATING_ROLES = {Role.VILLAGE_HEAD}


def memberships_of(user) -> list[Membership]:
    """The roles the user holds today: their own memberships and those lent to them by a delegation in force,
    loaded once per user object (a request keeps its user)."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_memberships_cache", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("unit")) + _lent_to(user)
        user._memberships_cache = cached
    return cached


def _lent_to(user) -> list[Membership]:
    """The delegators' memberships the user holds today, each a copy marked with its ``delegation`` (which
    the history records: "X, acting for Y"); the delegator's own row stays unmarked."""
    lent = []
    delegations = Delegation.objects.in_force(timezone.localdate()).filter(delegate=user)
    for delegation in delegations.select_related("membership__unit", "delegator"):
        membership = copy.copy(delegation.membership)
        membership.delegation = delegation
        lent.append(membership)
    return lent


def own_memberships(user, acting: Membership | None = None) -> list[Membership]:
    """The memberships the user holds in their own right (in the acting role, if one is given): a role lent
    to them is no ground to lend it again, nor to revoke others' delegations."""
    return [m for m in _candidates(user, acting) if m.delegation is None]


def _reached(dossier, level: Level) -> bool:
    return LEVEL_ORDER.index(dossier.reached_level) >= LEVEL_ORDER.index(level)


def _in_line(membership: Membership, dossier) -> bool:
    """The membership's unit is the dossier's unit of that level."""
    field = LEVEL_FIELD[membership.unit.level]
    return getattr(dossier, field) == membership.unit_id


def _membership_sees(membership: Membership, dossier) -> bool:
    return _in_line(membership, dossier) and _reached(dossier, ROLE_SEES_FROM[membership.role])


def visible_filter(user, acting: Membership | None = None) -> Q:
    """A filter on dossiers that keeps exactly those the user may see (in the acting role, if one is given)."""
    if user.is_superuser and acting is None:
        return Q()
    condition = Q(pk__in=[])
    for membership in _candidates(user, acting):
        from_index = LEVEL_ORDER.index(ROLE_SEES_FROM[membership.role])
        # A role that sees from the village sees every level reached: no condition on it.
        reached = {"reached_level__in": LEVEL_ORDER[from_index:]} if from_index else {}
        condition |= Q(**{LEVEL_FIELD[membership.unit.level]: membership.unit_id}, **reached)
    return condition


def communes_visible(user, acting: Membership | None = None) -> Q:
    """A filter on units that keeps the communes whose dossiers the user may see (the list filters' choices)."""
    if user.is_superuser and acting is None:
        return Q(level=Level.COMMUNE)
    condition = Q(pk__in=[])
    for membership in _candidates(user, acting):
        unit = membership.unit
        condition |= {
            Level.VILLAGE: Q(pk=unit.parent_id),
            Level.COMMUNE: Q(pk=unit.pk),
            Level.DISTRICT: Q(parent_id=unit.pk),
            # A province's communes: under its districts (three tiers) or directly under it (two tiers).
            Level.PROVINCE: Q(parent__parent_id=unit.pk) | Q(parent_id=unit.pk),
        }[unit.level]
    return condition & Q(level=Level.COMMUNE)


def can_view(user, dossier, acting: Membership | None = None) -> bool:
    if user.is_superuser and acting is None:
        return True
    return any(_membership_sees(m, dossier) for m in _candidates(user, acting))


def handles_dossier(user, dossier, acting: Membership | None = None, *, officials_only: bool = False) -> bool:
    """Whether the user works on the dossier (not only reads it, as an inspector or an administrator does):
    they alone see its nominees' citizen IDs. ``officials_only`` leaves out the village head who made it
    (the duplicate flags name other communes' dossiers, which are the officials' business)."""
    readers_only = {Role.INSPECTOR} | ({Role.VILLAGE_HEAD} if officials_only else set())
    return any(m.role not in readers_only and _membership_sees(m, dossier) for m in _candidates(user, acting))


def _candidates(user, acting: Membership | None) -> list[Membership]:
    """The memberships a request may act in: the chosen one, or any the user holds."""
    if acting is not None:
        return [m for m in memberships_of(user) if m.pk == acting.pk]
    return memberships_of(user)


def _resolved(dossier, roles) -> list[str]:
    return DECIDERS.get(dossier.decision_level, []) if roles == DECIDER else list(roles)


def transition_membership(user, dossier, roles, acting: Membership | None = None):
    """The membership in which the user may fire a transition declared for ``roles`` (a list of roles, or
    DECIDER) on the dossier, or None. The route declarations (workflows.routes) says which roles fire each
    transition; this answers whether this user holds one of them for this dossier.

    This answers "who", whatever the dossier's state: whether the state allows it is the state machine's
    question (a chair deciding twice gets 409, not 403).
    """
    roles = _resolved(dossier, roles)
    for membership in _candidates(user, acting):
        if membership.role in roles and _membership_sees(membership, dossier):
            return membership
    return None


# Which roles may edit a dossier, or add which documents to it, depends on its state: the caller passes the
# roles its state allows (``dossiers.states.editors`` and ``uploaders``, read from the locked row), as the
# route passes the roles of a transition. The statuses are the dossier app's data, and this module may not
# import it; here it is answered only whether this user holds one of those roles for this dossier.


def edit_membership(user, dossier, roles, acting: Membership | None = None):
    """The membership in which the user may edit the dossier's content, given the ``roles`` its state lets
    edit it, or None."""
    return _holding(user, dossier, roles, acting)


def upload_membership(user, dossier, roles, acting: Membership | None = None):
    """The membership in which the user may attach a document, given the ``roles`` the dossier's state lets
    add that kind of document, or None."""
    return _holding(user, dossier, roles, acting)


def _holding(user, dossier, roles, acting: Membership | None):
    for membership in _candidates(user, acting):
        if membership.role in roles and _membership_sees(membership, dossier):
            return membership
    return None


def create_membership(user, village, acting: Membership | None = None):
    """The membership in which the user may open a dossier for ``village``, or None."""
    for membership in _candidates(user, acting):
        if membership.role in CREATING_ROLES and membership.unit_id == village.pk:
            return membership
    return None


def proposing_villages(user, acting: Membership | None = None) -> list | None:
    """The villages a user who only proposes (a village head, in the acting role or all they hold) opens
    dossiers for; None for anyone with other work, who reads every round."""
    memberships = _candidates(user, acting)
    if not memberships or any(m.role not in CREATING_ROLES for m in memberships):
        return None
    return [m.unit for m in memberships]


def may_create_dossiers(acting: Membership | None) -> bool:
    """Whether the acting role opens dossiers (for its own village: ``acting.unit``)."""
    return acting is not None and acting.role in CREATING_ROLES


# Chairs oversee every queue of their unit and may hand a task to another official of it.
OVERSEEING_ROLES = {Role.COMMUNE_CHAIR, Role.DISTRICT_CHAIR, Role.PROVINCE_CHAIR}


def agencies_worked(user, acting: Membership | None = None):
    """The agencies whose queue the user works in (in the acting role, if one is given)."""
    condition = Q(pk__in=[])
    for membership in _candidates(user, acting):
        condition |= Q(unit_id=membership.unit_id, kind__in=ROLE_AGENCIES[membership.role])
    return Agency.objects.filter(condition)


def works_in_queues(user, acting: Membership | None = None) -> bool:
    """Whether the user has tasks to work in (in the acting role, if one is given): an inspector or an
    administrator without a role has none, and lands on the pages they read instead of an empty inbox."""
    return any(ROLE_AGENCIES[membership.role] for membership in _candidates(user, acting))


def agencies_overseen(user, acting: Membership | None = None):
    """Agencies whose queues the user may see and reassign: every agency of a unit they chair."""
    units = [m.unit_id for m in _candidates(user, acting) if m.role in OVERSEEING_ROLES]
    return Agency.objects.filter(unit_id__in=units)


def agency_membership(user, agency, acting: Membership | None = None):
    """The membership in which the user works in ``agency`` (may claim its tasks), or None."""
    for membership in _candidates(user, acting):
        if membership.unit_id == agency.unit_id and agency.kind in ROLE_AGENCIES[membership.role]:
            return membership
    return None


def reassign_membership(user, agency, acting: Membership | None = None):
    """The chair membership in which the user may hand a task of ``agency`` to a colleague, or None."""
    for membership in _candidates(user, acting):
        if membership.role in OVERSEEING_ROLES and membership.unit_id == agency.unit_id:
            return membership
    return None


def agency_officials(agency) -> list[Membership]:
    """Memberships of the officials who work in ``agency`` (the people a task of it may go to, and who are told
    of one): those who hold a role of it, and the colleagues such a role is lent to today (a copy of the
    role's membership naming the delegate as its ``user``)."""
    roles = [role for role, kinds in ROLE_AGENCIES.items() if agency.kind in kinds]
    held = list(
        Membership.objects.filter(
            unit_id=agency.unit_id, role__in=roles, user__is_active=True
        ).select_related("user")
    )
    by_pk, present = {m.pk: m for m in held}, {m.user_id for m in held}
    lent = Delegation.objects.in_force(timezone.localdate()).filter(
        membership_id__in=list(by_pk), delegate__is_active=True
    )
    for delegation in lent.select_related("delegate", "delegator"):
        if delegation.delegate_id not in present:
            stand_in = copy.copy(by_pk[delegation.membership_id])
            stand_in.user, stand_in.delegation = delegation.delegate, delegation
            held.append(stand_in)
            present.add(delegation.delegate_id)
    return held


def deciding_unit_id(dossier) -> int | None:
    """The unit whose chair decides the dossier (its commune, district or province), once its decision level
    is set."""
    field = LEVEL_FIELD.get(dossier.decision_level)
    return getattr(dossier, field) if field else None


def may_issue_decisions(acting: Membership | None) -> bool:
    """Whether the acting role decides (and so may issue one decision for many dossiers)."""
    return acting is not None and acting.role in SIGNING_CAPACITY


def decision_signers(unit_id: int):
    """Memberships of the people who may sign a decision of ``unit_id``: its chair and vice-chairs."""
    return (
        Membership.objects.filter(unit_id=unit_id, role__in=list(SIGNING_CAPACITY), user__is_active=True)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name", "pk")
    )


def signer_membership(unit_id: int, user_id) -> Membership | None:
    """The membership in which ``user_id`` signs decisions of ``unit_id``, or None if they may not sign."""
    return decision_signers(unit_id).filter(user_id=user_id).first()


# Who may read every event of the history across dossiers (the audit pages).
AUDIT_READERS = {Role.INSPECTOR}


def audit_filter(user, acting: Membership | None = None) -> Q | None:
    """A filter on audit events the user may read on the audit pages; None if they may not open them."""
    if user.is_superuser and acting is None:
        return Q()
    readers = [m for m in _candidates(user, acting) if m.role in AUDIT_READERS]
    if not readers:
        return None
    condition = Q(pk__in=[])
    for membership in readers:
        condition |= Q(dossier__district_id=membership.unit_id)
    return condition


def audit_units(user, acting: Membership | None = None) -> Q:
    """A filter on units offered by the audit pages' unit filter: the units above the villages whose events
    the user reads (an inspector's district and its communes; for an administrator every province, district
    and commune). Villages are left out: a country holds a hundred thousand of them."""
    above_villages = Q(level__in=[Level.PROVINCE, Level.DISTRICT, Level.COMMUNE])
    if user.is_superuser and acting is None:
        return above_villages
    condition = Q(pk__in=[])
    for membership in _candidates(user, acting):
        if membership.role in AUDIT_READERS:
            condition |= Q(pk=membership.unit_id) | Q(parent_id=membership.unit_id)
    return condition & above_villages


def may_read_audit(user, acting: Membership | None = None) -> bool:
    """Whether the audit pages open for the user (in the acting role, if one is given)."""
    return audit_filter(user, acting) is not None


def menu(user, acting: Membership | None) -> dict[str, bool]:
    """What the pages' menu offers, for the role a page acts in. With no role chosen (a user of several
    roles on the page that chooses one) it offers nothing role-specific; an administrator without a role
    reads the audit pages."""
    chosen = acting is not None or user.is_superuser
    return {
        "inbox": works_in_queues(user, acting),
        "create": may_create_dossiers(acting),
        "audit": chosen and may_read_audit(user, acting),
        "delegations": bool(memberships_of(user)) or user.is_superuser,
    }


def may_use_workflow_engine(user) -> bool:
    """Whether the user may open viewflow's own frontend (/workflow/): administrators only. Officials work in
    the site's pages, which explain every step in Vietnamese and show the flow chart on the dossier page."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


# Delegation while away: a role is lent to a colleague of the same agency. A deciding role (chair or
# vice-chair) only to another who signs for the same committee: a decision is signed by its chair or a
# vice-chair (Decree 30/2020), whoever acts.


def delegate_roles(role: str) -> list[str]:
    """The roles a colleague (of the same unit) must hold to be lent ``role``."""
    if role in SIGNING_CAPACITY:
        return list(SIGNING_CAPACITY)
    kinds = set(ROLE_AGENCIES[role])
    return [other for other, worked in ROLE_AGENCIES.items() if other == role or kinds & set(worked)]


# A chair does all that a vice-chair of the same committee does: lending a vice-chair's role to the chair adds
# nothing, so the chair is not offered it.
ROLE_COVERS = {
    Role.COMMUNE_CHAIR: {Role.COMMUNE_VICE_CHAIR},
    Role.DISTRICT_CHAIR: {Role.DISTRICT_VICE_CHAIR},
    Role.PROVINCE_CHAIR: {Role.PROVINCE_VICE_CHAIR},
}


def delegation_colleagues(membership: Membership) -> list[Membership]:
    """Memberships of the colleagues ``membership`` may be lent to: of its unit, active, holding a role that
    may take it, and not already holding it (or, for a chair, the vice-chair's role it covers)."""
    candidates = list(
        Membership.objects.filter(
            unit_id=membership.unit_id, role__in=delegate_roles(membership.role), user__is_active=True
        )
        .exclude(user_id=membership.user_id)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user_id")
    )
    covering = {membership.role} | {
        role for role, covered in ROLE_COVERS.items() if membership.role in covered
    }
    holders = {c.user_id for c in candidates if c.role in covering}
    return [c for c in candidates if c.user_id not in holders]


def _chairs(user, unit_id, acting) -> bool:
    return any(m.role in OVERSEEING_ROLES and m.unit_id == unit_id for m in own_memberships(user, acting))


def may_delegate(user, membership: Membership, acting: Membership | None = None) -> bool:
    """Whether the user may lend ``membership``: its holder (in their own right), the chair of its unit, or
    an administrator. A delegate never lends on what was lent to them."""
    if membership.delegation is not None:
        return False
    if user.is_superuser and acting is None:
        return True
    holder = any(m.pk == membership.pk for m in own_memberships(user, acting))
    return holder or _chairs(user, membership.unit_id, acting)


def may_revoke_delegation(user, delegation, acting: Membership | None = None) -> bool:
    """Whether the user may end a delegation early: whoever lent it, the chair of its unit, an administrator."""
    if user.is_superuser and acting is None:
        return True
    if delegation.delegator_id == user.pk and own_memberships(user, acting):
        return True
    return _chairs(user, delegation.unit_id, acting)


def delegations_filter(user, acting: Membership | None = None) -> Q:
    """A filter on delegations the user may read: those they gave or received, and those of a unit they
    chair (an administrator without a role reads all)."""
    if user.is_superuser and acting is None:
        return Q()
    chaired = [m.unit_id for m in own_memberships(user, acting) if m.role in OVERSEEING_ROLES]
    return Q(delegator=user) | Q(delegate=user) | Q(unit_id__in=chaired)


def lent_agencies(delegation):
    """The agencies whose queues a delegation's role works in (its unit's)."""
    return Agency.objects.filter(unit_id=delegation.unit_id, kind__in=ROLE_AGENCIES[delegation.role])


def lendable_memberships(user, acting: Membership | None = None) -> list[Membership]:
    """The memberships the user may lend on the delegation page: their own, and every membership of a unit
    they chair."""
    own = own_memberships(user, acting)
    chaired = [m.unit_id for m in own if m.role in OVERSEEING_ROLES]
    others = Membership.objects.filter(unit_id__in=chaired).exclude(user=user).select_related("unit", "user")
    return own + list(others.order_by("role", "user__last_name", "pk"))


# The public notice of a commune's nominees (publicity/): the commune's emulation officer opens and ends it;
# the comments it brings in are read by the officials who handle the dossier, never by the village head who
# proposed the nominee (a comment may be about them) nor by a reader only (inspector, administrator).
PUBLIC_NOTICE_ROLES = {Role.COMMUNE_OFFICER}


def public_notice_membership(user, commune, acting: Membership | None = None) -> Membership | None:
    """The membership in which the user opens or ends the public notice of ``commune``, or None."""
    for membership in _candidates(user, acting):
        if membership.role in PUBLIC_NOTICE_ROLES and membership.unit_id == commune.pk:
            return membership
    return None


def may_open_public_notice(user, commune, acting: Membership | None = None) -> bool:
    return public_notice_membership(user, commune, acting) is not None


def may_read_public_comments(user, dossier, acting: Membership | None = None) -> bool:
    return handles_dossier(user, dossier, acting, officials_only=True)


# Who prints a dossier's receipt, and so sees its look-up key: the village's head (who hands it to the
# nominees; any head of the village, so that a successor can reprint it) and the commune officials who receive
# the dossier. Not an inspector or a higher level: the key is for the nominees, not for reading the dossier.
RECEIPT_ROLES = (Role.VILLAGE_HEAD, Role.COMMUNE_OFFICER, Role.COMMUNE_CHAIR, Role.COMMUNE_VICE_CHAIR)


def may_print_receipt(user, dossier, acting: Membership | None = None) -> bool:
    return _holding(user, dossier, RECEIPT_ROLES, acting) is not None
