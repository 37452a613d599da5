"""Measure the pages on a seeded database: median and p95 server time, SQL queries, and the time of the one
query that returns the same rows (the floor). Appends a table to docs/performance.md.

    python -m bench.measure --label "10,000 dossiers"
"""

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from dossiers.models import Dossier  # noqa: E402
from dossiers.selectors import dossiers_visible_to  # noqa: E402
from dossiers.text import fold  # noqa: E402
from permissions import rules  # noqa: E402
from permissions.grants import user_agency_ids  # noqa: E402
from workflows.inbox import filtered, sorted_tasks, tab_tasks  # noqa: E402
from workflows.selectors import inbox_tasks  # noqa: E402

RUNS = 40


def timed(call):
    durations, queries = [], 0
    for i in range(RUNS + 3):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = call()
            elapsed = (time.perf_counter() - start) * 1000
        assert getattr(response, "status_code", 200) == 200, response
        if i >= 3:  # warm-up runs are not counted
            durations.append(elapsed)
            queries = len(captured)
    durations.sort()
    return statistics.median(durations), durations[int(len(durations) * 0.95) - 1], queries


def floor(queryset):
    return timed(lambda: list(queryset.all()))[0]  # .all(): a fresh query each run, no cached rows


def cases():
    User = get_user_model()
    # The district appraiser's queue fills a 50-task page at both sizes (a commune's may not at 10,000), so
    # the two sizes compare the same page and any growth comes from the tables.
    officer, inspector = User.objects.get(username="huyen.noivu"), User.objects.get(username="huyen.thanhtra")
    pages, api, reader = Client(), APIClient(), Client()
    pages.force_login(officer)
    api.force_authenticate(officer)
    reader.force_login(inspector)
    acting = rules.memberships_of(officer)[0]
    inbox = sorted_tasks(filtered(tab_tasks(officer, acting, "unit"), {}), "-waiting")[:50]
    search = "nguyen van duc"
    listed = dossiers_visible_to(inspector).filter(status="appraisal", search_text__contains=fold(search))
    dossier = Dossier.objects.filter(commune__code="GL-MY-DD").exclude(status="draft").order_by("pk").first()
    return [
        ("inbox page (unit tab)", lambda: pages.get("/inbox/?tab=unit"), inbox),
        ("inbox API", lambda: api.get("/api/inbox/"), inbox_tasks(officer)[:50]),
        (
            "dossier list, filter + search",
            lambda: reader.get(f"/dossiers/?status=appraisal&q={search}"),
            listed.select_related("village", "commune", "round").order_by("-status_changed", "-pk")[:25],
        ),
        (
            "dossier page",
            lambda: pages.get(f"/dossiers/{dossier.pk}/"),
            Dossier.objects.filter(pk=dossier.pk),
        ),
        (
            "dossier history",
            lambda: pages.get(f"/dossiers/{dossier.pk}/history/"),
            dossier.events.select_related("actor", "unit").order_by("at", "pk"),
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
    """PostgreSQL's plans for a search typed with and without diacritics, in the list and in the inbox."""
    User = get_user_model()
    inspector, officer = User.objects.get(username="huyen.thanhtra"), User.objects.get(username="huyen.noivu")
    acting = rules.memberships_of(officer)[0]
    lines = []
    for typed in ("Nguyễn Văn Đức", "nguyen van duc"):
        listed = dossiers_visible_to(inspector).filter(search_text__contains=fold(typed))
        tasks = filtered(tab_tasks(officer, acting, "unit"), {"q": typed})
        for where, queryset in (
            ("dossier list", listed.order_by("-status_changed", "-pk")[:25]),
            ("inbox", tasks),
        ):
            lines += [f"{where}, search typed as “{typed}”:", "", "```", queryset.explain(), "```", ""]
    return lines


def run(label):
    rows = []
    for name, call, same_rows in cases():
        median, p95, queries = timed(call)
        base = floor(same_rows)
        rows.append(
            f"| {name} | {label} | {median:.1f} | {p95:.1f} | {queries} | {base:.2f} | {median / base:.1f} |"
        )
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--label", required=True)
    args = parser.parse_args()
    settings.DEBUG = False
    lines = run(args.label)
    header = [
        "",
        f"### {args.label} — {datetime.date.today():%d/%m/%Y}, {platform.machine()}, {os.cpu_count()} cores, "
        f"{connection.vendor} {connection.pg_version if connection.vendor == 'postgresql' else ''}",
        "",
        "| page | data | median ms | p95 ms | SQL queries | floor ms | page ÷ floor |",
        "|---|---|---|---|---|---|---|",
    ]
    plans = search_plans() if connection.vendor == "postgresql" else []
    output = "\n".join(header + lines + ["", agency_ids(), ""] + plans) + "\n"
    print(output)
    with open(ROOT / "docs" / "performance.md", "a") as doc:
        doc.write(output)
