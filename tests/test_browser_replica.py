"""Reports on a replica in a real browser: a village head who has just sent a dossier sees it sent on their
dashboard at once, while the inspector's dashboard, read from a standby that lags, catches up moments later."""

import re

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

from dossiers.replica import REPLICA
from dossiers.states import Status
from web.report_reads import RECENT_WRITE_COOKIE

from . import builders as b
from .browser import Session, chromium, needs_chromium, server  # noqa: F401 (fixtures)
from .test_replica import caught_up, replay_paused

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres_only,
    needs_chromium,
    pytest.mark.skipif(
        REPLICA not in settings.DATABASES,
        reason="no replica configured: set REPLICA_DATABASE_URL to a streaming standby of DATABASE_URL "
        "(.ci/start_replica starts one on 127.0.0.1:5433)",
    ),
    pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, REPLICA]),
]
SENT = str(Status.SUBMITTED.label)


def sent_on_dashboard(session) -> int:
    session.go("/dashboard/")
    found = re.search(rf"<title>{SENT}: (\d+)</title>", session.page.content())
    return int(found.group(1)) if found else 0


def test_the_writer_sees_their_step_at_once_and_a_reader_on_the_lagging_replica_later(chromium, server):  # noqa: F811
    dossier = b.new_dossier()
    head = Session(chromium, server, "truongthon.a1")
    inspector = Session(chromium, server, "huyen.thanhtra")
    # Signing in marked the inspector's browser as having just written: their reports start on the replica.
    inspector.context.add_cookies([{"name": RECENT_WRITE_COOKIE, "value": "0", "url": server}])
    caught_up()
    with replay_paused():
        head.go(f"/dossiers/{dossier.pk}/")
        head.act("submit")
        assert f"{SENT}" in head.text()

        assert sent_on_dashboard(head) == 1  # their own write: read on the primary
        assert sent_on_dashboard(inspector) == 0  # the standby has not replayed it yet
        inspector.shot("replica-01-thanh-tra-doc-ban-sao-chua-kip")
    caught_up()
    assert sent_on_dashboard(inspector) == 1
    head.close()
    inspector.close()
