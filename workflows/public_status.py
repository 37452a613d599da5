"""What the public look-up tells the holder of a dossier's receipt: its stage, its dates and its outcome,
nothing else.

Nothing here names a person: no official (who holds it, who decided), no nominee, no reason or comment, no
document. The outcome is counted per award form ("Giấy khen …: 2 được khen thưởng"), and the decisions are
named by number, date and issuing committee, as they are published. The holder of the receipt knows whom
the dossier proposes; anyone else who came by the code and key learns no name and no personal data.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from dossiers.models import Decision, Dossier
from dossiers.states import FINAL_STATES, Outcome, Status

from .routes import route_of, stage_of

# On a route with a receiving step (two tiers: Phòng Văn hóa – Xã hội receives) the commune has received the
# dossier once that step fired; on the ladder, the commune has it from the moment the village sent it.
WAITING_TO_BE_RECEIVED = ("prepare", "intake")


# The abbreviations officials read at a glance and a citizen may not know: the public answer writes them out.
# They occur only in the Vietnamese labels, so their long forms are Vietnamese too (nothing to translate).
PLAIN_WORDS = {
    "TĐKT": "Thi đua – Khen thưởng",
    "LĐ-TB&XH": "Lao động – Thương binh và Xã hội",
}


@dataclass(frozen=True)
class OutcomeCount:
    award_form: str
    outcome: str  # dossiers.states.Outcome
    outcome_label: str
    count: int


@dataclass(frozen=True)
class DecisionLine:
    number: str
    date: datetime.date
    issuer: str  # the unit whose chair decided: "Xã Đak Djrăng"


@dataclass(frozen=True)
class PublicStatus:
    code: str
    status: str
    status_label: str
    # The step of its route the dossier is at; empty once it is finished, or when it only repeats the status
    # ("Chờ Hội đồng … họp xét" at the step "Hội đồng … họp xét"): the public reads it once.
    stage_label: str
    finished: bool
    submitted_on: datetime.date | None
    received_on: datetime.date | None
    finished_on: datetime.date | None
    nominees: int
    outcomes: list[OutcomeCount] = field(default_factory=list)
    decisions: list[DecisionLine] = field(default_factory=list)


def public_status(dossier: Dossier) -> PublicStatus:
    stage = stage_of(dossier)
    submitted, received = milestones(dossier)
    finished = dossier.status in FINAL_STATES
    status_label = in_plain_words(Status(dossier.status).label)
    stage_label = in_plain_words(stage.label) if stage is not None and not finished else ""
    return PublicStatus(
        code=dossier.code,
        status=dossier.status,
        status_label=status_label,
        stage_label="" if stage_label.casefold() in status_label.casefold() else stage_label,
        finished=finished,
        submitted_on=submitted,
        received_on=received,
        finished_on=timezone.localdate(dossier.status_changed) if finished else None,
        nominees=dossier.nominations.count(),
        outcomes=_outcomes(dossier),
        decisions=_decisions(dossier),
    )


def in_plain_words(label) -> str:
    """An official's label as the public reads it: "Hội đồng TĐKT xã" → "Hội đồng Thi đua – Khen thưởng xã"."""
    words = str(label)
    for short, written_out in PLAIN_WORDS.items():
        words = words.replace(short, written_out)
    return words


def milestones(dossier: Dossier) -> tuple[datetime.date | None, datetime.date | None]:
    """(the day the village last sent the dossier to the commune, the day the commune received it)."""
    sent = dossier.events.filter(action="submit").order_by("-at", "-pk").values_list("at", flat=True).first()
    if sent is None:
        return None, None
    received = (
        dossier.events.filter(action="receive", at__gte=sent)
        .order_by("at")
        .values_list("at", flat=True)
        .first()
    )
    if received is None and _received_on_sending(dossier):
        received = sent
    return timezone.localdate(sent), timezone.localdate(received) if received else None


def _received_on_sending(dossier: Dossier) -> bool:
    """Whether the commune has the dossier without a receiving step: on a route that has none, or on one whose
    dossier a reorganisation moved past it, or that a withdrawal ended before the commune's answer."""
    if "receive" not in route_of(dossier).steps_by_name:
        return True
    if dossier.status == Status.WITHDRAWN:
        return False
    return dossier.stage not in WAITING_TO_BE_RECEIVED


def _outcomes(dossier: Dossier) -> list[OutcomeCount]:
    counts = Counter(dossier.nominations.values_list("award_form__name", "outcome"))
    order = list(Outcome.values)
    return [
        OutcomeCount(form, outcome, str(Outcome(outcome).label), count)
        for (form, outcome), count in sorted(
            counts.items(), key=lambda item: (item[0][0], order.index(item[0][1]))
        )
    ]


def _decisions(dossier: Dossier) -> list[DecisionLine]:
    decisions = (
        Decision.objects.filter(awarded_nominations__dossier=dossier)
        .distinct()
        .select_related("issuer")
        .order_by("date", "pk")
    )
    return [DecisionLine(d.number, d.date, d.issuer.name) for d in decisions]
