"""viewflow's own frontend (mounted under /workflow/), limited to what the user may see.

The stock lists show every process and task of the flow to anyone allowed into the flow: here they keep
only the dossiers ``permissions.rules`` lets the user see, and the flow's kanban page sends to the queue.
"""

from django.views.generic import RedirectView
from viewflow.utils import viewprop
from viewflow.workflow.flow import FlowAppViewset
from viewflow.workflow.flow.views import DashboardProcessListView, DashboardTaskListView

from dossiers.selectors import dossiers_visible_to

from .models import DossierProcess


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


class QueueRedirectView(RedirectView):
    flow_class = None
    viewset = None
    url = "queue/"


class DossierFlowViewset(FlowAppViewset):
    dashboard_view_class = QueueRedirectView
    process_list_view_class = VisibleProcessListView
    task_list_view_class = VisibleTaskListView
