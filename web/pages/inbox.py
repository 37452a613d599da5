"""Việc cần xử lý: my tasks, my unit's tasks to claim, those a colleague holds, and what I have done; and
claiming or handing back a dossier's task from its page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from viewflow.workflow.models import Task

from dossiers.errors import ServiceRefusal, StateConflict
from permissions import rules
from workflows import queues
from workflows.deadlines import WorkingCalendar
from workflows.inbox import TABS, filtered, sorted_tasks, tab_tasks
from workflows.services.batch import decision_issue
from workflows.services.claims import task_reassign, task_release, tasks_claim

from .decision_form import DecisionForm, may_decide
from .dossiers import dossier_detail, visible_dossier
from .filters import InboxFilterForm
from .inbox_rows import inbox_rows
from .requests import refusal_text, safe_next, task_ids

PAGE_SIZE = 50


@login_required
def home(request):
    """Where an official lands: their tasks if they work in a queue; otherwise (an inspector, an administrator)
    the audit log they read, or else the dossiers they may look up. Never claim tabs they can never use."""
    if rules.works_in_queues(request.user, request.acting):
        return inbox(request)
    reads_audit = rules.audit_filter(request.user, request.acting) is not None
    return redirect("audit" if reads_audit else "dossier-list")


@login_required
def inbox(request):
    if (
        request.method == "POST"
    ):  # the batch decision form under the list: refused, the page comes back filled
        return decision_new(request)
    return inbox_page(request)


def inbox_page(request, *, decision_form=None, ticked=(), status=200):
    """The inbox; after a refused decision, with the chair's form as typed and the same dossiers ticked."""
    tab = request.GET.get("tab") if request.GET.get("tab") in TABS else _default_tab(request)
    form = InboxFilterForm(request.GET or None, user=request.user, acting=request.acting)
    tasks = filtered(tab_tasks(request.user, request.acting, tab), form.values())
    # Work waits longest-first (the overdue on top, as in the API); what was done, latest first.
    sort = request.GET.get("sort", "waiting" if tab == "done" else "-waiting")
    page = Paginator(sorted_tasks(tasks, sort), PAGE_SIZE).get_page(request.GET.get("page"))
    rows, deciding = inbox_rows(
        page.object_list,
        WorkingCalendar(),
        tab=tab,
        deciding_allowed=may_decide(request) and tab != "done",  # a finished task is decided already
        claimable=set(queues.worked_agency_ids(request.user, request.acting)) if tab == "unit" else set(),
        reader=(request.user, request.acting),
    )
    if decision_form is not None and not deciding:  # its dossiers left the page meanwhile: say why up here
        for problems in decision_form.errors.values():
            messages.error(request, " ".join(problems))
    return render(
        request,
        "workflows/inbox.html",
        {
            "tab": tab,
            "form": form,
            "page": page,
            "rows": rows,
            "sort": sort,
            "officials": _officials(request, rows) if tab in ("unit", "held") else {},
            "deciding": deciding,
            "picking": tab == "unit" or deciding,
            "decision_form": (
                decision_form or DecisionForm(prefix="decision", unit_id=request.acting.unit_id)
            )
            if deciding
            else None,
            "ticked": set(ticked),
            "query": _query_without(request, "page"),
            "sort_query": _query_without(request, "page", "sort"),
        },
        status=status,
    )


def _default_tab(request):
    """My tasks if I have claimed some, otherwise my unit's: a village head sees their drafts at once."""
    return "mine" if tab_tasks(request.user, request.acting, "mine").exists() else "unit"


def _officials(request, rows):
    """For a chair: who each task on the page may be handed to (one query for the page)."""
    agency_ids = {queues.task_agency_id(row["task"]) for row in rows}
    agencies = rules.agencies_overseen(request.user, request.acting).filter(pk__in=agency_ids)
    officials = {agency.pk: list(rules.agency_officials(agency)) for agency in agencies}
    for row in rows:
        row["officials"] = officials.get(queues.task_agency_id(row["task"]), [])
    return officials


def _query_without(request, *names):
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _back(request):
    return redirect(safe_next(request, "inbox"))


@login_required
@require_POST
def claim(request):
    ids = task_ids(request)
    if not ids:
        messages.error(request, _("Chưa chọn công việc nào để nhận."))
        return _back(request)
    try:
        count = tasks_claim(user=request.user, task_ids=ids, acting=request.acting)
    except ServiceRefusal as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("Đã nhận %(count)s công việc. Xem ở thẻ “Việc của tôi”.") % {"count": count}
        )
    return _back(request)


@login_required
@require_POST
def release(request, task_id):
    try:
        task_release(user=request.user, task_id=task_id, acting=request.acting)
    except ServiceRefusal as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Đã trả công việc về cho đơn vị; cán bộ khác có thể nhận."))
    return _back(request)


@login_required
@require_POST
def reassign(request, task_id):
    try:
        task_reassign(
            user=request.user,
            task_id=task_id,
            to_user_id=request.POST.get("to_user"),
            reason=request.POST.get("reason", ""),
            acting=request.acting,
        )
    except ServiceRefusal as refusal:
        messages.error(request, refusal_text(refusal))
    else:
        messages.success(request, _("Đã giao lại công việc; lý do được ghi vào lịch sử hồ sơ."))
    return _back(request)


@login_required
@require_POST
def dossier_claim(request, pk):
    """“Nhận xử lý” on the dossier page: the same claim service as the inbox's checkboxes."""
    return _dossier_task(request, pk, claiming=True)


@login_required
@require_POST
def dossier_release(request, pk):
    """“Trả lại việc” on the dossier page: the same release service as the inbox's button."""
    return _dossier_task(request, pk, claiming=False)


def _dossier_task(request, pk, *, claiming: bool):
    dossier = visible_dossier(request, pk)
    try:
        task_id = _shown_task(request, dossier)
        if claiming:
            tasks_claim(user=request.user, task_ids=[task_id], acting=request.acting)
        else:
            task_release(user=request.user, task_id=task_id, acting=request.acting)
    except ServiceRefusal as refusal:  # not in the agency (403), taken or moved on (409)
        messages.error(request, refusal.message)
        return dossier_detail(request, pk, status=refusal.status_code)
    if claiming:
        done = _(
            "Bạn đã nhận xử lý hồ sơ %(code)s. Hồ sơ nằm trong thẻ “Việc của tôi”; cán bộ khác của đơn vị "
            "thấy hồ sơ đang do bạn xử lý."
        )
    else:
        done = _("Đã trả lại việc của hồ sơ %(code)s cho đơn vị; cán bộ khác có thể nhận xử lý.")
    messages.success(request, done % {"code": dossier.code})
    return redirect("dossier-detail", pk=pk)


def _shown_task(request, dossier) -> int:
    """The task the page showed, while it is still the one of the dossier's stage: a page opened before the
    dossier moved on must not claim the next stage's task."""
    task = queues.stage_task(dossier)
    if task is None or request.POST.get("task") != str(task.pk):
        raise StateConflict(
            _("Hồ sơ đã chuyển sang bước khác từ khi bạn mở trang. Vui lòng xem lại trang hồ sơ rồi thử lại.")
        )
    return task.pk


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
