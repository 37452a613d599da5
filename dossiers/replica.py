"""Which database the running code reads: the primary, unless a report asked for the streaming replica.

A view whose reads may lag by seconds says so with ``web.report_reads.reports_on_replica``, a job with
``job_reads``; ``config.db_router`` then sends each query where the code asked, and every write, every locking
read and every read inside a transaction to the primary whatever it asked. Without a replica
(REPLICA_DATABASE_URL unset) everything reads the primary, as before.
"""

import contextlib
import contextvars

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

REPLICA = "replica"
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


def job_reads(on_replica: bool) -> str:
    """The database a job reads for a report: the replica if the request that asked for it read one (a
    request right after the user's own write read the primary, and so does its job)."""
    return REPLICA if on_replica and replica_configured() else DEFAULT_DB_ALIAS
