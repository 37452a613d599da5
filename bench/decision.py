"""A big decision in a working province: the district chair decides 500 dossiers at once, on the inbox's form,
while 50 officials of the same province work their inboxes (bench/load.py's officials and pauses).

    python -m bench.decision --dossiers 500 --officials 50 --seconds 60   (DATABASE_URL: a bench.seed database)

First the officials work for ``--seconds`` without the decision (their p95 is the reference); then again, and
a few seconds in the chair sends the decision. Reported: the decision's time, and the p95 of everyone else's
requests while it ran against the reference. If fewer than ``--dossiers`` wait for the chair, the district's
appraiser first completes the appraisal of as many as it takes, through the service (not timed). Each run
issues a new decision, so a database serves several runs (until its appraisals run out).
"""

import argparse
import asyncio
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

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from viewflow.workflow.models import Task  # noqa: E402

from dossiers.criteria import criteria_keys  # noqa: E402
from dossiers.models import Dossier  # noqa: E402
from permissions import rules  # noqa: E402
from permissions.models import Unit  # noqa: E402
from permissions.roles import Role  # noqa: E402
from workflows.services.transitions import dossier_transition  # noqa: E402

from . import load  # noqa: E402


def district_officials(district: Unit):
    """The district's chair and appraiser: the demo's in Mang Yang (GL-MY), elsewhere made once through the
    service that grants roles (each run decides and appraises dossiers, so a run may need another district)."""
    if district.code == "GL-MY":
        User = get_user_model()
        return User.objects.get(username="huyen.chutich"), User.objects.get(username="huyen.noivu")
    return load.official(Role.DISTRICT_CHAIR, district), load.official(Role.APPRAISER, district)


OPEN = ("NEW", "ASSIGNED", "STARTED")


def waiting_tasks(district: Unit) -> list[int]:
    """The open tasks of the district's dossiers waiting for its chair's decision."""
    return list(
        Task.objects.filter(
            flow_task__endswith=".district_decision",
            status__in=OPEN,
            process__dossierprocess__dossier__district=district,
        ).values_list("pk", flat=True)
    )


def bring_to_decision(district: Unit, appraiser, count: int) -> None:
    """The appraiser completes the appraisal of dossiers in appraisal until ``count`` wait for the chair:
    every criterion met, as the demo's appraiser does, through the one service path."""
    missing = count - len(waiting_tasks(district))
    in_appraisal = Dossier.objects.filter(district=district, status="appraisal").order_by("pk")
    for dossier in in_appraisal[: max(0, missing)]:
        verdicts = [
            {
                "nomination": n.pk,
                "eligible": True,
                "criteria": dict.fromkeys(criteria_keys(n.nominee_kind), True),
                "note": "Đủ điều kiện (kiểm thử tải).",
            }
            for n in dossier.nominations.filter(commune_approved=True)
        ]
        payload = {"comment": "Đủ điều kiện, trình Chủ tịch.", "verdicts": verdicts}
        dossier_transition(user=appraiser, dossier_id=dossier.pk, name="appraise", payload=payload)
    if len(waiting_tasks(district)) < count:
        raise SystemExit(
            f"Only {len(waiting_tasks(district))} dossiers can wait for the chair in {district.code}."
        )


class Stamped(list):
    """The officials' samples, each stamped with the moment it ended, to single out those made during the
    decision."""

    def append(self, sample):
        super().append((*sample, time.monotonic()))


async def _decide(base: str, tasks: list[int], delay: float, chair) -> dict:
    await asyncio.sleep(delay)
    desk = load.Desk(base, [])
    await desk.sign_in(chair.username)
    inbox = await desk.call("inbox", "GET", "/inbox/", 200)
    form = {
        "csrfmiddlewaretoken": load._csrf(inbox),
        "decision-number": f"{int(time.time()) % 100000}/QĐ-UBND",
        "decision-date": f"{datetime.date.today():%d/%m/%Y}",
        "decision-signer": str(chair.pk),
        "task": [str(pk) for pk in tasks],
    }
    start = time.monotonic()
    answer = await desk.call("decision", "POST", "/decisions/new/", 302, form)
    end = time.monotonic()
    await desk.client.aclose()
    if answer is None:
        raise SystemExit(f"The decision was refused: {desk.samples[-1]}")
    return {"start": start, "end": end}


async def _work(base: str, plan: list, seconds: float, think, decision=None) -> tuple[list, dict | None]:
    samples = Stamped()
    desks = [load.Desk(base, samples) for _ in plan]
    await asyncio.gather(*(desk.sign_in(username) for desk, (username, _) in zip(desks, plan, strict=True)))
    samples.clear()
    until = time.monotonic() + seconds
    work = [desk.work(load.STEPS[role], until, think) for desk, (_, role) in zip(desks, plan, strict=True)]
    done = await asyncio.gather(*work, *([_decide(base, *decision)] if decision else []))
    await asyncio.gather(*(desk.client.aclose() for desk in desks))
    return list(samples), (done[-1] if decision else None)


def p95(samples) -> float:
    return load.percentile([ms for _, ms, *_ in samples], 0.95)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dossiers", type=int, default=500)
    parser.add_argument("--officials", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--district", default="GL-MY", help="the deciding district, in the demo's province")
    args = parser.parse_args()
    think = (1.0, 5.0)
    district = Unit.objects.get(code=args.district)
    chair, appraiser = district_officials(district)
    assert any(rules.may_issue_decisions(m) for m in rules.memberships_of(chair))
    bring_to_decision(district, appraiser, args.dossiers)
    tasks = waiting_tasks(district)[: args.dossiers]
    plan = load.officials(args.officials, province=district.parent)
    worker, server = load.celery_worker(), load.gunicorn(args.port, 2 * (os.cpu_count() or 1) + 1)
    base = f"http://127.0.0.1:{args.port}"
    try:
        asyncio.run(_work(base, plan, 15, think))  # warm-up
        without, _ = asyncio.run(_work(base, plan, args.seconds, think))
        during_run, timing = asyncio.run(_work(base, plan, args.seconds, think, (tasks, 5.0, chair)))
    finally:
        for process in filter(None, (server, worker)):
            process.terminate()
            process.wait()
    during = [s for s in during_run if timing["start"] <= s[-1] <= timing["end"] + 0.001]
    output = "\n".join(table(args, without, during, timing)) + "\n"
    print(output)
    with open(ROOT / "docs" / "performance.md", "a") as doc:
        doc.write(output)


def table(args, without: list, during: list, timing: dict) -> list[str]:
    took = timing["end"] - timing["start"]
    steps = [s for s in during if s[0] == "fire step"]
    return [
        "",
        f"### A decision of {args.dossiers} dossiers among {args.officials} officials of the province — "
        f"{datetime.date.today():%d/%m/%Y}, {platform.machine()}, {os.cpu_count()} cores, database "
        f"{connection.settings_dict['NAME']}, district {args.district}",
        "",
        "| | requests | p50 ms | p95 ms | errors |",
        "|---|---|---|---|---|",
        f"| the others, without the decision ({args.seconds:g} s) | {len(without)} "
        f"| {statistics.median(ms for _, ms, *_ in without):.0f} | {p95(without):.0f} "
        f"| {sum(1 for s in without if s[2])} |",
        f"| the others, while the decision ran | {len(during)} "
        f"| {statistics.median(ms for _, ms, *_ in during):.0f} | {p95(during):.0f} "
        f"| {sum(1 for s in during if s[2])} |",
        f"| of which their steps (each takes the province's history lock) | {len(steps)} "
        f"| {statistics.median(ms for _, ms, *_ in steps) if steps else float('nan'):.0f} "
        f"| {p95(steps) if steps else float('nan'):.0f} | {sum(1 for s in steps if s[2])} |",
        "",
        f"The decision of {args.dossiers} dossiers (the chair's form, answered by the redirect to the "
        f"decisions page): **{took:.1f} s**; the others' p95 during it ÷ without it: "
        f"**{p95(during) / p95(without):.2f}**.",
    ]


if __name__ == "__main__":
    sys.exit(main())
