"""Thống kê: where the dossiers are, what is overdue, and what was awarded, drawn on the server as SVG."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.shortcuts import render
from django.utils.translation import gettext as _

from dossiers.models import AuditEvent, Nomination
from dossiers.selectors import dossiers_visible_to
from dossiers.states import NomineeKind, Outcome, Status
from permissions.models import Agency

from ..inbox import overdue_filter
from ..services.tasks import ACTIVE

BAR_HEIGHT, LABEL_WIDTH, CHART_WIDTH = 28, 190, 460


def bars(pairs):
    """[(label, value)] → rows with bar geometry for templates/workflows/_bars.html."""
    pairs = [(str(label), value) for label, value in pairs if value]
    top = max((v for _, v in pairs), default=0) or 1
    rows = [
        {
            "label": label,
            "value": value,
            "y": i * BAR_HEIGHT,
            "width": max(2, round((CHART_WIDTH - LABEL_WIDTH - 50) * value / top)),
        }
        for i, (label, value) in enumerate(pairs)
    ]
    return {
        "rows": rows,
        "height": max(1, len(rows)) * BAR_HEIGHT,
        "width": CHART_WIDTH,
        "label_width": LABEL_WIDTH,
    }


def _overdue_by_agency(dossiers):
    from viewflow.workflow.models import Task

    tasks = Task.objects.filter(
        flow_task_type="HUMAN", status__in=ACTIVE, process__dossierprocess__dossier__in=dossiers
    )
    counted = tasks.filter(overdue_filter()).values_list("owner_permission_obj_pk").annotate(n=Count("pk"))
    names = dict(Agency.objects.filter(pk__in=[pk for pk, _n in counted]).values_list("pk", "name"))
    return [(names.get(int(pk), pk), n) for pk, n in counted]


@login_required
def dashboard(request):
    dossiers = dossiers_visible_to(request.user, request.acting)
    by_status = dict(dossiers.order_by().values_list("status").annotate(n=Count("pk")))
    by_commune = dossiers.order_by("commune__name").values_list("commune__name").annotate(n=Count("pk"))
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
