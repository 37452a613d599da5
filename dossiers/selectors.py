"""Reads that already keep only what the user may see: strangers get 404, never a hint."""

from permissions import rules

from .errors import DossierNotFound
from .models import Decision, Dossier


def dossiers_visible_to(user, acting=None):
    return Dossier.objects.filter(rules.visible_filter(user, acting))


def dossier_for_user(user, dossier_id, *, for_update: bool = False, acting=None) -> Dossier:
    """The dossier if the user may see it; DossierNotFound (404) otherwise, whether it exists or not."""
    queryset = Dossier.objects.select_for_update() if for_update else Dossier.objects
    try:
        dossier = queryset.get(pk=dossier_id)
    except (Dossier.DoesNotExist, ValueError, TypeError):
        raise DossierNotFound("Không tìm thấy hồ sơ.") from None
    if not rules.can_view(user, dossier, acting):
        raise DossierNotFound("Không tìm thấy hồ sơ.")
    return dossier


def decisions_visible_to(user, acting=None):
    """Decisions that awarded someone in a dossier the user may see (a decision is a public act, so all
    of its awardees are listed with it)."""
    visible = dossiers_visible_to(user, acting)
    awarded = Decision.objects.filter(awarded_nominations__dossier__in=visible).values("pk")
    return Decision.objects.filter(pk__in=awarded)
