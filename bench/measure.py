"""Measure the pages on a seeded database: median and p95 server time, SQL queries, and the time of the one
query that returns the same rows (the floor). Appends a table to docs/performance.md.

    python -m bench.measure --size "10,000 dossiers=khenthuong_bench" --size "100,000 dossiers=khenthuong_bench100k"

(DATABASE_URL gives the server and user; each --size names a database seeded by bench.seed.)
"""

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from dossiers.models import Dossier, Round  # noqa: E402
from dossiers.selectors import dossiers_visible_to  # noqa: E402
from dossiers.text import fold  # noqa: E402
from permissions import rules  # noqa: E402
from permissions.grants import user_agency_ids  # noqa: E402
from web.pages.paging import page_statement  # noqa: E402
from workflows.inbox import filtered, sorted_tasks, tab_tasks  # noqa: E402
from workflows.selectors import ORDER, inbox_tasks  # noqa: E402

RUNS = 40


def milliseconds(call) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


@dataclass
class Case:
    """A page to time: how to ask for it, the one statement that returns its rows (its floor), if it has one,
    and the answer it gives (an export of a long list answers with the file's page)."""

    name: str
    call: Callable
    floor: Any = None
    status: tuple = (200,)


def timed(case: Case) -> tuple[float, float, int, float | None]:
    """(median, p95, SQL queries) of the page and the median of its floor, the two timed alternately so
    that the machine's drift weighs on both alike."""
    pages, floors, queries = [], [], 0
    for i in range(RUNS + 3):
        connection.queries_log.clear()  # a full log (9,000 queries) would count none
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = case.call()
            page = (time.perf_counter() - start) * 1000
        assert response.status_code in case.status, (case.name, response)
        if case.floor is not None:  # .all(): a fresh query, no cached rows
            floors.append(milliseconds(lambda: list(case.floor.all())))
        if i >= 3:  # warm-up runs are not counted
            pages.append(page)
            queries = len(captured)
    pages.sort()
    floors = floors[3:]
    floor = statistics.median(floors) if floors else None
    return statistics.median(pages), pages[int(len(pages) * 0.95) - 1], queries, floor


def _api_inbox_floor(officer):
    """The API's 50 tasks with their dossiers in one SQL statement: the first 50 of each half, merged."""
    related = ("owner", "process__dossierprocess__dossier")
    first = [half.select_related(*related).order_by(*ORDER)[:50] for half in inbox_tasks(officer).halves]
    return first[0].union(first[1], all=True).order_by(*ORDER)[:50]


FRAME = "signed-in page with no data (role choice)"
OUR_INBOX, STOCK_QUEUE = "inbox page (unit tab)", "viewflow's own queue page (stock)"


def _signed_in(username, api=False):
    client = APIClient() if api else Client()
    user = get_user_model().objects.get(username=username)
    client.force_authenticate(user) if api else client.force_login(user)
    return client, user


def cases() -> list[Case]:
    # The district appraiser's queue fills a 50-task page at both sizes (a commune's may not at 10,000), so
    # the two sizes compare the same page and any growth comes from the tables.
    (pages, officer), (api, _) = _signed_in("huyen.noivu"), _signed_in("huyen.noivu", api=True)
    (reader, inspector), (province, _) = _signed_in("huyen.thanhtra"), _signed_in("tinh.noivu")
    acting = rules.memberships_of(officer)[0]
    inbox = sorted_tasks(filtered(tab_tasks(officer, acting, "unit"), {}), "-waiting")[:50]
    # A family name typed without diacritics: about one household in five is a Nguyễn, so the district's
    # dossiers in appraisal fill a 25-row page at both sizes, and the two sizes compare the same page.
    search = "nguyen"
    listed = dossiers_visible_to(inspector).filter(status="appraisal", search_text__contains=fold(search))
    dossier = Dossier.objects.filter(commune__code="GL-MY-DD").exclude(status="draft").order_by("pk").first()
    listed_rows = page_statement(listed.order_by("-status_changed", "-pk"), ["appraisal"], 1, 25)
    round_id = Round.objects.order_by("-year", "pk").values_list("pk", flat=True).first()
    return [
        Case(OUR_INBOX, lambda: pages.get("/inbox/?tab=unit"), inbox),
        Case("inbox API", lambda: api.get("/api/inbox/"), _api_inbox_floor(officer)),
        # viewflow's stock queue and inbox (bench/stock_urls.py) for the same official on the same database.
        Case(STOCK_QUEUE, lambda: pages.get("/workflow/award/dossier/queue/", HTTP_X_BENCH_STOCK="1")),
        Case(
            "viewflow's own inbox page (stock)",
            lambda: pages.get("/workflow/award/dossier/inbox/", HTTP_X_BENCH_STOCK="1"),
        ),
        Case(
            "dossier list, filter + search",
            lambda: reader.get(f"/dossiers/?status=appraisal&q={search}"),
            listed_rows,
        ),
        # Not a page anyone reads for its data: the lightest signed-in page there is (the header and menu
        # around one short form), the frame every page pays; each data page is compared with it.
        Case(FRAME, lambda: reader.get("/role/"), listed_rows),
        Case(
            "dossier page",
            lambda: pages.get(f"/dossiers/{dossier.pk}/"),
            Dossier.objects.filter(pk=dossier.pk),
        ),
        Case(
            "dossier history",
            lambda: pages.get(f"/dossiers/{dossier.pk}/history/"),
            dossier.events.select_related("actor", "unit").order_by("at", "pk"),
        ),
        Case("audit log (inspector, first page)", lambda: reader.get("/audit/")),
        Case("dashboard (province)", lambda: province.get("/dashboard/")),
        Case("statistics of a round (province)", lambda: province.get(f"/statistics/?round={round_id}")),
        # Inline up to INLINE_EXPORT_DOSSIERS dossiers; a longer list is built by the job (302 to its page).
        Case(
            "xlsx export of the filtered list",
            lambda: reader.get(f"/dossiers/?status=appraisal&q={search}&format=xlsx"),
            status=(200, 302),
        ),
    ]


def agency_ids():
    """The known risk: viewflow's queue puts all of a user's guardian object permissions in one IN (…)."""
    User = get_user_model()
    sizes = {
        name: len(user_agency_ids(User.objects.get(username=name))) for name in ("xa.a.canbo", "huyen.noivu")
    }
    listed = ", ".join(f"{name} {size}" for name, size in sizes.items())
    return f"Agency ids in the task queue's `IN (…)` (guardian permissions per official): {listed}."


def search_plans():
    """PostgreSQL's plans for a search typed with and without diacritics: in a district's list, in the
    province's list (where the trigram index pays) and in the inbox."""
    User = get_user_model()
    inspector, officer = User.objects.get(username="huyen.thanhtra"), User.objects.get(username="huyen.noivu")
    province = User.objects.get(username="tinh.noivu")
    acting = rules.memberships_of(officer)[0]
    lines = []
    for typed in ("Nguyễn Văn Đức", "nguyen van duc"):
        in_appraisal = dossiers_visible_to(inspector).filter(status="appraisal")
        for where, queryset in (
            ("district's dossier list, in appraisal", _first_page(in_appraisal, typed)),
            ("province's dossier list", _first_page(dossiers_visible_to(province), typed)),
            ("inbox", filtered(tab_tasks(officer, acting, "unit"), {"q": typed})),
        ):
            lines += [f"{where}, search typed as “{typed}”:", "", "```", queryset.explain(), "```", ""]
    measured = dossiers_visible_to(inspector).filter(status="appraisal", search_text__contains="nguyen")
    statement = page_statement(measured.order_by("-status_changed", "-pk"), ["appraisal"], 1, 25)
    plan = statement.explain(analyze=True)
    return [
        *lines,
        "The measured list's statement (“nguyen”, in appraisal), run:",
        "",
        "```",
        plan,
        "```",
        "",
    ]


def _first_page(dossiers, typed: str):
    return dossiers.filter(search_text__contains=fold(typed)).order_by("-status_changed", "-pk")[:25]


def use_database(name: str) -> None:
    """Point the connection at another seeded database (the sizes are measured turn by turn)."""
    connection.close()
    connection.settings_dict["NAME"] = name
    ContentType.objects.clear_cache()  # ids differ from one database to another


def measure(sizes: list[tuple[str, str]], rounds: int) -> dict:
    """{(size, page): (median, p95, queries, floor)}, each size measured in turn, ``rounds`` times.

    The machine's speed drifts by a third from one minute to the next (a shared virtual machine), so the
    sizes take turns and each keeps its fastest round, as timeit does: both then face the same machine.
    """
    best: dict = {}
    for _ in range(rounds):
        for label, database in sizes:
            use_database(database)
            for case in cases():
                measured = timed(case)
                old = best.get((label, case.name))
                best[(label, case.name)] = (
                    measured if old is None else min(old, measured)
                )  # the fastest round
    return best


def tables(sizes: list[tuple[str, str]], best: dict) -> list[str]:
    """Per size: each page's time, queries, floor and what it costs in units of its floor and of the frame
    (the lightest signed-in page); then each page across the sizes, and ours against viewflow's stock queue."""
    pages = list(dict.fromkeys(name for _, name in best))
    lines = [
        "| page | data | median ms | p95 ms | SQL queries | floor ms | page ÷ floor | page ÷ frame |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, _ in sizes:
        frame = best[(label, FRAME)][0]
        for name in pages:
            median, p95, queries, base = best[(label, name)]
            floor = f"{base:.2f} | {median / base:.1f}" if base else "– | –"
            lines.append(
                f"| {name} | {label} | {median:.1f} | {p95:.1f} | {queries} | {floor} | {median / frame:.1f} |"
            )
    lines += ["", "| data | our inbox ms | viewflow's queue ms | viewflow ÷ ours |", "|---|---|---|---|"]
    for label, _ in sizes:
        ours, stock = best[(label, OUR_INBOX)][0], best[(label, STOCK_QUEUE)][0]
        lines.append(f"| {label} | {ours:.1f} | {stock:.1f} | {stock / ours:.1f} |")
    if len(sizes) > 1:
        lines += [
            "",
            "| page | "
            + " → ".join(f"queries {label}" for label, _ in sizes)
            + " | time largest ÷ previous |",
        ]
        lines.append("|---|---|---|")
        for name in pages:
            counts = " → ".join(str(best[(label, name)][2]) for label, _ in sizes)
            growth = best[(sizes[-1][0], name)][0] / best[(sizes[-2][0], name)][0]
            lines.append(f"| {name} | {counts} | {growth:.2f} |")
    return lines


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--size", action="append", metavar="LABEL=DATABASE", help="a seeded database and its label"
    )
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    settings.DEBUG = False
    # viewflow's stock pages, asked for by a header on the same client (bench/stock_urls.py).
    settings.MIDDLEWARE = ["bench.stock_urls.StockViewflowMiddleware", *settings.MIDDLEWARE]
    sizes = [
        tuple(size.split("=", 1))
        for size in args.size or [f"this database={connection.settings_dict['NAME']}"]
    ]
    best = measure(sizes, args.rounds)
    use_database(sizes[-1][1])  # the plans and permission ids of the largest
    header = [
        "",
        f"### {' and '.join(label for label, _ in sizes)} — {datetime.date.today():%d/%m/%Y}, {platform.machine()}, "
        f"{os.cpu_count()} cores, {connection.vendor} {connection.pg_version if connection.vendor == 'postgresql' else ''}, "
        f"best of {args.rounds} rounds",
        "",
    ]
    plans = search_plans() if connection.vendor == "postgresql" else []
    output = "\n".join(header + tables(sizes, best) + ["", agency_ids(), ""] + plans) + "\n"
    print(output)
    with open(ROOT / "docs" / "performance.md", "a") as doc:
        doc.write(output)
