"""viewflow's own frontend (mounted under /workflow/), limited to what the user may see.

The stock lists show every process and task of the flow to anyone allowed into the flow: here they keep
only the dossiers ``permissions.rules`` lets the user see, and the flow's kanban page sends to the queue.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import RedirectView
from viewflow.utils import viewprop
from viewflow.workflow.flow import FlowAppViewset
from viewflow.workflow.flow.views import DashboardProcessListView, DashboardTaskListView, FlowChartView

from dossiers.errors import ServiceRefusal
from dossiers.selectors import dossiers_visible_to

from .models import DossierProcess
from .pages.requests import safe_next


def visible_processes(user):
    return DossierProcess.objects.filter(dossier__in=dossiers_visible_to(user)).values("pk")


class VisibleProcessListView(DashboardProcessListView):
    def get_queryset(self):
        visible = super().get_queryset().filter(pk__in=visible_processes(self.request.user))
        return visible.order_by("-created", "-pk")


class VisibleTaskListView(DashboardTaskListView):
    @viewprop
    def queryset(self):
        tasks = self.model._default_manager.filter(
            process__flow_class=self.flow_class, process__in=visible_processes(self.request.user)
        )
        return tasks.select_related("process")


class VisibleChartView(FlowChartView):
    """The flow chart; a process's coloured chart only for those who may see its dossier."""

    def dispatch(self, request, *args, **kwargs):
        process_pk = kwargs.get("process_pk")
        if (
            process_pk is not None
            and not DossierProcess.objects.filter(
                pk=process_pk, pk__in=visible_processes(request.user)
            ).exists()
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def claim_through_service(request, process_pk, task_pk, release=False):
    """viewflow's own assign/unassign buttons, routed through the claim services so the history records them."""
    from .services.claims import task_release, tasks_claim

    try:
        if release:
            task_release(user=request.user, task_id=task_pk, acting=getattr(request, "acting", None))
        else:
            tasks_claim(user=request.user, task_ids=[task_pk], acting=getattr(request, "acting", None))
    except ServiceRefusal as refusal:
        messages.error(request, refusal.message)
    return redirect(safe_next(request, "/workflow/award/dossier/inbox/"))


class QueueRedirectView(RedirectView):
    flow_class = None
    viewset = None
    url = "queue/"


class DossierFlowViewset(FlowAppViewset):
    dashboard_view_class = QueueRedirectView
    chart_view_class = VisibleChartView
    process_list_view_class = VisibleProcessListView
    task_list_view_class = VisibleTaskListView
