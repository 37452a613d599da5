"""The public notice on the officials' pages: on the dossier page (the notice it is listed on, the comments
for those who may read them), beside the council's vote, and in the history. The notice and the comments of a
dossier are read once per request, however many places show them (never kept beyond it)."""

from django import template

from dossiers.printing.common import in_sentence
from permissions import rules
from publicity.selectors import notice_of_dossier, readable_comments
from workflows.routes import Payload, step_of

register = template.Library()


def _comments(request, dossier):
    """The dossier's comments if the user may read them (None otherwise), read once per request; not read
    at all when the dossier's row, as the dossier page reads it, says there is none (``has_public_comments``)."""
    cache = request.__dict__.setdefault("_public_comments", {})
    if dossier.pk not in cache:
        acting = getattr(request, "acting", None)
        if getattr(dossier, "has_public_comments", True):
            cache[dossier.pk] = readable_comments(request.user, dossier, acting)
        else:
            cache[dossier.pk] = [] if rules.may_read_public_comments(request.user, dossier, acting) else None
    return cache[dossier.pk]


def _notice(request, dossier):
    """The notice listing the dossier's nominees (notice_of_dossier), read once per request; not read at all
    when the dossier's row, as the dossier page reads it, says none lists them (``on_public_notice``)."""
    cache = request.__dict__.setdefault("_public_notices", {})
    if dossier.pk not in cache:
        listed = getattr(dossier, "on_public_notice", True)
        cache[dossier.pk] = notice_of_dossier(dossier) if listed else None
    return cache[dossier.pk]


@register.inclusion_tag("publicity/_dossier_notice.html", takes_context=True)
def dossier_public_notice(context, dossier):
    request = context["request"]
    acting = getattr(request, "acting", None)
    return {
        "notice": _notice(request, dossier),
        "comments": _comments(request, dossier),
        "posts": rules.may_open_public_notice(request.user, dossier.commune, acting),
        "dossier": dossier,
    }


@register.inclusion_tag("publicity/_step_comments.html", takes_context=True)
def step_public_comments(context, dossier, step_name):
    """The comments beside the step where the commune's council weighs the nominees, and a warning while
    the dossier's notice still takes comments (a vote now would not see them all; it is not refused)."""
    step = step_of(dossier, step_name)
    weighs = step is not None and step.payload == Payload.MEETING
    comments = _comments(context["request"], dossier) if weighs else None
    notice = _notice(context["request"], dossier) if weighs else None  # running or about to: not ended
    return {
        "comments": comments,
        "notice": notice,
        "shown": weighs and (comments is not None or notice is not None),
    }


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


@register.filter
def unit_in_sentence(unit) -> str:
    """'Xã Mang Yang' as written inside a sentence: 'xã Mang Yang'."""
    return in_sentence(getattr(unit, "name", unit) or "")


@register.filter
def phone_grouped(number: str) -> str:
    """0912345678 → 0912 345 678 (+84912345678 → +84 912 345 678), as people read a number aloud."""
    number = number or ""
    prefix, digits = ("+84 ", number[3:]) if number.startswith("+84") else ("", number)
    if not digits.isdigit():
        return number
    groups = {9: (3, 3, 3), 10: (4, 3, 3), 11: (4, 4, 3)}.get(len(digits))
    if groups is None:
        return number
    parts, start = [], 0
    for size in groups:
        parts.append(digits[start : start + size])
        start += size
    return prefix + " ".join(parts)
