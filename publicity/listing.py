"""Which nominees a notice lists, and what the public may read of each: name, village, kind, award form and
a short summary. Nothing else leaves this module for the public pages, the paper notice or the public API
(never documents, citizen IDs, years of birth, verdicts or votes)."""

from dataclasses import dataclass

from dossiers.models import Nomination
from dossiers.states import Status

# A dossier the commune has received and that is still alive: not a draft, not sent back to the village,
# not withdrawn or rejected.
NOT_LISTED_STATES = (Status.DRAFT, Status.RETURNED, Status.WITHDRAWN, Status.REJECTED)
SUMMARY_CHARS = 280  # about three lines on a phone, two on the paper notice


def listable_nominations(commune, round_):
    """The nominations a notice opened now would list. A nominee the commune's council already voted not to
    propose is left out."""
    return _alive(Nomination.objects.filter(dossier__commune=commune, dossier__round=round_))


def listed_nominations(notice):
    """The nominations a notice lists today: those entered when it opened whose dossier is still alive (a
    dossier withdrawn during the period leaves the page at once)."""
    return _alive(Nomination.objects.filter(notice_entries__notice=notice))


def _alive(nominations):
    return (
        nominations.exclude(dossier__status__in=NOT_LISTED_STATES)
        .exclude(commune_approved=False)
        .select_related("dossier__village", "award_form")
        .order_by("dossier__village__name", "dossier_id", "pk")
    )


@dataclass(frozen=True)
class PublicNominee:
    id: int
    name: str
    village: str
    kind: str
    award_form: str
    summary: str


def public_nominee(nomination) -> PublicNominee:
    return PublicNominee(
        id=nomination.pk,
        name=nomination.nominee_name,
        village=nomination.dossier.village.name,
        kind=str(nomination.get_nominee_kind_display()),
        award_form=nomination.award_form.name,
        summary=short_summary(nomination.achievement_summary),
    )


def short_summary(text: str) -> str:
    """The achievement summary on one line, cut after the last whole word within SUMMARY_CHARS."""
    flat = " ".join((text or "").split())
    if len(flat) <= SUMMARY_CHARS:
        return flat
    cut = flat[:SUMMARY_CHARS].rsplit(" ", 1)[0] or flat[:SUMMARY_CHARS]
    return cut.rstrip(" ,;:.-–") + "…"


def public_nominees(notice) -> list[PublicNominee]:
    return [public_nominee(n) for n in listed_nominations(notice)]
