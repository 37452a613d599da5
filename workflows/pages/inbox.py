"""Việc cần xử lý: my tasks, my unit's tasks to claim, and what I have done."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossiers.errors import ServiceRefusal
from permissions import rules

from ..deadlines import WorkingCalendar
from ..inbox import TABS, filtered, sorted_tasks, tab_tasks
from ..services.claims import task_reassign, task_release, tasks_claim
from .decisions import DecisionForm, may_decide
from .filters import InboxFilterForm
from .inbox_rows import inbox_rows
from .requests import refusal_text, safe_next, task_ids

PAGE_SIZE = 50


@login_required
def inbox(request):
    tab = request.GET.get("tab") if request.GET.get("tab") in TABS else _default_tab(request)
    form = InboxFilterForm(request.GET or None, user=request.user, acting=request.acting)
    tasks = filtered(tab_tasks(request.user, request.acting, tab), form.values())
    # Work waits longest-first (the overdue on top, as in the API); what was done, latest first.
    sort = request.GET.get("sort", "waiting" if tab == "done" else "-waiting")
    page = Paginator(sorted_tasks(tasks, sort), PAGE_SIZE).get_page(request.GET.get("page"))
    rows, deciding = inbox_rows(
        page.object_list, WorkingCalendar(), tab=tab, deciding_allowed=may_decide(request)
    )
    return render(
        request,
        "workflows/inbox.html",
        {
            "tab": tab,
            "form": form,
            "page": page,
            "rows": rows,
            "sort": sort,
            "officials": _officials(request, rows) if tab == "unit" else {},
            "deciding": deciding,
            "picking": tab == "unit" or deciding,
            "decision_form": DecisionForm(prefix="decision", unit_id=request.acting.unit_id) if deciding else None,
            "query": _query_without(request, "page"),
            "sort_query": _query_without(request, "page", "sort"),
        },
    )


def _default_tab(request):
    """My tasks if I have claimed some, otherwise my unit's: a village head sees their drafts at once."""
    return "mine" if tab_tasks(request.user, request.acting, "mine").exists() else "unit"


def _officials(request, rows):
    """For a chair: who each task on the page may be handed to (one query for the page)."""
    agency_ids = {row["task"].owner_permission_obj_pk for row in rows}
    agencies = {
        str(a.pk): a for a in rules.agencies_overseen(request.user, request.acting).filter(pk__in=agency_ids)
    }
    officials = {pk: list(rules.agency_officials(agency)) for pk, agency in agencies.items()}
    for row in rows:
        row["officials"] = officials.get(row["task"].owner_permission_obj_pk, [])
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
