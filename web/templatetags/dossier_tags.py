from django import template
from django.utils.html import format_html

from dossiers.states import Status
from permissions.names import full_name as name

register = template.Library()

# One colour per place, the same on every page (ui.md).
BADGE = {
    Status.DRAFT: "draft",
    Status.SUBMITTED: "commune",
    Status.RETURNED: "returned",
    Status.COMMUNE_APPROVED: "district",
    Status.APPRAISAL: "district",
    Status.SUPPLEMENT_REQUESTED: "returned",
    Status.AWAITING_DECISION: "decision",
    Status.FORWARDED: "district",
    Status.DECIDED: "decided",
    Status.REJECTED: "rejected",
    Status.WITHDRAWN: "withdrawn",
}


@register.simple_tag
def status_badge(status):
    label = Status(status).label if status in Status.values else status
    return format_html('<span class="badge {}">{}</span>', BADGE.get(status, "draft"), label)


@register.filter
def full_name(user):
    return name(user)
