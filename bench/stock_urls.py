"""The project's URLs with viewflow's stock frontend under /workflow/, as a team that picks viewflow would serve
it to its officials: its own queue and inbox views, unfiltered and open to every signed-in user. Only the
benchmark mounts it (bench.measure, for the side-by-side timing of issue 17); the service never does.
"""

from django.urls import path
from viewflow.urls import Application, Site
from viewflow.workflow.flow import FlowAppViewset

from config import urls as project


def _stock_viewset(ours):
    """viewflow's own viewset for the flow of one of ours, at the same address (its queue at the same URL)."""
    stock = FlowAppViewset(ours._flow_class)
    stock.app_name = ours.app_name
    return stock


(ours,) = project.site.viewsets
stock_site = Site(
    title="viewflow",
    viewsets=[
        Application(title="viewflow", app_name="award", viewsets=[_stock_viewset(v) for v in ours.viewsets])
    ],
)

# The project's own routes, with viewflow's site (and the project's few overrides of it) replaced.
urlpatterns = [p for p in project.urlpatterns if not str(p.pattern).startswith("workflow/")] + [
    path("workflow/", stock_site.urls)
]
handler400, handler404, handler500 = project.handler400, project.handler404, project.handler500


class StockViewflowMiddleware:
    """Serve a request marked ``X-Bench-Stock`` from these URLs (only the benchmark installs it): the stock
    pages then run behind the same middleware, session and user as ours, turn by turn in one process."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get("HTTP_X_BENCH_STOCK"):
            request.urlconf = __name__
        return self.get_response(request)
