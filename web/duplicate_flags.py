"""What pages and the API ask about a dossier's duplicate and re-award flags (dossiers.duplicates)."""

from dossiers.duplicates import flags_by_nomination, flags_of
from permissions import rules
from workflows.routes import Payload, route_of


def appraisers_of(dossier) -> tuple | None:
    """The roles that appraise the dossier at its current stage (the route's word), or None if it is not at an
    appraisal: they decide on its flags."""
    for step in route_of(dossier).steps:
        if step.payload == Payload.APPRAISAL and dossier.stage in step.at:
            return tuple(step.by)
    return None


def visible_flags(user, dossier, acting=None, nominations=None) -> dict[int, list] | None:
    """The flags by nomination for the commune's and the appraisers' officials; None for anyone else."""
    if not rules.handles_dossier(user, dossier, acting, officials_only=True):
        return None
    return flags_by_nomination(flags_of(dossier, nominations))


def may_decide_flags(user, dossier, acting=None) -> bool:
    appraisers = appraisers_of(dossier)
    return (
        appraisers is not None and rules.transition_membership(user, dossier, appraisers, acting) is not None
    )
