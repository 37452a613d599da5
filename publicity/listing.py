"""Which nominees a notice lists, and what the public may read of each: name, village, kind, award form and
a short summary. Nothing else leaves this module for the public pages, the paper notice or the public API
(never documents, citizen IDs, years of birth, verdicts or votes)."""

from dataclasses import dataclass

from dossiers.models import Nomination
from dossiers.states import Status

from .models import NoticeEntry

# A dossier the commune has received and that is still alive: not a draft, not sent back to the village,
# not withdrawn or rejected. A listed nominee whose dossier leaves for one of these leaves the notice.
NOT_LISTED_STATES = (Status.DRAFT, Status.RETURNED, Status.WITHDRAWN, Status.REJECTED)
# A notice is opened before the council weighs the nominees, so it lists only dossiers still waiting for it:
# on three tiers sent to the commune (commune review); on two tiers received, with Phòng Kinh tế, or waiting
# for the council (workflows.routes: the stages before "commune_approve" / "council_vote").
WAITING_FOR_COUNCIL = (Status.SUBMITTED, Status.ECONOMIC_OPINION, Status.COUNCIL_REVIEW)
SUMMARY_CHARS = 280  # about three lines on a phone, two on the paper notice


def waiting_for_council(nominations):
    """Those of ``nominations`` the commune's council has still to weigh: their dossier waits for its
    meeting and it has not voted on them (a dossier sent back by the chair keeps its votes)."""
    return nominations.filter(dossier__status__in=WAITING_FOR_COUNCIL, commune_approved__isnull=True)


def listable_nominations(commune, round_):
    """The nominations a notice opened now would list: the commune's in the round the council has still to
    weigh. Dossiers already past the council (or finished) are not posted for comments."""
    return _alive(
        waiting_for_council(Nomination.objects.filter(dossier__commune=commune, dossier__round=round_))
    )


def listed_nominations(notice):
    """The nominations a notice lists today: those entered when it opened whose dossier is still alive (a
    dossier withdrawn during the period leaves the page at once)."""
    return _alive(Nomination.objects.filter(notice_entries__notice=notice))


def listed_names(notice_ids) -> list[tuple[int, str, str]]:
    """(notice id, nominee's name, village's name) for what the notices list today, in one query: what the
    public index searches beside the units' names."""
    alive = _alive(Nomination.objects.all()).values("pk")
    return list(
        NoticeEntry.objects.filter(notice_id__in=list(notice_ids), nomination__in=alive).values_list(
            "notice_id", "nomination__nominee_name", "nomination__dossier__village__name"
        )
    )


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
