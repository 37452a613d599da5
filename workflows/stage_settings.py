"""How a province runs each stage of a route: the owning office, the time limit and whether the stage is on.

Decree 152/2025 Art. 6(2)(c) leaves the commune-level procedure to each province, so these are data: the
route declares the defaults (workflows.routes) and a province's administrator changes them in the admin,
from a date, as new rows of ``StageSetting`` (a row is never changed: the rows are the history).

Which row is in force for a province, a route's stage and a day:

- the rows of that route and stage, of that province or of every province (no province), dated on or before
  the day;
- of those, the one with the latest ``valid_from``: a later all-province row replaces a province's own
  earlier one (a rule for everyone, made after it), while on the same date the province's own row wins;
- of two rows of the same scope and date, the one recorded last (a correction made the same day);
- no row: the route's defaults. A row's blank office or time limit also means the route's default.

A task keeps the rule in force on the day it was created (its due date never moves under it); a dossier
entering a stage today gets today's rule (its office, and whether the stage is on).

Queries stay bounded: ``StageRules.load`` reads the rows once (all of them, or those of some provinces) and
answers every (province, route, stage, day) from memory; a page or a job loads it once.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from .models import StageSetting
from .routes import ROUTES, Stage


@dataclass(frozen=True)
class StageRule:
    agency: str  # the kind of agency that works the stage
    time_limit: int | None  # working days before its task is overdue; None: no limit
    enabled: bool  # off: the dossier goes on to the next stage


def default_rule(stage: Stage) -> StageRule:
    return StageRule(agency=stage.agency, time_limit=stage.time_limit, enabled=True)


def rule_of(row: StageSetting | None, stage: Stage) -> StageRule:
    """The rule a row sets, its blanks filled with the route's defaults. A stage the route does not declare
    optional stays on whatever a row says (the admin refuses such a row; this guards rows made otherwise)."""
    if row is None:
        return default_rule(stage)
    return StageRule(
        agency=row.agency or stage.agency,
        time_limit=row.time_limit if row.time_limit is not None else stage.time_limit,
        enabled=row.enabled or not stage.optional,
    )


def _precedence(row: StageSetting) -> tuple:
    return (row.valid_from, row.province_id is not None, row.pk)


class StageRules:
    """The stage settings of some provinces (with the all-province ones), read in one query."""

    def __init__(self, rows):
        self._rows = defaultdict(list)  # (route, stage) → rows
        for row in rows:
            self._rows[(row.route, row.stage)].append(row)

    @classmethod
    def load(cls, provinces=None) -> "StageRules":
        """Every row, or those of ``provinces`` (ids or units) and of every province: one query."""
        rows = StageSetting.objects.all()
        if provinces is not None:
            rows = rows.filter(Q(province__isnull=True) | Q(province__in=list(provinces)))
        return cls(
            rows.only("pk", "province", "route", "stage", "agency", "time_limit", "enabled", "valid_from")
        )

    def row_in_force(self, province_id, route_name: str, stage_name: str, day: datetime.date):
        """The row in force (see the module's rules), or None: the route's defaults. ``province_id`` None
        asks for the all-province rule."""
        candidates = [
            row
            for row in self._rows[(route_name, stage_name)]
            if row.valid_from <= day and row.province_id in (None, province_id)
        ]
        return max(candidates, key=_precedence, default=None)

    def rule(self, province_id, route_name: str, stage: Stage, day: datetime.date) -> StageRule:
        return rule_of(self.row_in_force(province_id, route_name, stage.name, day), stage)

    def for_dossier(self, dossier, stage_name: str, day: datetime.date) -> StageRule:
        """The rule of ``stage_name`` in force on ``day`` for the dossier's province and route."""
        route_name, stage = _declared(dossier.route, stage_name)
        return self.rule(dossier.province_id, route_name, stage, day)

    def own_provinces(self, route_name: str, stage_name: str) -> set:
        """The provinces with rows of their own for this stage (the others follow the all-province rows)."""
        return {row.province_id for row in self._rows[(route_name, stage_name)] if row.province_id}

    def periods(
        self, province_id, route_name: str, stage: Stage
    ) -> list[tuple[datetime.date | None, StageRule]]:
        """[(first day, rule)] in date order: the rule from each day it changes (the first from None: always
        before), for a query over tasks created over the years."""
        days = sorted(
            {
                row.valid_from
                for row in self._rows[(route_name, stage.name)]
                if row.province_id in (None, province_id)
            }
        )
        periods = [(None, default_rule(stage))]
        for day in days:
            periods.append((day, self.rule(province_id, route_name, stage, day)))
        return periods

    def switched_off(self, province_id, route_name: str, day: datetime.date) -> set[str]:
        route = ROUTES[route_name]
        return {
            stage.name
            for stage in route.stages
            if stage.optional and not self.rule(province_id, route_name, stage, day).enabled
        }


def _declared(route_name: str, stage_name: str) -> tuple[str, Stage]:
    """The route and stage a rule is looked up for: the dossier's route, or, for a task left at a stage its
    route does not declare (made before a reorganisation moved the dossier), the route that declares it."""
    stage = ROUTES[route_name].stages_by_name.get(stage_name)
    if stage is not None:
        return route_name, stage
    for name, route in ROUTES.items():
        if stage_name in route.stages_by_name:
            return name, route.stages_by_name[stage_name]
    raise LookupError(f"no route declares the stage {stage_name!r}")


def stage_setting(dossier, stage: Stage, *, on: datetime.date | None = None) -> StageRule:
    """The rule in force today (or ``on``) for ``stage`` of the dossier's route in the dossier's province.
    One query; a page asking it of many dossiers loads ``StageRules.load(provinces)`` once instead."""
    rules = StageRules.load(provinces=[dossier.province_id])
    return rules.for_dossier(dossier, stage.name, on or timezone.localdate())


def switched_off(dossier, *, on: datetime.date | None = None) -> set[str]:
    """The stages of the dossier's route its province has switched off today (or ``on``): one query."""
    rules = StageRules.load(provinces=[dossier.province_id])
    return rules.switched_off(dossier.province_id, dossier.route, on or timezone.localdate())
