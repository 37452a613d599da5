"""Load run: officials working their inboxes at the same time, against gunicorn + PostgreSQL on this machine.

    python -m bench.load --officials 50 --seconds 120      (DATABASE_URL: the seeded benchmark database)

Each official signs in on the login page, then does what an official does at the desk, again and again:
opens the inbox (their unit's tab), opens the first dossier waiting there, and fires their step on it with
the dossier page's form (commune officers return dossiers to the village, district labour officers compile
them, appraisers ask for a supplement), pausing to read between pages. One official works alone first:
their median is the single-user baseline; then all of them work at once. The table is appended to
docs/performance.md. Loopback only: gunicorn is started on 127.0.0.1 and stopped at the end.

    python -m bench.load --officials 25,50,100,200 --seconds 120      (a load curve: one level after another)

With CELERY_BROKER_URL (Redis) the jobs go to a Celery worker the run starts beside gunicorn, as in
production; without it they run inside the web process. Each level reports where the processor time went
(bench/cpu.py), so the table says what saturates first. Each level has officials of its own (other communes
and districts), so no level works a queue an earlier level emptied.
"""

import argparse
import asyncio
import datetime
import math
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import django
import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402

from dossiers.services.access import membership_grant  # noqa: E402
from permissions.models import Unit  # noqa: E402
from permissions.roles import Level, Role  # noqa: E402

from . import cpu  # noqa: E402

PASSWORD = "demo12345"
COMMENT = "Đề nghị bổ sung xác nhận của thôn (kiểm thử tải)."
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DOSSIER_LINK = re.compile(r'href="/dossiers/(\d+)/"')
ACTION = re.compile(r'action="/dossiers/\d+/actions/(\w+)/"')
# The steps each official takes, in order of preference, among those their dossier page offers.
STEPS = {
    Role.COMMUNE_OFFICER: ["return_to_village", "resubmit"],
    Role.LABOUR_OFFICER: ["compile"],
    Role.APPRAISER: ["request_supplement"],
}


def officials(count: int, after: list | tuple = (), province=None) -> list[tuple[str, str]]:
    """(username, role) for ``count`` officials, each alone in their agency so that no two of them
    race for the same task: a labour officer and an appraiser per district for a fifth of them each, commune
    officers for the rest, in units after those of the officials ``after`` (another level's), within
    ``province`` if given. Created once, through the service that grants roles."""
    roles = [role for _, role in after]
    skip_districts, skip_communes = roles.count(Role.LABOUR_OFFICER), roles.count(Role.COMMUNE_OFFICER)
    districts = Unit.objects.filter(level=Level.DISTRICT).order_by("code")
    communes = Unit.objects.filter(level=Level.COMMUNE).order_by("code")
    if province is not None:
        districts, communes = districts.filter(parent=province), communes.filter(parent__parent=province)
    districts = list(districts)[skip_districts:][: count // 5]
    communes = list(communes)[skip_communes:][: count - 2 * len(districts)]
    plan = [(Role.COMMUNE_OFFICER, unit) for unit in communes]
    plan += [(role, unit) for unit in districts for role in (Role.LABOUR_OFFICER, Role.APPRAISER)]
    return [(official(role, unit).username, role) for role, unit in plan]


def official(role: str, unit):
    """The load run's official of ``role`` in ``unit`` (password PASSWORD), made once, its role granted
    through the service that grants roles."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=f"tai.{unit.code.lower()}.{role}", defaults={"last_name": "Cán bộ", "first_name": unit.code}
    )
    if created:
        user.set_password(PASSWORD)
        user.save()
    membership_grant(by=User.objects.filter(is_superuser=True).first(), user=user, role=role, unit=unit)
    return user


class Desk:
    """One official's browser. Cookies are kept by hand: the service sets Secure cookies, and the load run
    speaks plain HTTP to gunicorn as the HTTPS proxy in front of it would (X-Forwarded-Proto)."""

    def __init__(self, base: str, samples: list):
        self.base, self.samples, self.cookies = base, samples, {}
        self.client = httpx.AsyncClient(base_url=base, timeout=60)

    async def call(self, kind: str, method: str, url: str, expected: int, data=None) -> httpx.Response | None:
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": self.base.replace("http://", "https://"),
            "Referer": self.base.replace("http://", "https://") + url,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        start = time.perf_counter()
        try:
            response = await self.client.request(method, url, headers=headers, data=data)
        except httpx.HTTPError as error:
            self.samples.append((kind, (time.perf_counter() - start) * 1000, type(error).__name__))
            return None
        self.samples.append((kind, (time.perf_counter() - start) * 1000, response.status_code != expected))
        self.client.cookies.clear()
        for header in response.headers.get_list("set-cookie"):
            name, _, value = header.split(";", 1)[0].partition("=")
            self.cookies[name] = value
        return response if response.status_code == expected else None

    async def sign_in(self, username: str) -> bool:
        page = await self.call("login page", "GET", "/accounts/login/", 200)
        form = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": _csrf(page)}
        return await self.call("sign in", "POST", "/accounts/login/", 302, form) is not None

    async def work(self, steps: list, until: float, think: tuple[float, float]) -> None:
        await asyncio.sleep(random.uniform(0, think[1]))  # officials do not all click at the same instant
        while time.monotonic() < until:
            inbox = await self.call("inbox page", "GET", "/inbox/?tab=unit", 200)
            await asyncio.sleep(random.uniform(*think))
            waiting = DOSSIER_LINK.findall(inbox.text) if inbox else []
            if not waiting or time.monotonic() >= until:
                continue
            url = f"/dossiers/{waiting[0]}/"
            page = await self.call("dossier page", "GET", url, 200)
            await asyncio.sleep(random.uniform(*think))
            offered = set(ACTION.findall(page.text)) if page else set()
            transition = next((step for step in steps if step in offered), None)
            if transition is None:
                continue
            form = {
                "csrfmiddlewaretoken": _csrf(page),
                f"{transition}-transition": transition,
                f"{transition}-comment": COMMENT,
            }
            if await self.call("fire step", "POST", f"{url}actions/{transition}/", 302, form):
                await self.call("dossier page", "GET", url, 200)  # where the browser is sent next
            await asyncio.sleep(random.uniform(*think))


def _csrf(response) -> str:
    found = CSRF.search(response.text) if response is not None else None
    return found.group(1) if found else ""


async def session(base: str, plan: list, seconds: float, think: tuple[float, float]) -> tuple[list, float]:
    samples: list = []
    desks = [Desk(base, samples) for _ in plan]
    signed = await asyncio.gather(
        *(desk.sign_in(username) for desk, (username, _) in zip(desks, plan, strict=True))
    )
    if not all(signed):
        raise SystemExit(f"{signed.count(False)} officials could not sign in")
    samples.clear()  # signing in is not part of the working time
    start = time.monotonic()
    await asyncio.gather(
        *(desk.work(STEPS[role], start + seconds, think) for desk, (_, role) in zip(desks, plan, strict=True))
    )
    elapsed = time.monotonic() - start
    await asyncio.gather(*(desk.client.aclose() for desk in desks))
    return samples, elapsed


SERVER_ENV = {
    **os.environ,
    "DEBUG": "0",
    "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-" + "x" * 40),
    "ALLOWED_HOSTS": "127.0.0.1",
}


def celery_worker() -> subprocess.Popen | None:
    """A real worker on the broker of CELERY_BROKER_URL (as in production), or None: jobs in the web process."""
    if not os.environ.get("CELERY_BROKER_URL"):
        return None
    command = [str(ROOT / ".venv/bin/celery"), "-A", "config", "worker", "--loglevel", "warning"]
    return subprocess.Popen(command + ["--concurrency", "1"], cwd=ROOT, env=SERVER_ENV)


def gunicorn(port: int, workers: int) -> subprocess.Popen:
    command = [str(ROOT / ".venv/bin/gunicorn"), "-c", "config/gunicorn.py", "config.wsgi"]
    command += ["--bind", f"127.0.0.1:{port}"]  # the production settings, on a port of the run's own
    server = subprocess.Popen(
        command + ["--workers", str(workers), "--log-level", "warning"], cwd=ROOT, env=SERVER_ENV
    )
    for _ in range(100):
        try:
            ready = httpx.get(
                f"http://127.0.0.1:{port}/accounts/login/", headers={"X-Forwarded-Proto": "https"}
            )
            if ready.status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def percentile(values: list, share: float) -> float:
    """Nearest rank: the smallest value that at least ``share`` of the values do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)]


def report(label: str, samples: list, elapsed: float, baseline: float | None, used: dict) -> str:
    times = [ms for _, ms, _ in samples]
    errors = sum(1 for _, _, bad in samples if bad)
    steps = sum(1 for kind, _, bad in samples if kind == "fire step" and not bad)
    median, p95 = statistics.median(times), percentile(times, 0.95)
    ratio = f"{p95 / baseline:.1f}" if baseline else "—"
    cores = " | ".join(f"{used[group]:.2f}" for group in CPU_COLUMNS)
    return (
        f"| {label} | {len(samples)} | {len(samples) / elapsed:.1f} | {steps * 60 / elapsed:.0f} | {median:.0f} "
        f"| {p95:.0f} | {percentile(times, 0.99):.0f} | {errors} | {ratio} | {cores} |"
    )


CPU_COLUMNS = ["web (gunicorn)", "database (postgres)", "worker (celery)", "redis", "load client", "idle"]


def by_kind(alone: list, crowd: list) -> list[str]:
    """Each kind of request under load against the same request made by officials working alone."""
    rows = []
    for kind in sorted({kind for kind, _, _ in crowd}):
        times = [ms for k, ms, _ in crowd if k == kind]
        single = statistics.median([ms for k, ms, _ in alone if k == kind] or [math.nan])
        p95 = percentile(times, 0.95)
        rows.append(
            f"| {kind} | {len(times)} | {single:.0f} | {statistics.median(times):.0f} | {p95:.0f} "
            f"| {percentile(times, 0.99):.0f} | {p95 / single:.1f} |"
        )
    return rows


def alone(base: str, plan: list, seconds: float, think) -> tuple[list, float, dict]:
    """The single-user baseline: the first official of each role works alone, one after the other, so the
    baseline has the same mix of roles and requests as the crowd."""
    firsts = {role: (username, role) for username, role in reversed(plan)}
    samples, elapsed, before = [], 0.0, cpu.snapshot()
    for official in firsts.values():
        done, took = asyncio.run(session(base, [official], seconds / len(firsts), think))
        samples, elapsed = samples + done, elapsed + took
    return samples, elapsed, cpu.shares(before, cpu.snapshot())


def crowd(base: str, plan: list, seconds: float, think) -> tuple[list, float, dict]:
    before = cpu.snapshot()
    samples, elapsed = asyncio.run(session(base, plan, seconds, think))
    return samples, elapsed, cpu.shares(before, cpu.snapshot())


def curve(base: str, levels: list[int], seconds: float, think) -> tuple[tuple, list[tuple]]:
    """The baseline, then each level in turn with officials of its own: [(count, samples, elapsed, cpu)]."""
    plans = []
    for count in levels:
        plans.append(officials(count, after=[official for plan in plans for official in plan]))
    asyncio.run(session(base, plans[0], 15, think))  # warm-up: the workers have loaded and served the pages
    single = alone(base, plans[0], seconds, think)
    return single, [(len(plan), *crowd(base, plan, seconds, think)) for plan in plans]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--officials", default="50", help="officials at once: a number, or levels 25,50,100")
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--think", default="1,5", help="seconds an official reads a page: min,max")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    think = tuple(float(x) for x in args.think.split(","))
    levels = [int(level) for level in args.officials.split(",")]
    if connection.vendor != "postgresql":
        raise SystemExit("The load run needs DATABASE_URL=postgres://… (a database seeded by bench.seed).")
    worker, server = celery_worker(), gunicorn(args.port, args.workers)
    try:
        single, levels_run = curve(f"http://127.0.0.1:{args.port}", levels, args.seconds, think)
    finally:
        for process in filter(None, (server, worker)):
            process.terminate()
            process.wait()
    output = "\n".join(tables(args, think, worker is not None, single, levels_run)) + "\n"
    print(output)
    with open(ROOT / "docs" / "performance.md", "a") as doc:
        doc.write(output)


def tables(args, think, on_worker: bool, single: tuple, levels_run: list) -> list[str]:
    baseline = statistics.median(ms for _, ms, _ in single[0])
    jobs = "jobs on a Celery worker (Redis)" if on_worker else "jobs in the web process"
    largest, samples = levels_run[-1][0], levels_run[-1][1]
    return [
        "",
        f"### Load run — {datetime.date.today():%d/%m/%Y}, {platform.machine()}, {os.cpu_count()} cores, "
        f"gunicorn {args.workers} workers, {jobs}, think time {think[0]:g}–{think[1]:g} s, "
        f"{args.seconds:g} s a level, database {connection.settings_dict['NAME']}",
        "",
        "Processor time in cores used on average (all of this machine is "
        f"{os.cpu_count()}): web, database, worker, Redis, the load client itself, and idle.",
        "",
        "| officials | requests | requests/s | steps/min | p50 ms | p95 ms | p99 ms | errors | p95 ÷ single median "
        "| web | database | worker | redis | client | idle |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        report("1 at a time", single[0], single[1], None, single[2]),
        *(report(str(count), done, took, baseline, used) for count, done, took, used in levels_run),
        "",
        f"By request, {largest} officials:",
        "",
        "| request | count | alone median ms | p50 ms | p95 ms | p99 ms | p95 ÷ alone median |",
        "|---|---|---|---|---|---|---|",
        *by_kind(single[0], samples),
    ]


if __name__ == "__main__":
    main()
