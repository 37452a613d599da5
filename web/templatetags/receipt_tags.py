"""The receipt box of the dossier page: the look-up key and the link to the receipt, drawn only for those who
may print it (permissions.rules.may_print_receipt); for anyone else, nothing, not even that a key exists."""

from django import template

from dossiers.lookup_keys import grouped
from permissions import rules

register = template.Library()


@register.inclusion_tag("workflows/_receipt.html", takes_context=True)
def receipt_box(context, dossier):
    request = context["request"]
    shown = bool(dossier.code) and rules.may_print_receipt(
        request.user, dossier, getattr(request, "acting", None)
    )
    return {"dossier": dossier, "shown": shown, "key": grouped(dossier.lookup_key) if shown else ""}
