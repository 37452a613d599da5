"""A decision as PDF, or its certificates, for the pages and the API alike: each lists only the awardees of the
dossiers the reader may see (an extract says so on its face). A reader who sees the whole decision gets the
signed record (signing/) where there is one or a key to make one."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from dossiers.errors import StateConflict
from dossiers.printing.certificates import certificates_pdf
from dossiers.printing.decision import decision_pdf
from dossiers.selectors import awardees_visible_to, decisions_visible_to
from signing.services import record_pdf


def decision_file(request, pk, kind, acting=None):
    """The decision (kind "pdf") or its certificates as PDF, for those who may see the decision; either lists
    only the awardees of the dossiers they may see (in the acting role, if one is given)."""
    visible = decisions_visible_to(request.user, acting).select_related("issuer", "signer")
    decision = get_object_or_404(visible, pk=pk)
    awardees = awardees_visible_to(request.user, acting).filter(decision=decision)
    fields_only = request.GET.get("fields_only") == "1"
    if kind == "pdf":
        try:
            content, name = _decision_content(request, decision, awardees), "quyet-dinh"
        except StateConflict as refusal:
            return HttpResponse(refusal.message, status=409, content_type="text/plain; charset=utf-8")
    else:
        content, name = certificates_pdf(decision, awardees=awardees, fields_only=fields_only), "giay-khen"
    filename = f"{name}-{decision.number.replace('/', '-')}.pdf"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


def _decision_content(request, decision, awardees) -> bytes:
    # Only the whole decision is the record; an extract for a reader who sees part of it stays unsigned.
    whole = awardees.count() == decision.awarded_nominations.count()
    signed = record_pdf(decision, actor=request.user) if whole else None
    return signed if signed is not None else decision_pdf(decision, awardees=awardees)
