"""Statistics of a round over the dossiers a user may see: tables of (title, headers, rows)."""

from collections import defaultdict

from django.db.models import Count, Q
from viewflow.workflow.models import Task

from dossiers.models import Nomination
from dossiers.states import NomineeKind, Outcome, Status

from .deadlines import WorkingCalendar
from .routing import STAGES

AWARDED = Q(outcome=Outcome.AWARDED)
DECIDED = Q(outcome__in=[Outcome.AWARDED, Outcome.NOT_AWARDED])


def _rate(awarded, decided):
    return round(100 * awarded / decided, 1) if decided else None


def round_tables(dossiers) -> list[tuple[str, list[str], list[list]]]:
    nominations = Nomination.objects.filter(dossier__in=dossiers)
    by_status = dict(dossiers.order_by().values_list("status").annotate(n=Count("pk")))
    nominations_by_status = dict(
        nominations.order_by().values_list("dossier__status").annotate(n=Count("pk"))
    )
    tables = [
        (
            "Theo trạng thái",
            ["Trạng thái", "Số hồ sơ", "Số đề nghị"],
            [
                [str(s.label), by_status.get(s.value, 0), nominations_by_status.get(s.value, 0)]
                for s in Status
            ],
        )
    ]
    communes = (
        nominations.order_by("dossier__commune__name")
        .values_list("dossier__commune__name")
        .annotate(
            dossiers=Count("dossier", distinct=True),
            n=Count("pk"),
            awarded=Count("pk", filter=AWARDED),
            decided=Count("pk", filter=DECIDED),
        )
    )
    tables.append(
        (
            "Theo xã",
            ["Xã", "Số hồ sơ", "Số đề nghị", "Được khen thưởng", "Tỷ lệ được khen (%)"],
            [[c, d, n, a, _rate(a, dec)] for c, d, n, a, dec in communes],
        )
    )
    forms = (
        nominations.order_by("award_form__position")
        .values_list("award_form__name")
        .annotate(n=Count("pk"), awarded=Count("pk", filter=AWARDED), decided=Count("pk", filter=DECIDED))
    )
    tables.append(
        (
            "Theo hình thức",
            ["Hình thức khen thưởng", "Số đề nghị", "Được khen thưởng", "Tỷ lệ (%)"],
            [[f, n, a, _rate(a, dec)] for f, n, a, dec in forms],
        )
    )
    kinds = {
        k: (n, a, dec)
        for k, n, a, dec in nominations.order_by()
        .values_list("nominee_kind")
        .annotate(n=Count("pk"), awarded=Count("pk", filter=AWARDED), decided=Count("pk", filter=DECIDED))
    }
    tables.append(
        (
            "Theo đối tượng",
            ["Đối tượng", "Số đề nghị", "Được khen thưởng", "Tỷ lệ (%)"],
            [
                [
                    str(k.label),
                    *kinds.get(k.value, (0, 0, 0))[:2],
                    _rate(kinds.get(k.value, (0, 0, 0))[1], kinds.get(k.value, (0, 0, 0))[2]),
                ]
                for k in NomineeKind
            ],
        )
    )
    tables.append(
        (
            "Thời gian xử lý",
            ["Bước", "Số lần hoàn thành", "Trung bình (ngày làm việc)"],
            _stage_times(dossiers),
        )
    )
    return tables


def _stage_times(dossiers):
    calendar, spent = WorkingCalendar(), defaultdict(list)
    done = Task.objects.filter(
        flow_task_type="HUMAN", status="DONE", process__dossierprocess__dossier__in=dossiers
    )
    for flow_task, created, finished in done.values_list("flow_task", "created", "finished").iterator(
        chunk_size=2000
    ):
        spent[flow_task.name].append(calendar.between(created.date(), finished.date()))
    return [
        [
            str(stage.label),
            len(spent[stage.name]),
            round(sum(spent[stage.name]) / len(spent[stage.name]), 1) if spent[stage.name] else None,
        ]
        for stage in STAGES
    ]
