"""Reports on a streaming replica of the database; everything else on the primary.

A view whose reads may lag by seconds (statistics, the dashboard, exports of lists, the audit log, the list for
readers) says so explicitly with ``reports_on_replica``; ``config.db_router`` then sends each of its queries
where the view asked, and every write, every locking read and every read inside a transaction to the primary
whatever a view asked. Without a replica (REPLICA_DATABASE_URL unset) everything reads the primary, as before.
"""

import contextlib
import contextvars
import functools
import logging
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA = "replica"
# After a request that may have changed something the browser carries its moment in this cookie, and the
# user's reports read the primary until READ_YOUR_WRITES_SECONDS have passed (config.db_router sets it).
RECENT_WRITE_COOKIE = "wrote_at"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

logger = logging.getLogger(__name__)
_reads = contextvars.ContextVar("database_for_reads", default=DEFAULT_DB_ALIAS)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def reads_alias() -> str:
    """The database the code running now asked to read (the primary unless a report asked otherwise)."""
    return _reads.get()


@contextlib.contextmanager
def reads_from(alias: str):
    """Reads inside the block go to ``alias`` (writes always go to the primary)."""
    token = _reads.set(alias)
    try:
        yield alias
    finally:
        _reads.reset(token)


def wrote_recently(request) -> bool:
    try:
        wrote_at = float(request.COOKIES.get(RECENT_WRITE_COOKIE, ""))
    except ValueError:
        return False
    return time.time() - wrote_at < settings.READ_YOUR_WRITES_SECONDS


def reports_db(request) -> str:
    """The database a report for this request reads: the replica, unless there is none, the request may
    write, the user wrote something a moment ago, or the replica cannot be reached (then the primary answers:
    a report a little slower beats no report)."""
    if not replica_configured() or request.method not in SAFE_METHODS or wrote_recently(request):
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS  # a transaction reads what it is about to change on the primary
    return REPLICA if _reachable(REPLICA) else DEFAULT_DB_ALIAS


def _reachable(alias: str) -> bool:
    try:
        connections[alias].ensure_connection()
    except DatabaseError as error:
        logger.warning("Replica %s unreachable, reports read the primary: %s", alias, error)
        return False
    return True


def job_reads(on_replica: bool) -> str:
    """The database a job reads for a report: the replica if the request that asked for it read one (a
    request right after the user's own write read the primary, and so does its job)."""
    return REPLICA if on_replica and replica_configured() else DEFAULT_DB_ALIAS


def reports_on_replica(when=None):
    """A view decorator: the view's reads go to ``reports_db(request)``, or only when ``when(request)`` holds.
    Put it under ``login_required``: the user and their roles are then already read from the primary."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            alias = reports_db(request) if when is None or when(request) else DEFAULT_DB_ALIAS
            with reads_from(alias):
                return view(request, *args, **kwargs)

        return wrapped

    return decorate
