"""The flow chart of a dossier's route, drawn by viewflow from the flow (itself built from the route), with
the stages the dossier has passed filled in and the one it is at outlined."""

from django.utils.safestring import mark_safe
from viewflow.workflow import chart

from workflows.flows import flow_of


def dossier_chart(dossier) -> str:
    """The SVG of the route, marked with where this dossier has been and is now. Node labels are the route's
    own (escaped by the template); no user-typed text is drawn."""
    flow_class = flow_of(dossier)
    grid = chart.calc_layout_data(flow_class)
    process = getattr(dossier, "process", None)
    if process is not None:
        chart.calc_cell_status(flow_class, grid, process.pk)
    return mark_safe(chart.grid_to_svg(grid))  # noqa: S308 (rendered by a template that escapes its text)
