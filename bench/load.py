"""Load run: officials working their inboxes at the same time, against gunicorn + PostgreSQL on this machine.

    python -m bench.load --officials 50 --seconds 120      (DATABASE_URL: the seeded benchmark database)

Each official signs in on the login page, then does what an official does at the desk, again and again:
opens the inbox (their unit's tab), opens the first dossier waiting there, and fires their step on it with
the dossier page's form (commune officers return dossiers to the village, district labour officers compile
them, appraisers ask for a supplement), pausing to read between pages. One official works alone first:
their median is the single-user baseline; then all of them work at once. The table is appended to
docs/performance.md. Loopback only: gunicorn is started on 127.0.0.1 and stopped at the end.
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


def officials(count: int) -> list[tuple[str, str]]:
    """(username, role) for ``count`` officials, each alone in their agency so that no two of them
    race for the same task: a labour officer and an appraiser per district for a fifth of them each, commune
    officers for the rest. Created once, through the service that grants roles."""
    districts = list(Unit.objects.filter(level=Level.DISTRICT).order_by("code"))[: count // 5]
    communes = list(Unit.objects.filter(level=Level.COMMUNE).order_by("code"))[: count - 2 * len(districts)]
    plan = [(Role.COMMUNE_OFFICER, unit) for unit in communes]
    plan += [(role, unit) for unit in districts for role in (Role.LABOUR_OFFICER, Role.APPRAISER)]
    User = get_user_model()
    admin = User.objects.filter(is_superuser=True).first()
    made = []
    for role, unit in plan:
        user, created = User.objects.get_or_create(
            username=f"tai.{unit.code.lower()}.{role}",
            defaults={"last_name": "Cán bộ", "first_name": unit.code},
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        membership_grant(by=admin, user=user, role=role, unit=unit)
        made.append((user.username, role))
    return made


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


def gunicorn(port: int, workers: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-" + "x" * 40),
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    command = [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command + ["--workers", str(workers), "--log-level", "warning"], cwd=ROOT, env=env
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


def report(label: str, samples: list, elapsed: float, baseline: float | None) -> list[str]:
    times = [ms for _, ms, _ in samples]
    errors = sum(1 for _, _, bad in samples if bad)
    steps = sum(1 for kind, _, bad in samples if kind == "fire step" and not bad)
    median, p95 = statistics.median(times), percentile(times, 0.95)
    ratio = f"{p95 / baseline:.1f}" if baseline else "—"
    return [
        f"| {label} | {len(samples)} | {len(samples) / elapsed:.1f} | {steps * 60 / elapsed:.0f} | {median:.0f} "
        f"| {p95:.0f} | {percentile(times, 0.99):.0f} | {errors} | {ratio} |"
    ]


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


def alone(base: str, plan: list, seconds: float, think) -> tuple[list, float]:
    """The single-user baseline: the first official of each role works alone, one after the other, so the
    baseline has the same mix of roles and requests as the crowd."""
    firsts = {role: (username, role) for username, role in reversed(plan)}
    samples, elapsed = [], 0.0
    for official in firsts.values():
        done, took = asyncio.run(session(base, [official], seconds / len(firsts), think))
        samples, elapsed = samples + done, elapsed + took
    return samples, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--officials", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--think", default="1,5", help="seconds an official reads a page: min,max")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    think = tuple(float(x) for x in args.think.split(","))
    if connection.vendor != "postgresql":
        raise SystemExit("The load run needs DATABASE_URL=postgres://… (a database seeded by bench.seed).")
    plan = officials(args.officials)
    server = gunicorn(args.port, args.workers)
    base = f"http://127.0.0.1:{args.port}"
    try:
        asyncio.run(session(base, plan, 15, think))  # warm-up: the workers have loaded and served the pages
        single, single_time = alone(base, plan, args.seconds, think)
        crowd, crowd_time = asyncio.run(session(base, plan, args.seconds, think))
    finally:
        server.terminate()
        server.wait()
    baseline = statistics.median(ms for _, ms, _ in single)
    lines = [
        "",
        f"### Load run — {datetime.date.today():%d/%m/%Y}, {platform.machine()}, {os.cpu_count()} cores, "
        f"gunicorn {args.workers} workers, think time {think[0]:g}–{think[1]:g} s",
        "",
        "| officials | requests | requests/s | steps/min | p50 ms | p95 ms | p99 ms | errors | p95 ÷ single median |",
        "|---|---|---|---|---|---|---|---|---|",
        *report("1 at a time", single, single_time, None),
        *report(str(len(plan)), crowd, crowd_time, baseline),
        "",
        f"By request, {len(plan)} officials:",
        "",
        "| request | count | alone median ms | p50 ms | p95 ms | p99 ms | p95 ÷ alone median |",
        "|---|---|---|---|---|---|---|",
        *by_kind(single, crowd),
    ]
    output = "\n".join(lines) + "\n"
    print(output)
    with open(ROOT / "docs" / "performance.md", "a") as doc:
        doc.write(output)


if __name__ == "__main__":
    main()
