"""Thống kê: where the dossiers are, what is overdue, and what was awarded, drawn on the server as SVG."""

import textwrap

from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import TruncMonth
from django.shortcuts import render
from django.utils.translation import gettext as _

from dossiers.models import AuditEvent, Nomination
from dossiers.selectors import dossiers_visible_to
from dossiers.states import NomineeKind, Outcome, Status
from dossiers.text import sort_key
from permissions.models import Agency, Unit
from workflows import queues
from workflows.inbox import overdue_filter

from ..report_reads import reports_on_replica

# The chart is drawn in CSS pixels, not scaled to its box: a 13-px label stays 13 px on a 360-px phone.
# Each label sits on its own lines above its bar, so a long name ("Giấy khen của Chủ tịch UBND huyện") is
# read whole rather than cut before the level that tells it from the commune's.
LINE_HEIGHT, BAR_HEIGHT, ROW_GAP = 18, 16, 10
LABEL_CHARS = 36  # what a line of 13-px text holds in a chart on a 360-px phone (about 290 px)
LONGEST_BAR = 80  # per cent of the chart's width, leaving room for the count after the longest bar


def _label_lines(label: str) -> list[str]:
    """The label on one or two lines; a longer one ends with "…" (the row's <title> holds it whole)."""
    lines = textwrap.wrap(label, LABEL_CHARS) or [label]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LABEL_CHARS, placeholder=" …")]
    return lines


def _bar_row(label: str, value: int, top: int, y: int) -> dict:
    lines = _label_lines(label)
    bar_y = y + LINE_HEIGHT * len(lines) + 2
    return {
        "label": label,
        "value": value,
        "lines": [(line, y + LINE_HEIGHT * (i + 1) - 4) for i, line in enumerate(lines)],
        "bar_y": bar_y,
        "value_y": bar_y + BAR_HEIGHT - 3,
        "percent": max(1, round(LONGEST_BAR * value / top)),
        "height": LINE_HEIGHT * len(lines) + 2 + BAR_HEIGHT + ROW_GAP,
    }


def bars(pairs):
    """[(label, value)] → rows with their geometry for templates/workflows/_bars.html."""
    pairs = [(str(label), value) for label, value in pairs if value]
    top = max((v for _, v in pairs), default=0) or 1
    rows, y = [], 0
    for label, value in pairs:
        rows.append(_bar_row(label, value, top, y))
        y += rows[-1]["height"]
    return {"rows": rows, "height": max(1, y), "bar_height": BAR_HEIGHT}


def _overdue_by_agency(dossiers):
    counted = queues.count_by_agency(queues.dossiers_open_tasks(dossiers).filter(overdue_filter()))
    names = dict(Agency.objects.filter(pk__in=[pk for pk, _n in counted]).values_list("pk", "name"))
    return [(names.get(pk, pk), n) for pk, n in counted]


def _by_commune(dossiers):
    """[(commune's name, dossiers)] in Vietnamese order ("Xã Đak Djrăng" before "Xã Lơ Pang", which no database
    collation promises). Counted by commune first (two communes of one name stay two bars), each of the few
    communes then named by a subquery: joined before counting, the country's units (56,000 at a million
    dossiers) would be read."""
    name = Unit.objects.filter(pk=OuterRef("commune")).order_by().values("name")[:1]
    counted = dossiers.order_by().values("commune").annotate(n=Count("pk"), name=Subquery(name))
    return sorted(counted.values_list("name", "n"), key=lambda row: sort_key(row[0]))


@login_required
@reports_on_replica()
def dashboard(request):
    dossiers = dossiers_visible_to(request.user, request.acting)
    by_status = dict(dossiers.order_by().values_list("status").annotate(n=Count("pk")))
    by_commune = _by_commune(dossiers)
    decided = (
        AuditEvent.objects.filter(dossier__in=dossiers, to_status=Status.DECIDED)
        .exclude(from_status=Status.DECIDED)
        .annotate(month=TruncMonth("at"))
        .order_by("month")
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    awarded = Nomination.objects.filter(dossier__in=dossiers, outcome=Outcome.AWARDED)
    by_form = awarded.order_by("award_form__position").values_list("award_form__name").annotate(n=Count("pk"))
    by_kind = dict(awarded.order_by().values_list("nominee_kind").annotate(n=Count("pk")))
    charts = [
        (_("Hồ sơ theo trạng thái"), bars([(s.label, by_status.get(s.value, 0)) for s in Status])),
        (_("Hồ sơ theo xã"), bars(list(by_commune))),
        (_("Việc quá hạn theo cơ quan"), bars(_overdue_by_agency(dossiers))),
        (_("Hồ sơ được quyết định theo tháng"), bars([(m.strftime("%m/%Y"), n) for m, n in decided if m])),
        (_("Khen thưởng theo hình thức"), bars(list(by_form))),
        (_("Khen thưởng theo đối tượng"), bars([(k.label, by_kind.get(k.value, 0)) for k in NomineeKind])),
    ]
    return render(request, "workflows/dashboard.html", {"charts": charts, "total": sum(by_status.values())})
