"""A page of dossiers and the counts by status of every dossier that matches, from one scan.

The list shows both. Counting separately made the database find the matching dossiers twice; window counts
ride along with the page's ids instead, so the page costs one pass over the matches. That pass reads ids and
statuses only: the page's 25 rows are then loaded by primary key, as joining their village, commune and round
for every match cost more than the scan itself. They come as the columns the page shows, not as models:
building 25 dossiers with their units cost more than the database took to find them.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, Window


def counted_page(dossiers, statuses: list[str], requested, size: int, columns: tuple) -> tuple[Page, dict]:
    """The requested page of ``dossiers`` (ordered), as dicts of ``columns`` and "pk", and {status: count}
    over all of them."""
    number = _number(requested)
    windows = {f"count_{status}": Window(Count("pk", filter=Q(status=status))) for status in statuses}
    found = _slice(dossiers.annotate(**windows).values("pk", *windows), number, size)
    if found:
        counts = {status: found[0][f"count_{status}"] for status in statuses}
    else:  # nothing matches, or the page is past the end (an old link): count the usual way
        counts = dict(dossiers.order_by().values_list("status").annotate(n=Count("pk")))
    paginator = Paginator(dossiers, size)
    paginator.count = sum(counts.values())
    last = paginator.num_pages
    if not found and number > last and paginator.count:
        number, found = last, _slice(dossiers.values("pk"), last, size)
    rows = _rows(dossiers, [row["pk"] for row in found], columns)
    return Page(rows, min(number, last), paginator), counts


def _slice(dossiers, number: int, size: int) -> list:
    return list(dossiers[(number - 1) * size : number * size])


def _rows(dossiers, ids: list[int], columns: tuple) -> list[dict]:
    if not ids:
        return []
    # The ids come from the filtered query a moment ago: by primary key alone, the database need not check
    # the filters again. A dossier deleted in between (a draft) is left out.
    loaded = dossiers.model.objects.filter(pk__in=ids).values("pk", *columns)
    by_id = {row["pk"]: row for row in loaded}
    return [by_id[pk] for pk in ids if pk in by_id]


LAST_PAGE_ASKED = 10**6  # a larger number only means "the last page", and must not overflow the OFFSET


def _number(requested) -> int:
    try:
        return min(max(1, int(requested)), LAST_PAGE_ASKED)
    except (TypeError, ValueError):
        return 1
