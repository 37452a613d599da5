"""Reads that already keep only what the user may see: strangers get 404, never a hint."""

from permissions import rules

from .errors import DossierNotFound
from .models import Decision, Dossier, Nomination


def dossiers_visible_to(user, acting=None):
    return Dossier.objects.filter(rules.visible_filter(user, acting))


def dossier_for_user(
    user, dossier_id, *, for_update: bool = False, acting=None, annotations: dict | None = None
) -> Dossier:
    """The dossier if the user may see it; DossierNotFound (404) otherwise, whether it exists or not.
    ``annotations``: what a page asks to come with the row (what it would otherwise read apart)."""
    # A read takes the names its pages show in the same query (the units and the round); a locking read
    # locks the dossier row alone.
    queryset = (
        Dossier.objects.select_for_update()
        if for_update
        else Dossier.objects.select_related("round", "village", "commune", "district", "province")
    )
    if annotations and not for_update:
        queryset = queryset.annotate(**annotations)
    try:
        dossier = queryset.get(pk=dossier_id)
    except (Dossier.DoesNotExist, ValueError, TypeError):
        raise DossierNotFound("Không tìm thấy hồ sơ.") from None
    if not rules.can_view(user, dossier, acting):
        raise DossierNotFound("Không tìm thấy hồ sơ.")
    return dossier


def awardees_visible_to(user, acting=None):
    """The awarded nominations of the dossiers the user may see. One decision may award people of several
    communes; an official sees, lists and prints only those of the dossiers they may see."""
    return Nomination.objects.filter(decision__isnull=False, dossier__in=dossiers_visible_to(user, acting))


def decisions_visible_to(user, acting=None):
    """Decisions that awarded someone in a dossier the user may see. Show each with
    ``awardees_visible_to``, never with all of its awardees."""
    return Decision.objects.filter(pk__in=awardees_visible_to(user, acting).values("decision_id"))
