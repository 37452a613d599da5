"""Tra cứu hồ sơ, the dossier page with its actions and documents, and its history."""

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from dossiers.errors import DossierNotFound, ServiceRefusal
from dossiers.models import Nomination
from dossiers.printing import drafts
from dossiers.replica import REPLICA, reads_alias
from dossiers.selectors import dossier_for_user, dossiers_visible_to
from dossiers.services.documents import document_upload
from dossiers.states import Status
from dossiers.text import fold
from permissions import rules
from workflows.routes import stage_of
from workflows.services.transitions import dossier_transition, transition_check

from .. import step_forms as payload_forms
from ..generated import request_file
from ..report_reads import reports_on_replica
from .chart import dossier_chart
from .dossier_page import detail_context, row_annotations
from .dossier_page import sent_back_reason as sent_back_reason  # the edit page asks it here
from .exports import NOMINATION_HEADERS, XLSX, nomination_rows, spreadsheet_value, workbook_response
from .filters import DossierFilterForm
from .history import history_rows
from .list_rows import list_rows
from .paging import counted_page

PAGE_SIZE = 25


def _export(request, dossiers):
    """Small lists download at once; a long one is built on the job queue and offered when ready."""
    # In the list's order, which its indexes hold: PostgreSQL then walks the unit's dossiers in that index,
    # checking the search on the way, rather than matching a common name against the whole country's.
    listed = dossiers.order_by("-status_changed", "-pk")
    ids = list(listed.values_list("pk", flat=True)[: settings.EXPORT_MAX_DOSSIERS + 1])
    if len(ids) <= settings.INLINE_EXPORT_DOSSIERS:
        return workbook_response("Hồ sơ", NOMINATION_HEADERS, nomination_rows(dossiers), "ho-so-de-nghi.xlsx")
    generated = request_file(
        user=request.user,
        kind="dossier_export",
        params={"dossiers": ids, "replica": reads_alias() == REPLICA},
        filename="ho-so-de-nghi.xlsx",
        content_type=XLSX,
    )
    return redirect("file-status", pk=generated.pk)


def visible_dossier(request, pk, annotations=None):
    try:
        return dossier_for_user(request.user, pk, acting=request.acting, annotations=annotations)
    except DossierNotFound:
        raise Http404(_("Không tìm thấy hồ sơ.")) from None


def _report_reading(request) -> bool:
    """The spreadsheet of a list, and the list of a reader who works in no queue (an inspector, an
    administrator without a role), may lag by seconds; an official's list shows their own work at once."""
    return request.GET.get("format") == "xlsx" or not rules.works_in_queues(request.user, request.acting)


@login_required
@reports_on_replica(when=_report_reading)
def dossier_list(request):
    form = DossierFilterForm(request.GET or None, user=request.user, acting=request.acting)
    data = form.values()
    dossiers = dossiers_visible_to(request.user, request.acting)
    for field in ("round", "commune", "status"):
        if data.get(field):
            dossiers = dossiers.filter(**{field: data[field]})
    if data.get("award_form"):
        nominated = Nomination.objects.filter(dossier=OuterRef("pk"), award_form=data["award_form"])
        dossiers = dossiers.filter(Exists(nominated))
    if data.get("q"):
        dossiers = dossiers.filter(search_text__contains=fold(data["q"]))
    if request.GET.get("format") == "xlsx":
        return _export(request, dossiers)
    page, counts = counted_page(
        dossiers.order_by("-status_changed", "-pk"),
        [data["status"]] if data.get("status") else Status.values,
        request.GET.get("page"),
        PAGE_SIZE,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workflows/dossier_list.html",
        {
            "form": form,
            "page": page,
            "rows": list_rows(page.object_list),
            "counts": [(s, counts[s.value]) for s in Status if counts.get(s.value)],
            "query": query.urlencode(),
        },
    )


@login_required
def dossier_detail(request, pk, forms_override=None, status=200):
    dossier = visible_dossier(request, pk, annotations=row_annotations())
    context = detail_context(request, dossier, forms_override)
    return render(request, "workflows/dossier_detail.html", context, status=status)


@login_required
@require_POST
def dossier_transition_page(request, pk, name):
    dossier = visible_dossier(request, pk)
    form = payload_forms.form_for(name, dossier, data=request.POST)
    if form is None:
        raise Http404(_("Không có thao tác này."))
    try:
        transition_check(user=request.user, dossier=dossier, name=name, acting=request.acting)
    except ServiceRefusal as refusal:  # not yours (403) or no longer possible (409), whatever the form says
        messages.error(request, refusal.message)
        return dossier_detail(request, pk, status=refusal.status_code)
    try:  # the form only collects: every refusal is the service's, as the API gives it, shown on the form
        result = dossier_transition(
            user=request.user, dossier_id=pk, name=name, payload=form.payload(), acting=request.acting
        )
    except ServiceRefusal as refusal:
        form.add_refusal(refusal)
    else:
        messages.success(request, _done_message(form, result))
        return redirect("dossier-detail", pk=pk)
    form.open = True
    return dossier_detail(request, pk, forms_override={name: form}, status=400)


# One whole sentence per way a dossier can end, so that each translates as a sentence.
FINISHED = {
    Status.DECIDED: _lazy(
        "Đã thực hiện “%(action)s” cho hồ sơ %(code)s; hồ sơ đã có quyết định khen thưởng."
    ),
    Status.REJECTED: _lazy(
        "Đã thực hiện “%(action)s” cho hồ sơ %(code)s; hồ sơ đã kết thúc, không được đề nghị khen thưởng."
    ),
    Status.WITHDRAWN: _lazy("Đã thực hiện “%(action)s” cho hồ sơ %(code)s; hồ sơ đã được rút và kết thúc."),
}


def _done_message(form, dossier):
    """What was done, to which dossier, and where the dossier is now, in one sentence."""
    values = {"action": form.title, "code": dossier.code}
    stage = stage_of(dossier)
    if stage is not None:
        values["stage"] = stage.label
        return _("Đã thực hiện “%(action)s” cho hồ sơ %(code)s; hồ sơ chuyển sang bước “%(stage)s”.") % values
    return str(FINISHED[dossier.status]) % values


@login_required
@require_POST
def document_add(request, pk):
    visible_dossier(request, pk)
    try:
        document_upload(
            user=request.user,
            dossier_id=pk,
            kind=request.POST.get("kind", ""),
            upload=request.FILES.get("file"),
            nomination_id=request.POST.get("nomination") or None,
            acting=request.acting,
        )
    except ServiceRefusal as refusal:
        details = " ".join(m for msgs in refusal.errors.values() for m in msgs)
        messages.error(request, details or refusal.message)
    else:
        messages.success(request, _("Đã tải tài liệu lên hồ sơ."))
    return redirect("dossier-detail", pk=pk)


@login_required
def document_download(request, pk, document_id):
    dossier = visible_dossier(request, pk)
    document = get_object_or_404(dossier.documents, pk=document_id)
    inline = document.content_type in ("application/pdf", "image/png", "image/jpeg", "image/webp")
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=not inline,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def dossier_chart_svg(request, pk):
    """The route's flow chart with this dossier's stages marked (for those who may see the dossier)."""
    return HttpResponse(dossier_chart(visible_dossier(request, pk)), content_type="image/svg+xml")


@login_required
def dossier_history(request, pk):
    dossier = visible_dossier(request, pk)
    rows = history_rows(dossier.events.select_related("actor", "unit", "dossier").order_by("at", "pk"))
    if request.GET.get("format") == "csv":
        return history_csv(rows, f"lich-su-{dossier.code}.csv")
    return render(request, "workflows/dossier_history.html", {"dossier": dossier, "rows": rows})


def history_csv(rows, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # lets spreadsheet programs read the Vietnamese text as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Thời điểm"),
            _("Hồ sơ"),
            _("Người thực hiện"),
            _("Vai trò"),
            _("Đơn vị"),
            _("Thao tác"),
            _("Trạng thái trước"),
            _("Trạng thái sau"),
            _("Lý do / ý kiến"),
            _("Thay đổi"),
        ]
    )
    for row in rows:
        e = row["event"]
        writer.writerow(  # text a spreadsheet would take for a formula is written as text
            spreadsheet_value(value)
            for value in [
                timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M"),
                row["dossier_code"],
                row["actor"],
                row["role"],
                e.unit.name if e.unit else "",
                row["action"],
                row["from"],
                row["to"],
                e.comment,
                row["changes_text"],
            ]
        )
    return response


DRAFTS = {
    "to-trinh": ("submission", "to-trinh"),
    "bao-cao-tham-dinh": ("appraisal_report", "bao-cao-tham-dinh"),
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def dossier_draft(request, pk, kind, fmt):
    """The submission or the appraisal report of the dossier, pre-filled, as PDF or DOCX."""

    dossier = visible_dossier(request, pk)
    if kind not in DRAFTS or fmt not in ("pdf", "docx"):
        raise Http404(_("Không có văn bản này."))
    builder, name = DRAFTS[kind]
    draft = getattr(drafts, builder)(dossier)
    content = drafts.to_pdf(draft) if fmt == "pdf" else drafts.to_docx(draft)
    response = HttpResponse(content, content_type="application/pdf" if fmt == "pdf" else DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}-{dossier.code}.{fmt}"'
    return response
