from django.db import transaction

from dossiers.models import Dossier, Round
from dossiers.services.drafting import dossier_create
from permissions.models import Membership, Unit

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
        before_recording=start_dossier_process,
    )
    return dossier
