"""Quyết định khen thưởng: the chair issues one decision for the dossiers ticked in the inbox; the list."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
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
from ..services.decisions import DECISION_NUMBER
from ..services.files import request_file
from .exports import NOMINATION_HEADERS, rows_of_nominations, workbook_response
from .requests import task_ids

# The form of a decision number, said where it is typed (the browser shows it too, from the pattern).
NUMBER_FORM = _lazy(
    "Số quyết định gồm số thứ tự, dấu “/” rồi ký hiệu, không có dấu cách, ví dụ: 123/QĐ-UBND."
)
# A service refusal's fields, and the form's field each one is shown next to.
REFUSAL_FIELDS = {
    "number": "number",
    "decision_number": "number",
    "date": "date",
    "decision_date": "date",
    "signer": "signer",
    "signer_capacity": "signer",
}


class DecisionForm(forms.Form):
    number = forms.CharField(
        label=_lazy("Số quyết định"),
        max_length=40,
        help_text=_lazy("Ví dụ: 123/QĐ-UBND"),
        error_messages={"required": _lazy("Nhập số quyết định, ví dụ: 123/QĐ-UBND.")},
        # The browser's pattern is the service's own (anchored there, implicitly here).
        widget=forms.TextInput(attrs={"pattern": DECISION_NUMBER.pattern.strip("^$"), "title": NUMBER_FORM}),
    )
    date = forms.DateField(
        label=_lazy("Ngày ký (dd/mm/yyyy)"),
        error_messages={
            "required": _lazy("Nhập ngày ký, dạng dd/mm/yyyy."),
            "invalid": _lazy("Ngày ký phải là một ngày có thật, dạng dd/mm/yyyy, ví dụ: 15/05/2025."),
        },
    )
    signer = forms.TypedChoiceField(
        label=_lazy("Người ký"),
        coerce=int,
        error_messages={
            "required": _lazy("Chọn người ký trong danh sách."),
            "invalid_choice": _lazy("Chọn người ký trong danh sách."),
        },
    )

    def __init__(self, *args, unit_id, **kwargs):
        super().__init__(*args, **kwargs)
        set_signer_choices(self.fields["signer"], unit_id)

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if not DECISION_NUMBER.match(number):
            raise forms.ValidationError(NUMBER_FORM)
        return number

    def add_refusal(self, refusal):
        """The service's words next to the fields they are about; the summary only if none is."""
        placed = False
        for key, problems in (refusal.errors or {}).items():
            if key in REFUSAL_FIELDS:
                placed = True
                for problem in problems:
                    self.add_error(REFUSAL_FIELDS[key], problem)
        if not placed:
            self.add_error(None, refusal.message)


def may_decide(request):
    return rules.may_issue_decisions(request.acting)


@login_required
@require_POST
def decision_new(request):
    """Issue one decision for the dossiers of the tasks ticked in the inbox. Refused, the inbox comes back
    (400) with the form as typed, each problem next to its field, and the same dossiers still ticked."""
    if not may_decide(request):
        raise PermissionDenied
    form = DecisionForm(request.POST, prefix="decision", unit_id=_acting_unit_id(request))
    tasks = task_ids(request)
    dossiers = list(
        Task.objects.filter(pk__in=tasks).values_list("process__dossierprocess__dossier", flat=True)
    )
    decision = _issue(request, form, dossiers)
    if decision is None:
        from .inbox import inbox_page  # the inbox imports this module for its form

        return inbox_page(request, decision_form=form, ticked=tasks, status=400)
    messages.success(
        request,
        _("Đã ban hành quyết định %(number)s cho %(count)s hồ sơ.")
        % {"number": decision.number, "count": len(dossiers)},
    )
    return redirect("decision-list")


def _issue(request, form, dossiers):
    """The decision issued, or None with the problems added to the form."""
    if not dossiers:
        form.add_error(None, _("Chưa chọn hồ sơ nào: đánh dấu các hồ sơ cần quyết định trong danh sách."))
    if not form.is_valid():
        return None
    try:
        return decision_issue(
            user=request.user, dossier_ids=dossiers, acting=request.acting, **form.cleaned_data
        )
    except ServiceRefusal as refusal:
        form.add_refusal(refusal)
        return None


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
