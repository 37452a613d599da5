"""Applying a reorganisation of administrative units: first a dry run that says what will move, then the
same plan applied all or nothing.

Units: a dissolved unit gets its end date and successor; the units under it hang from the successor (a
commune of an abolished district hangs from the province). Officials: the officers of a dissolved unit move
to its successor in the same role, its chairs and every district role end (the successor's leaders are
appointed, not inherited). Open dossiers: their unit line follows the successors; one of the three-tier ladder
whose district is abolished continues on the two-tier route at the matching stage
(workflows.routes.LADDER_TO_TWO_TIER), its workflow task handed to the successor's office. Finished dossiers,
issued decisions and every event of the history stay as they were: the reorganisation is itself recorded, in
each moved dossier's history and once for the whole.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers.errors import StateConflict
from dossiers.models import Dossier, Nomination
from dossiers.services.access import membership_grant, membership_revoke
from dossiers.services.recording import audit_record
from dossiers.states import FINAL_STATES, NomineeKind, RouteName
from dossiers.text import fold
from permissions.models import Membership, Unit
from permissions.roles import Level, Role

from .. import queues
from ..flows import FLOWS
from ..models import DossierProcess, Reorganisation
from ..routes import LADDER_TO_TWO_TIER, ROUTES, owning_agency
from ..stage_settings import stage_setting

# Officers keep their work in the successor unit; chairs, vice-chairs and the district's roles end.
MOVING_ROLES = {Role.COMMUNE_OFFICER, Role.ECONOMIC_OFFICER, Role.PROVINCE_OFFICER, Role.VILLAGE_HEAD}
LINE = (Level.COMMUNE, Level.DISTRICT, Level.PROVINCE)


@dataclass
class DossierMove:
    dossier: Dossier
    units_after: dict  # level → Unit or None
    route_after: str
    stage_after: str
    status_after: str
    decision_level_after: str
    reached_after: str

    @property
    def switches_route(self) -> bool:
        return self.route_after != self.dossier.route


@dataclass
class Plan:
    reorganisation: Reorganisation
    dissolved: list = field(default_factory=list)  # (unit, successor or None)
    reparented: list = field(default_factory=list)  # (unit, old parent, new parent)
    dossiers: list = field(default_factory=list)  # DossierMove
    memberships: list = field(default_factory=list)  # (membership, successor unit or None: ends)
    flagged: list = field(default_factory=list)  # (nomination, dissolved unit it names)


class Successions:
    """Which unit each dissolved unit passed to (None: an abolished district)."""

    def __init__(self, reorganisation):
        rows = reorganisation.successions.select_related("unit", "successor")
        self.units = {row.unit_id: row.unit for row in rows}
        self._next = {row.unit_id: row.successor for row in rows}

    def of(self, unit):
        """The unit that carries ``unit`` on (itself if it is not dissolved; None if abolished)."""
        seen = set()
        while unit is not None and unit.pk in self._next and unit.pk not in seen:
            seen.add(unit.pk)
            unit = self._next[unit.pk]
        return unit

    def parent_of(self, unit):
        """The new parent of a unit that stays: its parent's successor, or past an abolished district."""
        parent = unit.parent
        while parent is not None and parent.pk in self._next:
            parent = self.of(parent) or self.of(parent.parent)
        return parent


def plan(reorganisation: Reorganisation) -> Plan:
    """What applying ``reorganisation`` will do, changing nothing (the dry run)."""
    result, succession = Plan(reorganisation), Successions(reorganisation)
    result.dissolved = [(unit, succession.of(unit)) for unit in succession.units.values()]
    children = Unit.objects.filter(parent_id__in=list(succession.units)).exclude(
        pk__in=list(succession.units)
    )
    for unit in children.select_related("parent"):
        result.reparented.append((unit, unit.parent, succession.parent_of(unit)))
    result.dossiers = [_move(dossier, succession) for dossier in _open_dossiers(succession.units)]
    memberships = Membership.objects.filter(unit_id__in=list(succession.units)).select_related("user", "unit")
    for membership in memberships.order_by("unit__code", "role", "pk"):
        moves = membership.role in MOVING_ROLES and succession.of(membership.unit) is not None
        result.memberships.append((membership, succession.of(membership.unit) if moves else None))
    result.flagged = _dissolved_nominees(succession.units.values())
    return result


def _open_dossiers(unit_ids):
    ids = list(unit_ids)
    in_line = Q(commune_id__in=ids) | Q(district_id__in=ids) | Q(province_id__in=ids)
    return (
        Dossier.objects.exclude(status__in=FINAL_STATES)
        .filter(in_line)
        .select_related("commune", "district", "province")
        .order_by("pk")
    )


def _move(dossier, succession) -> DossierMove:
    units = {level: getattr(dossier, level) for level in LINE}
    after = {level: succession.of(unit) for level, unit in units.items()}
    route, stage, status = dossier.route, dossier.stage, dossier.status
    deciding, reached = dossier.decision_level, dossier.reached_level
    if route == RouteName.THREE_TIER and after[Level.DISTRICT] is None:
        route, stage = RouteName.TWO_TIER, LADDER_TO_TWO_TIER[stage]
        states = ROUTES[route].stages_by_name[stage].states
        status = status if status in states else states[0]
        deciding = Level.COMMUNE if deciding in ("", Level.DISTRICT) else deciding  # the commune decides now
        reached = Level.COMMUNE if reached == Level.DISTRICT else reached
    return DossierMove(dossier, after, route, stage, status, deciding, reached)


def _dissolved_nominees(units) -> list:
    """Collective nominees of open dossiers named after a dissolved unit (Circular 15/2025/TT-BNV: an
    organisation dissolved in the reorganisation is not commended)."""
    names = [(fold(unit.name), unit) for unit in units]
    found = []
    collectives = Nomination.objects.filter(nominee_kind=NomineeKind.COLLECTIVE).exclude(
        dossier__status__in=FINAL_STATES
    )
    for nomination in collectives.select_related("dossier"):
        name = fold(nomination.nominee_name)
        found += [(nomination, unit) for folded, unit in names if folded and folded in name]
    return found


@transaction.atomic
def reorganisation_apply(*, reorganisation_id: int, by) -> Plan:
    """Apply the reorganisation as its dry run says, all or nothing; a second application is refused."""
    reorganisation = Reorganisation.objects.select_for_update().get(pk=reorganisation_id)
    if reorganisation.applied_at is not None:
        raise StateConflict(
            _("Đợt sắp xếp này đã được áp dụng lúc %(at)s.")
            % {"at": timezone.localtime(reorganisation.applied_at).strftime("%H:%M %d/%m/%Y")}
        )
    list(
        Dossier.objects.filter(
            pk__in=[m.dossier.pk for m in plan(reorganisation).dossiers]
        ).select_for_update()
    )
    result = plan(reorganisation)  # read again under the locks: nothing moved in between
    _apply_units(result, reorganisation)
    _apply_memberships(result, by)
    for move in result.dossiers:
        _apply_dossier(move, reorganisation, by)
    reorganisation.applied_at, reorganisation.applied_by = timezone.now(), by
    reorganisation.save(update_fields=["applied_at", "applied_by"])
    audit_record(
        dossier=None,
        actor=by,
        membership=None,
        action="apply_reorganisation",
        comment=f"{reorganisation.name} — {reorganisation.basis}",
        changes={
            "effective_on": reorganisation.effective_on.strftime("%d/%m/%Y"),
            "dissolved": [[u.code, s.code if s else None] for u, s in result.dissolved],
            "dossiers": [m.dossier.pk for m in result.dossiers],
        },
    )
    return result


def _apply_units(result: Plan, reorganisation) -> None:
    for unit, successor in result.dissolved:
        unit.dissolved_on, unit.successor = reorganisation.effective_on, successor
        unit.save(update_fields=["dissolved_on", "successor"])
        if successor is not None:
            successor.ensure_agencies()
    for unit, _old, parent in result.reparented:
        unit.parent = parent
        unit.save(update_fields=["parent"])
        unit.ensure_agencies()


def _apply_memberships(result: Plan, by) -> None:
    for membership, successor in result.memberships:
        if successor is not None:
            membership_grant(by=by, user=membership.user, role=membership.role, unit=successor)
        membership_revoke(by=by, membership=membership)


def _apply_dossier(move: DossierMove, reorganisation, by) -> None:
    dossier = move.dossier
    before = {level: getattr(dossier, level) for level in LINE}
    route_before, stage_before, status_before = dossier.route, dossier.stage, dossier.status
    names = [u.name for u in before.values() if u] + [u.name for u in move.units_after.values() if u]
    Dossier.objects.filter(pk=dossier.pk).update(
        commune=move.units_after[Level.COMMUNE],
        district=move.units_after[Level.DISTRICT],
        province=move.units_after[Level.PROVINCE],
        route=move.route_after,
        stage=move.stage_after,
        status=move.status_after,
        decision_level=move.decision_level_after,
        reached_level=move.reached_after,
    )
    dossier = Dossier.objects.get(pk=dossier.pk)
    dossier.reorganised_units = " ".join(dict.fromkeys([dossier.reorganised_units, *names])).strip()
    dossier.refresh_search_text()
    dossier.save(update_fields=["reorganised_units", "search_text"])
    _hand_over_task(dossier)
    changes = {
        level: [before[level].name if before[level] else None, unit.name if unit else None]
        for level, unit in move.units_after.items()
        if before[level] != unit
    }
    if move.switches_route:
        changes["route"] = [route_before, move.route_after]
        changes["stage"] = [stage_before, move.stage_after]
    audit_record(
        dossier=dossier,
        actor=by,
        membership=None,
        action="reorganise",
        from_status=status_before,
        to_status=dossier.status,
        comment=f"{reorganisation.name} — {reorganisation.basis}",
        changes=changes,
    )


def _hand_over_task(dossier) -> None:
    """The dossier's open task moves to its route's node of the stage it is now at, in the queue of the
    office that works that stage in its successor unit; nobody holds it yet."""
    process = DossierProcess.objects.get(dossier=dossier)
    flow_class = FLOWS[dossier.route]
    if process.flow_class is not flow_class:
        process.flow_class = flow_class
        process.save(update_fields=["flow_class"])
    stage = ROUTES[dossier.route].stages_by_name[dossier.stage]
    agency = owning_agency(dossier, stage, stage_setting(dossier, stage).agency)
    for task in queues.process_open_tasks(process):
        task.flow_task = getattr(flow_class, stage.name)
        queues.move_to_queue(task, agency.pk)
        task.created = timezone.now()  # its time limit counts from the hand-over
        task.save()
