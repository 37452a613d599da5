"""Quyết định khen thưởng: the list of decisions, each decision's awardees, and its printouts."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from dossiers.selectors import awardees_visible_to, decisions_visible_to
from workflows.services.payloads import identifier

from ..decision_files import decision_file
from ..generated import request_file
from ..report_reads import reports_on_replica
from .exports import NOMINATION_HEADERS, rows_of_nominations, workbook_response

DECISIONS_PER_PAGE = 20
# A district decision may award thousands: the list shows each decision's first awardees and how many there
# are, so that neither its size nor its queries grow with them; the decision's own page shows them all.
AWARDEES_ON_LIST = 10
AWARDEES_PER_PAGE = 50


def _exporting(request) -> bool:
    return request.GET.get("format") == "xlsx"


@login_required
@reports_on_replica(when=_exporting)  # the list itself shows a chair the decision just issued
def decision_list(request):
    """The decisions with the awardees the user may see; the spreadsheet lists exactly those awardees.
    ``?decision=<id>`` is one decision with all of those awardees, paged."""
    awardees = awardees_visible_to(request.user, request.acting)
    if "decision" in request.GET:
        return _decision_awardees(request, awardees)
    if _exporting(request):
        rows = rows_of_nominations(awardees)
        return workbook_response("Khen thưởng", NOMINATION_HEADERS, rows, "danh-sach-khen-thuong.xlsx")
    # A sliced Prefetch takes the first awardees of every decision of the page in one query (a window).
    first = Prefetch(
        "awarded_nominations", _with_names(awardees)[:AWARDEES_ON_LIST], to_attr="first_awardees"
    )
    decisions = _decisions(request).prefetch_related(first)
    page = Paginator(decisions, DECISIONS_PER_PAGE).get_page(request.GET.get("page"))
    _count_awardees(page.object_list, awardees)
    return render(request, "workflows/decision_list.html", {"page": page, "query": ""})


def _decisions(request):
    visible = decisions_visible_to(request.user, request.acting)
    return visible.select_related("issuer", "signer").order_by("-date", "-pk")


def _with_names(awardees):
    """The awardees with what their rows show, in the order of the decision's list."""
    return awardees.select_related("dossier__village", "dossier__commune", "award_form").order_by("pk")


def _count_awardees(decisions, awardees):
    """Sets ``awardee_count`` (those the user may see) and ``more_awardees`` (those of them the list leaves
    out) on each decision: one query for the whole page."""
    counts = dict(
        awardees.filter(decision__in=[d.pk for d in decisions])
        .order_by()
        .values("decision_id")
        .annotate(n=Count("pk"))
        .values_list("decision_id", "n")
    )
    for decision in decisions:
        decision.awardee_count = counts.get(decision.pk, 0)
        decision.more_awardees = decision.awardee_count - len(decision.first_awardees)


def _decision_awardees(request, awardees):
    """One decision with every awardee the user may see, paged; 404 for a decision they may not see."""
    pk = identifier(request.GET.get("decision"))
    if pk is None:
        raise Http404
    decision = get_object_or_404(_decisions(request), pk=pk)
    shown = _with_names(awardees.filter(decision=decision))
    page = Paginator(shown, AWARDEES_PER_PAGE).get_page(request.GET.get("page"))
    query = f"decision={decision.pk}"  # the pager's links stay on this decision
    return render(
        request, "workflows/decision_awardees.html", {"decision": decision, "page": page, "query": query}
    )


@login_required
def decision_document(request, pk, kind):
    if kind == "certificates":
        decision = get_object_or_404(decisions_visible_to(request.user, request.acting), pk=pk)
        awardees = awardees_visible_to(request.user, request.acting).filter(decision=decision)
        if awardees.count() > settings.INLINE_CERTIFICATES:
            generated = request_file(
                user=request.user,
                kind="certificates",
                params={  # the acting role too: the job prints what this page would
                    "decision": decision.pk,
                    "fields_only": request.GET.get("fields_only") == "1",
                    "acting": request.acting.pk if request.acting else None,
                },
                filename=f"giay-khen-{decision.number.replace('/', '-')}.pdf",
                content_type="application/pdf",
            )
            return redirect("file-status", pk=generated.pk)
    return decision_file(request, pk, kind, acting=request.acting)
