"""The primary and its streaming replica (installed only when REPLICA_DATABASE_URL is set).

The router guesses nothing from the model: a read goes where the running code asked (``dossiers.replica``:
the primary unless a report view, ``web.report_reads``, asked for the replica), and writes, migrations and
reads inside a transaction always go to the primary. The middleware marks a browser that has just changed something, so that
the user's next reports read the primary and show their own write even while the replica lags.
"""

import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, connections

from dossiers.replica import reads_alias, replica_configured
from web.report_reads import RECENT_WRITE_COOKIE, SAFE_METHODS


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        alias = reads_alias()
        if alias != DEFAULT_DB_ALIAS and connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS  # what a transaction reads must be what it locks and changes
        return alias

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS  # the replica is read-only: a write sent there would fail, or worse, hang

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the primary's rows: an object read there may point at one read here

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS  # the replica receives the schema by streaming


class RecentWriteMiddleware:
    """After a request that may have changed something (any method but GET/HEAD/OPTIONS that succeeded), the
    browser gets a cookie with the moment; ``web.report_reads.reports_db`` reads the primary while it is
    younger than READ_YOUR_WRITES_SECONDS. A cookie, not the session: marking costs no database write, and a
    forged or lost cookie only moves the user's own reports between two copies of the same data."""

    def __init__(self, get_response):
        if not replica_configured():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in SAFE_METHODS and response.status_code < 400:
            response.set_cookie(
                RECENT_WRITE_COOKIE,
                f"{time.time():.3f}",
                max_age=settings.READ_YOUR_WRITES_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
