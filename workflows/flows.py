"""The dossier's workflows, one per route, each built node by node from its declaration (workflows.routes).

Each stage is a human task owned by the agency of that stage, followed by a gateway whose branches are the
stages the route's transitions may lead to from there (returns included) and the end. The flow's graph is
the process, so viewflow's chart draws it. The flow never decides a state: the services fire the dossier's
transition, then complete the task, and the gateway reads the dossier's new stage to open the next task
(or end the process). Object permissions sit on the agency (a handful per official), never on each dossier.
"""

from django.http import Http404
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from viewflow import this
from viewflow.workflow import flow

from permissions import rules
from permissions.roles import AGENCY_WORK_PERMISSION

from .models import DossierProcess
from .routes import END, ROUTES, THREE_TIER, TWO_TIER, owning_agency, route_of, stage_of
from .stage_settings import stage_setting

# Node names are kept across versions of the route: a task stores the name of its node, so an open task made
# before a change of the graph still finds its node (and a finished one its history).
START_GATEWAY = "route"


def dossier_of(process):
    if not isinstance(process, DossierProcess):
        process = process.coerced
    return process.dossier


def at_stage(name):
    def condition(activation):
        stage = stage_of(dossier_of(activation.process))
        return stage is not None and stage.name == name

    condition.__name__ = f"at_{name}"
    return condition


def agency_of(name):
    def owner(process):
        dossier = dossier_of(process)
        stage = route_of(dossier).stages_by_name[name]
        return owning_agency(dossier, stage, stage_setting(dossier, stage).agency)

    return owner


class DossierPageView(RedirectView):
    """A task opened in viewflow's frontend leads to the dossier's page, where its actions are: every step is
    taken through the project's services, never through viewflow's own forms."""

    def get_redirect_url(self, *args, **kwargs):
        return reverse("dossier-detail", args=[self.request.activation.process.coerced.dossier_id])


def after(stage_name: str) -> str:
    return f"after_{stage_name}"


def _stage_task(stage):
    return (
        flow.View(DossierPageView.as_view())
        .Annotation(title=stage.label)
        .Permission(AGENCY_WORK_PERMISSION, obj=agency_of(stage.name))
        .Next(getattr(this, after(stage.name)))
    )


def _gateway(targets, title):
    gateway = flow.Switch().Annotation(title=title)
    for target in targets:
        if target != END:
            gateway = gateway.Case(getattr(this, target), at_stage(target))
    return gateway.Default(this.end) if END in targets else gateway


def route_nodes(route) -> dict:
    """The flow's nodes for a route: start, its first stage's gateway, each stage and its gateway, end."""
    stages = route.stages
    nodes = {
        "start": flow.StartHandle(this.start_process)
        .Annotation(title=_("Tạo hồ sơ"))
        .Next(getattr(this, START_GATEWAY)),
        START_GATEWAY: _gateway([stages[0].name], _("Bắt đầu")),
        "end": flow.End().Annotation(title=_("Kết thúc")),
    }
    for stage in stages:
        nodes[stage.name] = _stage_task(stage)
        nodes[after(stage.name)] = _gateway(
            route.successors(stage.name), format_lazy(_("Chuyển tiếp sau bước: {}"), stage.label)
        )
    return nodes


class RouteFlowMixin:
    """What every route's flow does besides its nodes."""

    process_class = DossierProcess
    process_summary_template = "{{ process.dossier.code }} — {{ process.dossier.title }}"

    def has_view_permission(self, user, obj=None):
        """The process and task pages of a dossier open only for those who may see the dossier."""
        if not super().has_view_permission(user):
            return False
        if obj is not None and not rules.can_view(user, dossier_of(obj)):
            # Only the detail pages ask about one process: a stranger gets 404 there, as everywhere.
            raise Http404(_("Không tìm thấy hồ sơ."))
        return True

    def start_process(self, activation, dossier):
        activation.process.dossier = dossier
        return activation.process


def _flow_class(class_name: str, route, summary: str):
    return type(
        class_name,
        (RouteFlowMixin, flow.Flow),
        {
            "__module__": __name__,
            "__qualname__": class_name,
            "__doc__": f"Hồ sơ đề nghị khen thưởng — {route.label}\n\n{summary}",
            "process_title": _("Hồ sơ đề nghị khen thưởng"),
            **route_nodes(route),
        },
    )


# The three-tier flow keeps its class name: every process made before the two-tier route stores it.
DossierFlow = _flow_class(
    "DossierFlow",
    THREE_TIER,
    "Thôn lập hồ sơ → xã xét duyệt → huyện tổng hợp, thẩm định → Chủ tịch quyết định (→ tỉnh).",
)
TwoTierFlow = _flow_class(
    "TwoTierFlow",
    TWO_TIER,
    "Thôn lập hồ sơ → xã tiếp nhận, cho ý kiến, họp xét, thẩm định → Chủ tịch UBND xã quyết định "
    "(→ Sở Nội vụ thẩm định → Chủ tịch UBND tỉnh quyết định).",
)
FLOWS = {THREE_TIER.name: DossierFlow, TWO_TIER.name: TwoTierFlow}  # one per route (test_route_declaration)


def flow_of(dossier):
    """The flow class of the dossier's route."""
    return FLOWS[dossier.route]


def stage_tasks(stage_name: str) -> list:
    """The flow nodes, across every route's flow, that hold a dossier's task at ``stage_name`` (for queries
    over the tasks of a stage, whatever the route)."""
    return [
        getattr(FLOWS[name], stage_name) for name, route in ROUTES.items() if stage_name in route.stages_by_name
    ]
