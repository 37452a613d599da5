"""viewflow's own frontend (mounted under /workflow/), for administrators only, limited to what they may see.

Officials work in the site's own pages: viewflow's pages speak the engine's English and offer its own claim
and cancel buttons, so an official asking for them is refused (``rules.may_use_workflow_engine``). The stock
lists show every process and task of the flow to anyone allowed into the flow: here they keep only the
dossiers ``permissions.rules`` lets the user see in the role they act in (the one chosen for the session, as on
the site's pages: web.acting_role), and the flow's kanban page sends to the queue.
"""

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import RedirectView
from viewflow.urls import Site
from viewflow.utils import viewprop
from viewflow.workflow.flow import FlowAppViewset
from viewflow.workflow.flow.views import (
    DashboardProcessListView,
    DashboardTaskListView,
    DetailProcessView,
    FlowArchiveListView,
    FlowChartView,
    FlowInboxListView,
    FlowQueueListView,
)

from dossiers.errors import ServiceRefusal
from dossiers.selectors import dossiers_visible_to
from permissions import rules
from workflows.models import DossierProcess
from workflows.services.claims import task_release, tasks_claim

from .pages.requests import safe_next


class AdministratorsSite(Site):
    """viewflow's site; its middleware refuses (403) every page under it to a user who is not an administrator."""

    def has_view_permission(self, user, obj=None):
        return rules.may_use_workflow_engine(user)


def administrators_only(view):
    """The same refusal for the few /workflow/ URLs this project answers itself (config/urls.py)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not rules.may_use_workflow_engine(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def visible_processes(request):
    """The processes of the dossiers the user may see in the role the request acts in."""
    visible = dossiers_visible_to(request.user, request.acting)
    return DossierProcess.objects.filter(dossier__in=visible).values("pk")


def visible_process(request, process_pk):
    """The process, if the user may see its dossier in the role the request acts in; None otherwise."""
    return DossierProcess.objects.filter(pk=process_pk, pk__in=visible_processes(request)).first()


class VisibleProcessListView(DashboardProcessListView):
    def get_queryset(self):
        visible = super().get_queryset().filter(pk__in=visible_processes(self.request))
        return visible.order_by("-created", "-pk")


class VisibleTaskListView(DashboardTaskListView):
    @viewprop
    def queryset(self):
        tasks = self.model._default_manager.filter(
            process__flow_class=self.flow_class, process__in=visible_processes(self.request)
        )
        return tasks.select_related("process")


def in_acting_role(tasks, request):
    """viewflow's own task lists ask the user's permissions in every role they hold: keep the tasks of the
    dossiers they may see in the role the request acts in."""
    return tasks.filter(process__in=visible_processes(request))


class VisibleQueueView(FlowQueueListView):
    @viewprop
    def queryset(self):
        return in_acting_role(FlowQueueListView.queryset.fget(self), self.request)


class VisibleInboxView(FlowInboxListView):
    @viewprop
    def queryset(self):
        return in_acting_role(FlowInboxListView.queryset.fget(self), self.request)


class VisibleArchiveView(FlowArchiveListView):
    @viewprop
    def queryset(self):
        return in_acting_role(FlowArchiveListView.queryset.fget(self), self.request)


class VisibleProcessDetailView(DetailProcessView):
    """A process's page, for those who may see its dossier in the role they act in (404 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        if visible_process(request, kwargs.get("process_pk")) is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class VisibleChartView(FlowChartView):
    """The flow chart; a process's coloured chart only for those who may see its dossier."""

    def dispatch(self, request, *args, **kwargs):
        process_pk = kwargs.get("process_pk")
        if process_pk is not None and visible_process(request, process_pk) is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def claim_through_service(request, process_pk, task_pk, release=False):
    """viewflow's own assign/unassign buttons, routed through the claim services so the history records them.

    viewflow's task links lead to the assign URL by GET, where its own view asked to confirm: show the task's
    page then (an empty 405 looked like a blank page); only the button's POST claims.
    """
    if request.method != "POST":
        return redirect("../detail/")
    try:
        if release:
            task_release(user=request.user, task_id=task_pk, acting=request.acting)
        else:
            tasks_claim(user=request.user, task_ids=[task_pk], acting=request.acting)
    except ServiceRefusal as refusal:
        messages.error(request, refusal.message)
    return redirect(safe_next(request, "/workflow/award/dossier/inbox/"))


class ProcessCancelRefusedView(View):
    """viewflow's "Cancel" would end a dossier's process behind the dossier's back (no history, the dossier
    left in its state): a dossier is withdrawn, returned or rejected on its own page, through its services."""

    flow_class = None
    viewset = None

    def dispatch(self, request, process_pk, **kwargs):
        process = visible_process(request, process_pk)
        if process is None:
            raise Http404
        messages.error(
            request,
            _(
                "Quy trình của hồ sơ không huỷ ở đây. Muốn rút, trả lại hoặc không đề nghị hồ sơ, hãy làm "
                "trên trang hồ sơ để lịch sử ghi lại."
            ),
        )
        return redirect(f"/dossiers/{process.dossier_id}/")


class QueueRedirectView(RedirectView):
    flow_class = None
    viewset = None
    url = "queue/"


class DossierFlowViewset(FlowAppViewset):
    dashboard_view_class = QueueRedirectView
    chart_view_class = VisibleChartView
    process_cancel_view_class = ProcessCancelRefusedView
    process_list_view_class = VisibleProcessListView
    process_detail_view_class = VisibleProcessDetailView
    task_list_view_class = VisibleTaskListView
    queue_view_class = VisibleQueueView
    inbox_view_class = VisibleInboxView
    archive_view_class = VisibleArchiveView
