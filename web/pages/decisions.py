"""Quyết định khen thưởng: the chair issues one decision for the dossiers ticked in the inbox; the list."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render

from dossiers.selectors import awardees_visible_to, decisions_visible_to

from ..decision_files import decision_file
from ..generated import request_file
from ..report_reads import reports_on_replica
from .exports import NOMINATION_HEADERS, rows_of_nominations, workbook_response


def _exporting(request) -> bool:
    return request.GET.get("format") == "xlsx"


@login_required
@reports_on_replica(when=_exporting)  # the list itself shows a chair the decision just issued
def decision_list(request):
    """The decisions with the awardees the user may see; the spreadsheet lists exactly those awardees."""
    awardees = awardees_visible_to(request.user, request.acting)
    if request.GET.get("format") == "xlsx":
        rows = rows_of_nominations(awardees)
        return workbook_response("Khen thưởng", NOMINATION_HEADERS, rows, "danh-sach-khen-thuong.xlsx")
    shown = awardees.select_related("dossier__village", "dossier__commune", "award_form").order_by("pk")
    decisions = (
        decisions_visible_to(request.user, request.acting)
        .select_related("issuer", "signer")
        .prefetch_related(Prefetch("awarded_nominations", queryset=shown))
        .order_by("-date", "-pk")
    )
    page = Paginator(decisions, 20).get_page(request.GET.get("page"))
    return render(request, "workflows/decision_list.html", {"page": page, "query": ""})


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
