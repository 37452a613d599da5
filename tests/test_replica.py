"""Reports on a streaming replica: which queries go where, and reports that still answer while the primary is
busy. The router's rules run everywhere; the rest needs a real standby (REPLICA_DATABASE_URL, started by
.ci/start_replica) and is skipped without one. Data must be committed to reach a replica, so those tests are
transactional and wait for the standby to replay the primary's WAL before they read."""

import contextlib
import re
import time

import psycopg
import pytest
from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from config import db_router
from config.db_router import PrimaryReplicaRouter, RecentWriteMiddleware
from dossiers import replica
from dossiers.models import Dossier
from dossiers.replica import REPLICA, reads_alias, reads_from
from dossiers.states import Status
from web import report_reads
from web.report_reads import RECENT_WRITE_COOKIE, reports_db, reports_on_replica
from workflows.models import GeneratedFile

from . import builders as b
from .pages import browser, text

HAS_REPLICA = REPLICA in settings.DATABASES
CATCH_UP_SECONDS = 15


def on_a_replica(test):
    """Runs against the real standby, on committed data; skipped (saying why) without one."""
    for mark in (
        pytest.mark.postgres_only,
        pytest.mark.skipif(
            not HAS_REPLICA,
            reason="no replica configured: set REPLICA_DATABASE_URL to a streaming standby of DATABASE_URL "
            "(.ci/start_replica starts one on 127.0.0.1:5433)",
        ),
        pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, REPLICA]),
    ):
        test = mark(test)
    return test


# --- The rules, without a replica ----------------------------------------------------------------------


def test_writes_and_migrations_never_go_to_the_replica():
    router = PrimaryReplicaRouter()
    with reads_from(REPLICA):
        assert router.db_for_read(Dossier) == REPLICA
        assert router.db_for_write(Dossier) == DEFAULT_DB_ALIAS
    assert router.db_for_read(Dossier) == DEFAULT_DB_ALIAS  # every other read: the primary
    assert router.allow_migrate(REPLICA, "dossiers", "dossier") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "dossiers", "dossier") is True


@pytest.mark.django_db
def test_a_read_inside_a_transaction_reads_the_primary_even_in_a_report():
    with transaction.atomic(), reads_from(REPLICA):
        assert PrimaryReplicaRouter().db_for_read(Dossier) == DEFAULT_DB_ALIAS


@pytest.fixture
def with_a_replica(monkeypatch):
    """The decision's inputs as if a replica were configured and reachable, without connecting to one."""
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    monkeypatch.setattr(report_reads, "replica_configured", lambda: True)
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    monkeypatch.setattr(report_reads, "_reachable", lambda alias: True)


def request(method="get", wrote_at=None):
    made = getattr(RequestFactory(), method)("/dashboard/")
    if wrote_at is not None:
        made.COOKIES[RECENT_WRITE_COOKIE] = str(wrote_at)
    return made


def test_without_a_replica_every_report_reads_the_primary(monkeypatch):
    monkeypatch.setattr(replica, "replica_configured", lambda: False)
    monkeypatch.setattr(report_reads, "replica_configured", lambda: False)
    monkeypatch.setattr(db_router, "replica_configured", lambda: False)
    assert reports_db(request()) == DEFAULT_DB_ALIAS
    assert replica.job_reads(True) == DEFAULT_DB_ALIAS
    with pytest.raises(MiddlewareNotUsed):
        RecentWriteMiddleware(lambda r: HttpResponse())


def test_a_report_reads_the_replica_unless_it_may_write_or_the_user_just_wrote(with_a_replica):
    window = settings.READ_YOUR_WRITES_SECONDS
    assert reports_db(request()) == REPLICA
    assert reports_db(request("post")) == DEFAULT_DB_ALIAS
    assert reports_db(request(wrote_at=time.time() - 1)) == DEFAULT_DB_ALIAS
    assert reports_db(request(wrote_at=time.time() - window - 1)) == REPLICA
    assert reports_db(request(wrote_at="not a time")) == REPLICA


def test_an_unreachable_replica_leaves_reports_to_the_primary(with_a_replica, monkeypatch):
    monkeypatch.setattr(report_reads, "_reachable", lambda alias: False)
    assert reports_db(request()) == DEFAULT_DB_ALIAS


@pytest.mark.parametrize(
    ("method", "status", "marked"),
    [
        ("post", 302, True),
        ("post", 200, True),
        ("post", 400, False),
        ("post", 409, False),
        ("get", 200, False),
    ],
)
def test_a_request_that_changed_something_marks_the_browser(with_a_replica, method, status, marked):
    middleware = RecentWriteMiddleware(lambda r: HttpResponse(status=status))
    before = time.time()
    response = middleware(request(method))
    cookie = response.cookies.get(RECENT_WRITE_COOKIE)
    assert (cookie is not None) == marked
    if marked:
        assert float(cookie.value) >= before - 1 and cookie["max-age"] == settings.READ_YOUR_WRITES_SECONDS
        assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_a_report_view_reads_where_the_decision_says_and_every_other_view_the_primary(with_a_replica):
    seen = []

    @reports_on_replica(when=lambda r: r.GET.get("format") == "xlsx")
    def view(request):
        seen.append(reads_alias())
        return HttpResponse()

    view(request())
    view(RequestFactory().get("/dossiers/", {"format": "xlsx"}))
    assert seen == [DEFAULT_DB_ALIAS, REPLICA] and reads_alias() == DEFAULT_DB_ALIAS


# --- A real standby ------------------------------------------------------------------------------------


def caught_up(timeout=CATCH_UP_SECONDS):
    """Waits until the standby has replayed everything the primary has committed so far."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_flush_lsn()")
        (target,) = cursor.fetchone()
    deadline = time.monotonic() + timeout
    while True:
        try:
            with connections[REPLICA].cursor() as cursor:
                cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
                if cursor.fetchone()[0]:
                    return
        except OperationalError:
            connections[REPLICA].close()  # the test database itself has not reached the standby yet
        assert time.monotonic() < deadline, f"the standby did not replay up to {target} in {timeout} s"
        time.sleep(0.05)


@contextlib.contextmanager
def replay_paused():
    """The standby stops applying the primary's WAL (it still answers, from the moment it stopped)."""
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_pause()")
        for _ in range(200):
            cursor.execute("SELECT pg_get_wal_replay_pause_state()")
            if cursor.fetchone()[0] == "paused":
                break
            time.sleep(0.05)
    try:
        yield
    finally:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_resume()")


def tables(queries) -> set[str]:
    return {t for q in queries for t in re.findall(r'"((?:dossiers|workflows|viewflow)_\w+)"', q["sql"])}


@contextlib.contextmanager
def served():
    """The queries each database served inside the block, as {"primary": [...], "replica": [...]}."""
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as standby,
    ):
        found = {}
        yield found
    found.update(primary=primary.captured_queries, replica=standby.captured_queries)


def assert_report_on_replica(client, url, also_on_primary=()):
    with served() as queries:
        response = client.get(url)
    assert response.status_code in (200, 302), (url, response.status_code)
    # The user, their session and their roles come from the primary; every row of the report from the replica.
    assert tables(queries["replica"]), f"{url} read nothing on the replica"
    assert tables(queries["primary"]) <= set(also_on_primary), (url, tables(queries["primary"]))
    return response


def assert_on_primary_only(client, url, method="get", **data):
    with served() as queries:
        response = getattr(client, method)(url, data)
    assert response.status_code in (200, 302), (url, response.status_code)
    assert queries["replica"] == [], (url, [q["sql"][:80] for q in queries["replica"]])
    assert tables(queries["primary"]), url
    return response


def status_counts(response) -> dict[str, int]:
    return {label: int(n) for label, n in re.findall(r"<title>([^<:]+): (\d+)</title>", text(response))}


@pytest.fixture
def world(demo):
    """A submitted dossier, one still a draft and one with a history sent back, all on the standby."""
    submitted, draft = b.new_dossier(), b.new_dossier()
    b.to_submitted(submitted)
    b.fire("xa.a.canbo", submitted, "return_to_village", comment="Thiếu xác nhận")
    caught_up()
    return {"returned": submitted, "draft": draft}


INSPECTORS_REPORTS = [
    "/dashboard/",
    "/statistics/",
    "/statistics/?format=xlsx",
    "/audit/",
    "/audit/?format=csv",
    "/dossiers/",
    "/dossiers/?format=xlsx",
]


@on_a_replica
@pytest.mark.usefixtures("world")
def test_an_inspectors_reports_are_read_from_the_replica():
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), current_database()")
        assert cursor.fetchone() == (True, connections[DEFAULT_DB_ALIAS].settings_dict["NAME"])
    inspector = browser("huyen.thanhtra")
    for url in INSPECTORS_REPORTS:
        assert_report_on_replica(inspector, url)


@on_a_replica
def test_an_officials_spreadsheets_read_the_replica_but_their_list_and_a_dossier_page_the_primary(world):
    officer = browser("xa.a.canbo")
    assert_report_on_replica(officer, "/dossiers/?format=xlsx")
    assert_report_on_replica(officer, "/decisions/?format=xlsx")
    assert_on_primary_only(officer, "/dossiers/")
    assert_on_primary_only(officer, "/decisions/")
    assert_on_primary_only(browser("huyen.thanhtra"), f"/dossiers/{world['draft'].pk}/")


@on_a_replica
def test_a_long_export_runs_as_a_job_whose_rows_come_from_the_replica(world, settings):
    settings.INLINE_EXPORT_DOSSIERS = 0  # every export goes to the job queue (run at once in the tests)
    response = assert_report_on_replica(
        browser("huyen.thanhtra"), "/dossiers/?format=xlsx", also_on_primary={"workflows_generatedfile"}
    )
    generated = GeneratedFile.objects.get()
    assert response["Location"] == f"/files/{generated.pk}/"
    assert generated.state == GeneratedFile.State.DONE and generated.params["replica"] is True


@on_a_replica
def test_after_their_own_write_a_user_reads_it_on_the_primary_while_others_read_the_lagging_replica(world):
    head, inspector = browser("truongthon.a1"), browser("huyen.thanhtra")
    draft = world["draft"]
    with replay_paused():
        response = assert_on_primary_only(
            head, f"/dossiers/{draft.pk}/actions/submit/", method="post", **{"submit-transition": "submit"}
        )
        assert RECENT_WRITE_COOKIE in response.cookies
        assert Dossier.objects.get(pk=draft.pk).status == Status.SUBMITTED

        own = assert_on_primary_only(head, "/dashboard/")
        others = assert_report_on_replica(inspector, "/dashboard/")

        assert status_counts(own).get(str(Status.SUBMITTED.label)) == 1
        assert status_counts(others).get(str(Status.SUBMITTED.label)) is None  # not replayed yet
    caught_up()
    head.cookies[RECENT_WRITE_COOKIE] = str(time.time() - settings.READ_YOUR_WRITES_SECONDS - 1)
    later = assert_report_on_replica(head, "/dashboard/")
    assert status_counts(later).get(str(Status.SUBMITTED.label)) == 1


@on_a_replica
def test_a_report_is_served_from_the_replica_while_the_primary_holds_its_tables_locked(world):
    """A migration-like ACCESS EXCLUSIVE lock stops every read of those tables on the primary. PostgreSQL
    replays such a lock on a hot standby too, so the standby's replay is paused first: it answers from where
    it stopped, as a standby a moment behind does, and the report never waits for the primary."""
    inspector = browser("huyen.thanhtra")
    primary = connections[DEFAULT_DB_ALIAS].settings_dict
    dsn = f"host={primary['HOST']} port={primary['PORT'] or 5432} user={primary['USER']} dbname={primary['NAME']}"
    locked = ["dossiers_dossier", "dossiers_auditevent", "dossiers_nomination"]
    with replay_paused(), psycopg.connect(dsn) as busy, psycopg.connect(dsn, autocommit=True) as other:
        busy.execute(f"LOCK TABLE {', '.join(locked)} IN ACCESS EXCLUSIVE MODE")
        other.execute("SET lock_timeout = '300ms'")
        with pytest.raises(psycopg.errors.LockNotAvailable):
            other.execute("SELECT count(*) FROM dossiers_dossier")  # the primary cannot answer it now

        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SET lock_timeout = '5s'")  # a report that did read the primary fails, not hangs
        started = time.monotonic()
        try:
            response = assert_report_on_replica(inspector, "/dashboard/")
        finally:
            with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
                cursor.execute("RESET lock_timeout")
        elapsed = time.monotonic() - started
        busy.rollback()

    assert response.status_code == 200 and elapsed < 5, elapsed
    assert status_counts(response).get(str(Status.RETURNED.label)) == 1
