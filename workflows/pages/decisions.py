"""Quyết định khen thưởng: the chair issues one decision for the dossiers ticked in the inbox; the list."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from viewflow.workflow.models import Task

from dossiers.errors import ServiceRefusal
from dossiers.selectors import awardees_visible_to, decisions_visible_to
from permissions import rules

from ..payload_forms import set_signer_choices
from ..services.batch import decision_issue
from ..services.files import request_file
from .exports import NOMINATION_HEADERS, rows_of_nominations, workbook_response
from .requests import refusal_text, safe_next, task_ids


class DecisionForm(forms.Form):
    number = forms.CharField(
        label=_lazy("Số quyết định"), max_length=40, help_text=_lazy("Ví dụ: 123/QĐ-UBND")
    )
    date = forms.DateField(label=_lazy("Ngày ký (dd/mm/yyyy)"))
    signer = forms.TypedChoiceField(label=_lazy("Người ký"), coerce=int)

    def __init__(self, *args, unit_id, **kwargs):
        super().__init__(*args, **kwargs)
        set_signer_choices(self.fields["signer"], unit_id)


def may_decide(request):
    return rules.may_issue_decisions(request.acting)


@login_required
@require_POST
def decision_new(request):
    """Issue one decision for the dossiers of the tasks ticked in the inbox."""
    form = DecisionForm(request.POST, prefix="decision", unit_id=_acting_unit_id(request))
    tasks = task_ids(request)
    dossiers = list(
        Task.objects.filter(pk__in=tasks).values_list("process__dossierprocess__dossier", flat=True)
    )
    if not dossiers:
        messages.error(request, _("Chưa chọn hồ sơ nào để quyết định."))
    elif not form.is_valid():
        messages.error(
            request,
            _("Thông tin quyết định chưa hợp lệ: %(errors)s")
            % {"errors": " ".join(f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items())},
        )
    else:
        try:
            decision = decision_issue(
                user=request.user, dossier_ids=dossiers, acting=request.acting, **form.cleaned_data
            )
        except ServiceRefusal as refusal:
            messages.error(request, refusal_text(refusal))
        else:
            messages.success(
                request,
                _("Đã ban hành quyết định %(number)s cho %(count)s hồ sơ.")
                % {"number": decision.number, "count": len(dossiers)},
            )
            return redirect("decision-list")
    return redirect(safe_next(request, "inbox"))


def _acting_unit_id(request):
    return request.acting.unit_id if request.acting else None


@login_required
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
    from ..api.views import decision_file

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
