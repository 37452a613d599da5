from django.db import transaction

from dossiers.models import Dossier, Round
from dossiers.services.drafting import dossier_create
from permissions.models import Membership, Unit

from ..routes import route_of
from .process import start_dossier_process


@transaction.atomic
def dossier_open(
    *,
    user,
    round: Round,
    village: Unit,
    title: str,
    nominations: list[dict],
    acting: Membership | None = None,
) -> Dossier:
    """Create a draft dossier and open its workflow: the village's preparation task."""
    dossier, _membership = dossier_create(
        user=user,
        round=round,
        village=village,
        title=title,
        nominations=nominations,
        acting=acting,
        before_recording=_start,
    )
    return dossier


def _start(dossier) -> None:
    """Open the dossier's process. On a route whose first decider is known from the start (two tiers: the
    commune chair decides or submits every dossier), the dossier says so at once, so that the chair asking
    to decide too early hears "not yet" (409), not "not yours" (403)."""
    route = route_of(dossier)
    if route.decides_from_start:
        dossier.decision_level = route.first_decider
        dossier.save(update_fields=["decision_level"])
    start_dossier_process(dossier)
