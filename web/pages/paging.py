"""A page of dossiers and the counts by status of every dossier that matches, in one statement.

The list shows both. Counting separately made the database find the matching dossiers twice; window counts
ride along with the page's rows instead, so the page costs one pass over the matches. The names of each row's
village, commune and round are scalar subqueries, which PostgreSQL evaluates after the LIMIT: for the 25 rows
shown, not for every match (joining them for every match cost more than the scan itself). Rows come as the
columns the page shows, not as models: building 25 dossiers with their units cost more than the database took
to find them.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Q, Subquery, Window

from dossiers.models import Round
from permissions.models import Unit

COLUMNS = ("pk", "code", "title", "status", "status_changed", "nominations_count")
NAMES = {
    "village_name": (Unit, "village_id"),
    "commune_name": (Unit, "commune_id"),
    "round_name": (Round, "round_id"),
}


def page_statement(dossiers, statuses: list[str], number: int, size: int):
    """The one query that returns page ``number`` of ``dossiers`` (ordered), with the counts by status of
    every match as ``count_<status>`` on each row."""
    windows = {f"count_{status}": Window(Count("pk", filter=Q(status=status))) for status in statuses}
    return _named(dossiers).annotate(**windows).values(*COLUMNS, *NAMES, *windows)[_bounds(number, size)]


def counted_page(dossiers, statuses: list[str], requested, size: int) -> tuple[Page, dict]:
    """The requested page of ``dossiers`` (ordered), as dicts of COLUMNS and NAMES, and {status: count}
    over all of them."""
    number = _number(requested)
    found = list(page_statement(dossiers, statuses, number, size))
    if found:
        counts = {status: found[0][f"count_{status}"] for status in statuses}
    else:  # nothing matches, or the page is past the end (an old link): count the usual way
        counts = dict(dossiers.order_by().values_list("status").annotate(n=Count("pk")))
    paginator = Paginator(dossiers, size)
    paginator.count = sum(counts.values())
    last = paginator.num_pages
    if not found and number > last and paginator.count:
        number, found = last, list(_named(dossiers).values(*COLUMNS, *NAMES)[_bounds(last, size)])
    return Page(found, min(number, last), paginator), counts


def _named(dossiers):
    return dossiers.annotate(
        **{
            name: Subquery(model.objects.filter(pk=OuterRef(column)).order_by().values("name"))
            for name, (model, column) in NAMES.items()
        }
    )


def _bounds(number: int, size: int) -> slice:
    return slice((number - 1) * size, number * size)


LAST_PAGE_ASKED = 10**6  # a larger number only means "the last page", and must not overflow the OFFSET


def _number(requested) -> int:
    try:
        return min(max(1, int(requested)), LAST_PAGE_ASKED)
    except (TypeError, ValueError):
        return 1
