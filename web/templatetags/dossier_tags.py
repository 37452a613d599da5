from django import template
from django.utils.html import format_html

from dossiers.printing.common import in_sentence as unit_in_sentence
from dossiers.states import Status
from permissions.names import full_name as name

register = template.Library()

# One colour per place, the same on every page (ui.md): draft grey, at the commune blue, at a higher level
# (district, province, central) indigo, awaiting decision amber, decided green, returned or a supplement asked
# for orange, rejected red, withdrawn grey. Every Status has its colour (tests/test_status_lookup.py checks),
# so a new status cannot silently fall back to the draft's grey.
BADGE = {
    Status.DRAFT: "draft",
    Status.SUBMITTED: "commune",
    Status.ECONOMIC_OPINION: "commune",
    Status.COUNCIL_REVIEW: "commune",
    Status.RETURNED: "returned",
    Status.VILLAGE_SUPPLEMENT: "returned",
    Status.COMMUNE_APPROVED: "district",
    Status.APPRAISAL: "district",
    Status.SUPPLEMENT_REQUESTED: "returned",
    Status.PROVINCE_SUPPLEMENT: "returned",
    Status.AWAITING_DECISION: "decision",
    Status.FORWARDED: "district",
    Status.FORWARDED_CENTRAL: "district",
    Status.DECIDED: "decided",
    Status.REJECTED: "rejected",
    Status.WITHDRAWN: "withdrawn",
}


@register.simple_tag
def status_badge(status, label=None):
    """The status in words and colour; ``label`` replaces the words where a page says them differently
    (the public look-up writes out abbreviations)."""
    if label is None:
        label = Status(status).label if status in Status.values else status
    return format_html('<span class="badge {}">{}</span>', BADGE.get(status, "draft"), label)


@register.filter
def in_sentence(unit_name):
    """'Xã Mang Yang' → 'xã Mang Yang', for a unit's name inside a sentence."""
    return unit_in_sentence(str(unit_name))


@register.filter
def full_name(user):
    return name(user)
