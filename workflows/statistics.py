"""Statistics of a round over the dossiers a user may see: tables of (title, headers, rows, caption).

Every rate is shown next to the two counts it is made of, and its caption says what it divides by what.
"""

from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers.models import Nomination
from dossiers.states import NomineeKind, Outcome, Status
from dossiers.text import sort_key

from . import queues
from .deadlines import WorkingCalendar
from .routes import ROUTES

OUTCOME_COUNTS = {
    "n": Count("pk"),
    "awarded": Count("pk", filter=Q(outcome=Outcome.AWARDED)),
    "not_awarded": Count("pk", filter=Q(outcome=Outcome.NOT_AWARDED)),
}


def _outcome_headers() -> list[str]:
    return [
        _("Số đề nghị"),
        _("Được khen thưởng"),
        _("Không được khen thưởng"),
        _("Chưa có kết quả"),
        _("Tỷ lệ được khen (%)"),
    ]


def _rate_caption() -> str:
    # Over every nomination, not only the decided ones: a round whose forwarded or pending nominations are
    # left out of the denominator reads "100 %" while half of its nominees have no award yet.
    return _(
        "Tỷ lệ được khen (%) = số đề nghị được khen thưởng / tổng số đề nghị × 100, trên mọi đề nghị của đợt "
        "mà bạn được xem, kể cả đề nghị chưa có kết quả (đang xử lý, hoặc đã trình tỉnh và chờ tỉnh quyết "
        "định). Số đề nghị = được khen thưởng + không được khen thưởng + chưa có kết quả."
    )


def _outcomes(n: int, awarded: int, not_awarded: int) -> list:
    return [n, awarded, not_awarded, n - awarded - not_awarded, _rate(awarded, n)]


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def round_tables(dossiers) -> list[tuple[str, list[str], list[list], str]]:
    nominations = Nomination.objects.filter(dossier__in=dossiers)
    return [
        _by_status(dossiers, nominations),
        _by_commune(nominations),
        _by_form(nominations),
        _by_kind(nominations),
        (
            _("Thời gian xử lý"),
            [_("Bước"), _("Số lần hoàn thành"), _("Trung bình (ngày làm việc)")],
            _stage_times(dossiers),
            _(
                "Thời gian một bước = số ngày làm việc từ ngày hồ sơ đến bước đó đến ngày bước đó hoàn "
                "thành; trung bình trên các lần hoàn thành của hồ sơ trong đợt."
            ),
        ),
    ]


def _by_status(dossiers, nominations):
    by_status = dict(dossiers.order_by().values_list("status").annotate(n=Count("pk")))
    nominations_by_status = dict(
        nominations.order_by().values_list("dossier__status").annotate(n=Count("pk"))
    )
    rows = [
        [str(s.label), by_status.get(s.value, 0), nominations_by_status.get(s.value, 0)] for s in Status
    ]
    return _("Theo trạng thái"), [_("Trạng thái"), _("Số hồ sơ"), _("Số đề nghị")], rows, ""


def _by_commune(nominations):
    # Grouped by the commune itself: two communes of one name in different districts stay two rows.
    communes = (
        nominations.order_by()
        .values_list("dossier__commune_id", "dossier__commune__name")
        .annotate(dossiers=Count("dossier", distinct=True), **OUTCOME_COUNTS)
    )
    # In Vietnamese order ("Xã Đak Djrăng" before "Xã Lơ Pang"), which no database collation promises.
    ordered = sorted(communes, key=lambda row: sort_key(row[1]))
    rows = [[name, d, *_outcomes(n, a, na)] for _pk, name, d, n, a, na in ordered]
    return _("Theo xã"), [_("Xã"), _("Số hồ sơ"), *_outcome_headers()], rows, _rate_caption()


def _by_form(nominations):
    forms = (
        nominations.order_by("award_form__position", "award_form_id")
        .values_list("award_form_id", "award_form__name")
        .annotate(**OUTCOME_COUNTS)
    )
    rows = [[name, *_outcomes(n, a, na)] for _pk, name, n, a, na in forms]
    return _("Theo hình thức"), [_("Hình thức khen thưởng"), *_outcome_headers()], rows, _rate_caption()


def _by_kind(nominations):
    kinds = {
        kind: (n, a, na)
        for kind, n, a, na in nominations.order_by().values_list("nominee_kind").annotate(**OUTCOME_COUNTS)
    }
    rows = [[str(k.label), *_outcomes(*kinds.get(k.value, (0, 0, 0)))] for k in NomineeKind]
    return _("Theo đối tượng"), [_("Đối tượng"), *_outcome_headers()], rows, _rate_caption()


def _stage_times(dossiers):
    calendar, spent = WorkingCalendar(), defaultdict(list)
    done = queues.dossiers_done_tasks(dossiers)
    for flow_task, created, finished in done.values_list("flow_task", "created", "finished").iterator(
        chunk_size=2000
    ):
        # Local dates, as the inbox counts them: 06:00 in Vietnam is still the day before in UTC.
        days = calendar.between(timezone.localtime(created).date(), timezone.localtime(finished).date())
        spent[flow_task.name].append(days)
    return [
        [
            str(stage.label),
            len(spent[stage.name]),
            round(sum(spent[stage.name]) / len(spent[stage.name]), 1) if spent[stage.name] else None,
        ]
        for stage in _stages_of(dossiers)
    ]


def _stages_of(dossiers):
    """The stages of the routes these dossiers follow, each name once, in route order."""
    followed = set(dossiers.order_by().values_list("route", flat=True).distinct())
    stages = {}
    for name, route in ROUTES.items():
        if name in followed:
            stages.update({stage.name: stage for stage in route.stages if stage.name not in stages})
    return list(stages.values())
