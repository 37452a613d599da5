"""The inbox table's rows: what each shows, and its data cells written in Python.

The inbox is the page officials open most, 50 rows at a time. Through the template language each row cost
more than the database took to find it (some 35 lookups a row), so the six data cells are written here with
format_html, which escapes every value. The checkbox and the action cell stay in templates/workflows/inbox.html.
"""

from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from permissions import rules
from permissions.names import full_name
from publicity.selectors import comment_counts
from workflows import queues
from workflows.deadlines import due_date, task_limit, waited
from workflows.routes import STEPS_BY_NAME, stage_named

from .rows import detail_urls, escaped_labels, place

CELLS = (
    '<td data-label="{l_code}"><a href="{url}">{code}</a></td><td data-label="{l_title}">{title}</td>'
    '<td data-label="{l_place}">{place}</td><td data-label="{l_stage}">{stage}{holder}</td>'
    '<td data-label="{l_count}">{count}{comments}</td>'
    '<td data-label="{l_wait}">{waited} {l_days} <span class="small muted">({created})</span>{due}{overdue}</td>'
)


def inbox_rows(
    tasks, calendar, *, tab: str, deciding_allowed: bool, claimable: set[int], reader=None
) -> tuple[list[dict], bool]:
    """The rows of a page of tasks, and whether the page offers a decision (a chair, a deciding stage).

    ``claimable``: the agencies whose unclaimed tasks the user may claim (a chair also sees, to hand them
    on, the unclaimed tasks of agencies of the unit they do not work in). ``reader``: (user, acting role),
    to count each dossier's public comments for those who may read them (one query for the page)."""
    url_of = detail_urls()
    rows = [_row(task, calendar, url_of) for task in tasks]
    _count_public_comments(rows, reader)
    deciding = deciding_allowed and any(row["stage"].decision_level for row in rows)
    labels = _labels()
    for row in rows:
        task = row["task"]
        # The checkbox: a task to claim, or a dossier to put in a decision.
        claim = tab == "unit" and not task.owner_id and queues.task_agency_id(task) in claimable
        row["pickable"] = claim or bool(deciding and row["stage"].decision_level)
        row["cells"] = _cells(row, labels, holder=tab == "held", done=tab == "done")
    return rows, deciding


def _row(task, calendar, url_of) -> dict:
    dossier = task.process.dossierprocess.dossier
    stage = stage_named(task.flow_task.name)
    limit = task_limit(task, calendar)
    finished = task.status == STATUS.DONE and task.finished
    # A finished task waited until it was finished, not until today.
    days = waited(task.created, calendar, timezone.localtime(finished).date() if finished else None)
    due = due_date(task, calendar)
    return {
        "task": task,
        "dossier": dossier,
        "url": url_of(dossier.pk),
        "stage": stage,
        "waited": days,
        "overdue": not finished and limit is not None and days > limit,
        "limit": limit,
        "due": f"{due:%d/%m/%Y}" if due else "",
    }


def _count_public_comments(rows, reader) -> None:
    readable = [
        row for row in rows if reader and rules.may_read_public_comments(reader[0], row["dossier"], reader[1])
    ]
    counts = comment_counts({row["dossier"].pk for row in readable}) if readable else {}
    for row in rows:
        row["public_comments"] = counts.get(row["dossier"].pk, 0)


def _labels() -> dict:
    return escaped_labels(
        l_code=_("Mã hồ sơ"),
        l_title=_("Tiêu đề"),
        l_place=_("Thôn / Xã"),
        l_stage=_("Bước"),
        l_count=_("Số đề nghị"),
        l_wait=_("Chờ"),
        l_days=_("ngày"),
        l_due=_("Hạn"),
        l_overdue=_("Quá hạn"),
        l_holder=_("Đang do"),
        l_done=_("Đã xử lý"),
        l_comments=_("góp ý của người dân"),
    )


def _cells(row, labels, *, holder: bool, done: bool):
    dossier, task = row["dossier"], row["task"]
    parts = {"holder": "", "due": "", "overdue": "", "comments": ""}
    if row["public_comments"]:
        parts["comments"] = format_html(
            '<br><span class="small" data-testid="public-comment-count">{} {}</span>',
            row["public_comments"],
            labels["l_comments"],
        )
    if holder and task.owner_id:
        parts["holder"] = format_html(
            '<br><span class="small muted">{} {}</span>', labels["l_holder"], full_name(task.owner)
        )
    if done:
        parts["holder"] = _outcome(task, labels)
    if not done and row["due"]:
        parts["due"] = format_html('<br><span class="small">{}: {}</span>', labels["l_due"], row["due"])
    if row["overdue"]:
        parts["overdue"] = format_html(
            '<br><span class="overdue-mark">⚠ {} ({} {})</span>',
            labels["l_overdue"],
            row["limit"],
            labels["l_days"],
        )
    return format_html(
        CELLS,
        **labels,
        **parts,
        url=row["url"],
        code=dossier.code,
        title=dossier.title,
        place=place(dossier.village.name, dossier.commune.name),
        stage=row["stage"].label,
        count=dossier.nominations_count,
        waited=row["waited"],
        created=f"{timezone.localtime(task.created):%d/%m/%Y}",
    )


def _outcome(task, labels):
    """What became of a finished task: the step fired, by whom, when (the one who fires a step completes its
    task and becomes its owner)."""
    step = STEPS_BY_NAME.get((task.data or {}).get("transition"))
    finished = f"{timezone.localtime(task.finished):%d/%m/%Y %H:%M}" if task.finished else ""
    return format_html(
        '<br><span class="small" data-testid="outcome">✓ {}: {} — {}, {}</span>',
        labels["l_done"],
        step.title if step else "",
        full_name(task.owner) if task.owner_id else "",
        finished,
    )
