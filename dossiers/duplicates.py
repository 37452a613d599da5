"""Duplicate and re-award checks (issue 18 §2).

A person or household proposed twice in one round anywhere in the province, or proposed again for a form no
higher than one they received for the same movement within the configured years, is flagged on the dossier.
A flag never blocks: the appraiser records whether the nominee is kept or withdrawn, and why
(``dossiers.services.flags``). The flags are computed on each read, in one query for a whole dossier.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Dossier, FlagDecision, Nomination
from .states import AUTHORITY_ORDER, NomineeKind, Outcome, Status

# Only people and households have a name, a year of birth and a citizen ID that identify them.
CHECKED_KINDS = {NomineeKind.INDIVIDUAL, NomineeKind.HOUSEHOLD}
DUPLICATE = "duplicate"
REAWARD = "reaward"
CITIZEN_ID = re.compile(r"\d{12}")


@dataclass
class Flag:
    kind: str  # DUPLICATE or REAWARD
    nomination: Nomination  # the nomination of this dossier that is flagged
    other: Nomination  # the other proposal of the same nominee, or the earlier award
    decision: FlagDecision | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.other.pk}"

    @property
    def message(self) -> str:
        other = self.other
        if self.kind == DUPLICATE:
            return _("Trùng đề nghị trong cùng đợt: %(name)s, hồ sơ %(code)s (%(village)s, %(commune)s).") % {
                "name": other.nominee_name,
                "code": other.dossier.code,
                "village": other.dossier.village.name,
                "commune": other.dossier.commune.name,
            }
        return _("Đã được tặng “%(form)s” theo Quyết định số %(number)s ngày %(date)s (hồ sơ %(code)s).") % {
            "form": other.award_form.name,
            "number": other.decision.number,
            "date": other.decision.date.strftime("%d/%m/%Y"),
            "code": other.dossier.code,
        }


def citizen_id_problem(value: str, birth_year: int | None) -> str | None:
    """What is wrong with a citizen ID (CCCD: 12 digits; the 4th tells the century and sex, the 5th and 6th
    the last two digits of the year of birth), or None."""
    if not value:
        return None
    if not CITIZEN_ID.fullmatch(value):
        return _("Số CCCD gồm đúng 12 chữ số.")
    if birth_year and (1900 + 100 * (int(value[3]) // 2) + int(value[4:6])) != birth_year:
        return _("Số CCCD không khớp với năm sinh %(year)s.") % {"year": birth_year}
    return None


def same_nominee(one: Nomination, other: Nomination) -> bool:
    """Two proposals name the same person or household. Citizen IDs, where both are given, decide; otherwise
    the folded name and the year of birth (both given) or, failing that, the village."""
    if one.nominee_kind != other.nominee_kind or one.nominee_kind not in CHECKED_KINDS:
        return False
    if one.citizen_id and other.citizen_id:
        return one.citizen_id == other.citizen_id
    if not one.nominee_key or one.nominee_key != other.nominee_key:
        return False
    if one.birth_year and other.birth_year:
        return one.birth_year == other.birth_year
    return one.dossier.village_id == other.dossier.village_id


def reaward_years() -> int | None:
    """Years back a same-or-higher award counts (settings.REAWARD_CHECK_YEARS); None: the movement's period."""
    return getattr(settings, "REAWARD_CHECK_YEARS", None)


def _counts_as_reaward(nomination: Nomination, earlier: Nomination, round_) -> bool:
    if earlier.outcome != Outcome.AWARDED or earlier.decision is None:
        return False
    if earlier.dossier.round.movement_id != round_.movement_id or earlier.dossier.round_id == round_.pk:
        return False
    level = AUTHORITY_ORDER.index
    if level(earlier.award_form.authority_level) < level(nomination.award_form.authority_level):
        return False
    years = reaward_years()
    decided = earlier.decision.date.year
    if years is None:
        return round_.movement.start_year <= decided <= round_.year
    return round_.year - years < decided <= round_.year


def _candidates(dossier: Dossier, nominations: list[Nomination]):
    keys = {n.nominee_key for n in nominations if n.nominee_key}
    ids = {n.citizen_id for n in nominations if n.citizen_id}
    return (
        Nomination.objects.filter(Q(nominee_key__in=keys) | Q(citizen_id__in=ids))
        .filter(dossier__province_id=dossier.province_id, nominee_kind__in=CHECKED_KINDS)
        .exclude(dossier__status=Status.WITHDRAWN)
        .select_related("dossier__village", "dossier__commune", "dossier__round", "award_form", "decision")
        .order_by("pk")
    )


def flags_of(dossier: Dossier, nominations: list[Nomination] | None = None) -> list[Flag]:
    """The flags on the dossier's nominations, each with the appraiser's decision if there is one."""
    if nominations is None:
        nominations = list(dossier.nominations.select_related("award_form"))
    own = [n for n in nominations if n.nominee_kind in CHECKED_KINDS]
    if not own:
        return []
    for nomination in own:
        nomination.dossier = dossier  # same_nominee reads its village without a query
    round_ = dossier.round
    flags = []
    for other in _candidates(dossier, own):
        for nomination in own:
            if other.pk == nomination.pk or not same_nominee(nomination, other):
                continue
            if other.dossier.round_id == round_.pk:
                flags.append(Flag(DUPLICATE, nomination, other))
            elif _counts_as_reaward(nomination, other, round_):
                flags.append(Flag(REAWARD, nomination, other))
    _attach_decisions(flags)
    return flags


def _attach_decisions(flags: list[Flag]) -> None:
    # A nomination read with ``has_flag_decisions`` (as the dossier page reads them) says whether it has any.
    asked = {f.nomination.pk for f in flags if getattr(f.nomination, "has_flag_decisions", True)}
    if not asked:
        return
    decided = FlagDecision.objects.filter(nomination__in=asked)
    by_key = {(d.nomination_id, d.flag): d for d in decided.select_related("decided_by")}
    for flag in flags:
        flag.decision = by_key.get((flag.nomination.pk, flag.key))


def flags_by_nomination(flags: list[Flag]) -> dict[int, list[Flag]]:
    grouped: dict[int, list[Flag]] = {}
    for flag in flags:
        grouped.setdefault(flag.nomination.pk, []).append(flag)
    return grouped
