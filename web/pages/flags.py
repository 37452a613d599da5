"""The appraiser's decision on a duplicate or re-award flag, from the dossier page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossiers.errors import ServiceRefusal
from dossiers.services.flags import flag_decide

from ..duplicate_flags import appraisers_of
from .dossiers import dossier_detail, visible_dossier


@login_required
@require_POST
def flag_decision(request, pk):
    """The appraiser keeps or withdraws a flagged nominee, with a reason (recorded in the history)."""
    dossier = visible_dossier(request, pk)
    try:
        flag_decide(
            user=request.user,
            dossier_id=pk,
            flag=request.POST.get("flag", ""),
            verdict=request.POST.get("verdict", ""),
            reason=request.POST.get("reason", ""),
            appraisers=appraisers_of(dossier),
            acting=request.acting,
        )
    except ServiceRefusal as refusal:
        details = " ".join(m for msgs in refusal.errors.values() for m in msgs)
        messages.error(request, details or refusal.message)
        return dossier_detail(request, pk, status=refusal.status_code)
    messages.success(request, _("Đã ghi quyết định về cảnh báo trùng."))
    return redirect("dossier-detail", pk=pk)
