"""Reports on a streaming replica, for the pages: a view whose reads may lag by seconds (statistics, the
dashboard, exports of lists, the audit log, the list for readers) says so with ``reports_on_replica``; a
request that may write, or comes right after the user's own write, still reads the primary."""

import functools
import logging
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from dossiers.replica import REPLICA, reads_from, replica_configured

# After a request that may have changed something the browser carries its moment in this cookie, and the
# user's reports read the primary until READ_YOUR_WRITES_SECONDS have passed (config.db_router sets it).
RECENT_WRITE_COOKIE = "wrote_at"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

logger = logging.getLogger(__name__)


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
