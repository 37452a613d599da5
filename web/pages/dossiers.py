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

from dossiers.criteria import checklists
from dossiers.errors import DossierNotFound, ServiceRefusal
from dossiers.models import Nomination
from dossiers.printing import drafts
from dossiers.replica import REPLICA, reads_alias
from dossiers.selectors import decisions_visible_to, dossier_for_user, dossiers_visible_to
from dossiers.services.documents import document_upload
from dossiers.states import DocumentKind, Outcome, Status, editors, uploaders
from dossiers.text import fold
from permissions import rules
from permissions.roles import LEVEL_ORDER
from workflows import queues
from workflows.routes import SENDING_BACK, Payload, route_of, stage_of, step_of
from workflows.services.handlers import submit_problems
from workflows.services.transitions import allowed_transitions, dossier_transition, transition_check
from workflows.stage_settings import switched_off

from .. import step_forms as payload_forms
from ..duplicate_flags import may_decide_flags, visible_flags
from ..generated import request_file
from ..report_reads import reports_on_replica
from .chart import dossier_chart
from .exports import NOMINATION_HEADERS, XLSX, nomination_rows, spreadsheet_value, workbook_response
from .filters import DossierFilterForm
from .history import history_rows
from .list_rows import list_rows
from .paging import counted_page

PAGE_SIZE = 25


def _export(request, dossiers):
    """Small lists download at once; a long one is built on the job queue and offered when ready."""
    ids = list(dossiers.values_list("pk", flat=True)[: settings.EXPORT_MAX_DOSSIERS + 1])
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


def visible_dossier(request, pk):
    try:
        return dossier_for_user(request.user, pk, acting=request.acting)
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
    dossier = visible_dossier(request, pk)
    names = allowed_transitions(request.user, dossier, request.acting)
    forms = [payload_forms.form_for(name, dossier) for name in names]
    if forms_override:
        forms = [forms_override.get(f.name, f) for f in forms]
    for form in forms:  # the irreversible steps name the dossier and what will happen before they go
        step = step_of(dossier, form.name)
        form.confirm = str(step.confirm) % {"code": dossier.code} if step.confirm else ""
        form.ends_dossier = step.closes  # drawn as a dangerous button
    documents = dossier.documents.select_related("nomination", "uploaded_by", "replaced_by")
    nominations = _nominations(request, dossier)
    return render(
        request,
        "workflows/dossier_detail.html",
        {
            "dossier": dossier,
            "progress": _progress(dossier),
            "holder": _holder(request, dossier),
            "nominations": nominations,
            "decides_flags": may_decide_flags(request.user, dossier, request.acting),
            "documents": [d for d in documents if d.removed_at is None],
            "removed_documents": [d for d in documents if d.removed_at is not None],
            "decisions": _decisions(request, dossier),
            "forms": forms,
            "upload_kinds": _upload_kinds(request, dossier),
            "can_edit": rules.edit_membership(request.user, dossier, editors(dossier.status), request.acting)
            is not None,
            "missing": submit_problems(dossier) if dossier.status in (Status.DRAFT, Status.RETURNED) else {},
            "sent_back": sent_back_reason(dossier),
            "appraisal_report": _appraised_or_appraising(dossier, [row["n"] for row in nominations]),
        },
        status=status,
    )


def _progress(dossier):
    """The planned stages, each done, current or next. While the dossier is open, the stages before the one
    it is at are done and those after it next (two stages may share a state: the commune's and the
    province's decision); once it is finished, those it passed through are done."""
    current, route = stage_of(dossier), route_of(dossier)
    planned = route.planned_stages(dossier, switched_off(dossier), _heads_for(dossier, route))
    if current is not None:
        at = planned.index(current)
        states = ["done"] * at + ["current"] + ["next"] * (len(planned) - at - 1)
    else:
        passed = set(dossier.events.exclude(from_status="").values_list("from_status", flat=True))
        decided = dossier.status == Status.DECIDED
        states = ["done" if decided or passed & set(stage.states) else "next" for stage in planned]
    return [{"stage": stage, "state": state} for stage, state in zip(planned, states, strict=True)]


def _appraised_or_appraising(dossier, nominations) -> bool:
    """Whether an appraisal report makes sense: the dossier is at an appraisal, or has been appraised (one of
    its ``nominations``, already read for the page, has a verdict)."""
    stage = stage_of(dossier)
    appraising = stage is not None and any(
        step.payload == Payload.APPRAISAL and stage.name in step.at for step in route_of(dossier).steps
    )
    return appraising or any(n.eligible is not None for n in nominations)


def _heads_for(dossier, route) -> str:
    """The highest level whose chair the dossier's awards still in play need (its province for a Bằng khen)."""
    authorities = set(
        dossier.nominations.exclude(outcome=Outcome.NOT_AWARDED).values_list(
            "award_form__authority_level", flat=True
        )
    )
    return max((route.deciding_level_for(a) for a in authorities), key=LEVEL_ORDER.index, default="")


def sent_back_reason(dossier):
    """Why the dossier came back to where it is now, for those who must act on it."""
    event = dossier.events.filter(action__in=SENDING_BACK).select_related("actor", "unit").last()
    return event if event is not None and event.to_status == dossier.status else None


def _holder(request, dossier):
    """Who has the dossier now: the agency of its stage and the official who claimed it; and whether this
    user may claim it (an official of that agency, while nobody holds it) or hand it back (its holder)."""
    task = queues.stage_task(dossier)
    if task is None:
        return None
    agency = queues.task_agency(task)
    works_there = agency is not None and rules.agency_membership(request.user, agency, request.acting)
    # Claiming tells colleagues who is on it: an official alone in the agency (a village head) is offered none.
    shared = bool(works_there) and any(m.user_id != request.user.pk for m in rules.agency_officials(agency))
    return {
        "task": task,
        "agency": agency,
        "owner": task.owner,
        "can_claim": shared and task.owner_id is None,
        "can_release": bool(works_there) and task.owner_id == request.user.pk,
    }


def _nominations(request, dossier):
    rows, kinds = [], checklists(dossier.round.movement_id)  # the movement's checklists, in one query
    nominations = list(dossier.nominations.select_related("award_form", "decision"))
    flags = visible_flags(request.user, dossier, request.acting, nominations) or {}
    shows_id = rules.handles_dossier(request.user, dossier, request.acting)
    for nomination in nominations:
        labels = dict(kinds.get(nomination.nominee_kind, []))
        criteria = [(labels.get(key, key), value) for key, value in nomination.criteria.items()]
        rows.append(
            {
                "n": nomination,
                "criteria": criteria,
                "flags": flags.get(nomination.pk, []),
                "citizen_id": nomination.citizen_id if shows_id else "",
            }
        )
    return rows


def _decisions(request, dossier):
    """The decisions that awarded someone of this dossier, as far as the viewer may see them (the same
    selector guards the decision's PDF and certificates, so every link offered here opens)."""
    visible = decisions_visible_to(request.user, request.acting)
    return visible.filter(awarded_nominations__dossier=dossier).distinct().select_related("issuer")


def _upload_kinds(request, dossier):
    return [
        (kind.value, kind.label)
        for kind in DocumentKind
        if rules.upload_membership(request.user, dossier, uploaders(dossier.status, kind), request.acting)
    ]


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
