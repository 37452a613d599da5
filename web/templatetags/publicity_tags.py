"""The public notice on the officials' pages: on the dossier page (the notice it is listed on, the comments
for those who may read them), beside the council's vote, and in the history. The comments of a dossier are
read once per request, however many places show them."""

from django import template

from permissions import rules
from publicity.selectors import notice_of_dossier, readable_comments
from workflows.routes import Payload, step_of

register = template.Library()


def _comments(request, dossier):
    """The dossier's comments if the user may read them (None otherwise), read once per request."""
    cache = request.__dict__.setdefault("_public_comments", {})
    if dossier.pk not in cache:
        cache[dossier.pk] = readable_comments(request.user, dossier, getattr(request, "acting", None))
    return cache[dossier.pk]


@register.inclusion_tag("publicity/_dossier_notice.html", takes_context=True)
def dossier_public_notice(context, dossier):
    request = context["request"]
    acting = getattr(request, "acting", None)
    return {
        "notice": notice_of_dossier(dossier),
        "comments": _comments(request, dossier),
        "posts": rules.may_open_public_notice(request.user, dossier.commune, acting),
        "dossier": dossier,
    }


@register.inclusion_tag("publicity/_step_comments.html", takes_context=True)
def step_public_comments(context, dossier, step_name):
    """The comments beside the step where the commune's council weighs the nominees."""
    step = step_of(dossier, step_name)
    weighs = step is not None and step.payload == Payload.MEETING
    comments = _comments(context["request"], dossier) if weighs else None
    return {"comments": comments, "shown": weighs and comments is not None}


@register.simple_tag(takes_context=True)
def public_comment_of(context, event):
    """The comment an event of the history records, if the user may read it; None otherwise."""
    comments = _comments(context["request"], event.dossier) if event.dossier_id else None
    return next((c for c in comments or () if c.event_id == event.pk), None)


@register.simple_tag(takes_context=True)
def posts_public_notices(context) -> bool:
    """Whether the acting role posts its commune's public notice (the link to the officer's page)."""
    request = context["request"]
    acting = getattr(request, "acting", None)
    return acting is not None and rules.may_open_public_notice(request.user, acting.unit, acting)
