"""The pages' menu: which entries the user's acting role gets, asked of ``permissions.rules`` once per page so
that no template compares roles itself."""

from permissions import rules


def menu(request):
    """Template context: ``menu.create`` (open a dossier) and ``menu.audit`` (the audit pages)."""
    if not request.user.is_authenticated:
        return {}
    # An error page may be drawn for a request refused before the acting-role middleware ran.
    return {"menu": rules.menu(request.user, getattr(request, "acting", None))}
