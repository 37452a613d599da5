"""A history nobody can rewrite silently: the hash chain, verify_audit, and the database's own refusal."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from dossiers.models import AuditEvent
from workflows.queues import process_open_tasks as open_tasks
from workflows.services.claims import tasks_claim

from . import builders as b


def verify():
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def raw(sql, params=()):
    """Write to the audit table behind the application's back, as an intruder with SQL access would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # the table owner switches the guard off first
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE dossiers_auditevent DISABLE TRIGGER dossiers_auditevent_append_only")
        cursor.execute(sql, params)


@pytest.fixture
def history(demo):
    dossier = b.new_dossier()
    b.to_commune_decision(dossier)
    return list(AuditEvent.objects.order_by("pk"))


def test_an_untouched_history_verifies(history):
    assert "chuỗi mã băm khớp" in verify()
    assert all(e.prev_hash == p.hash for p, e in zip(history, history[1:], strict=False))


def test_verify_audit_names_an_event_edited_by_raw_sql(history):
    target = history[len(history) // 2]
    raw("UPDATE dossiers_auditevent SET comment = %s WHERE id = %s", ["đã sửa lén", target.pk])
    with pytest.raises(CommandError, match=f"#{target.pk}: nội dung đã bị sửa"):
        verify()


def test_verify_audit_names_the_event_after_a_removed_one(history):
    removed, following = history[3], history[4]
    raw("DELETE FROM dossiers_auditevent WHERE id = %s", [removed.pk])
    with pytest.raises(CommandError, match=f"#{following.pk}: sự kiện trước nó đã bị xoá hoặc đổi thứ tự"):
        verify()


def test_verify_audit_catches_two_events_swapped(history):
    first, second = (next(e for e in history if e.action == name) for name in ("submit", "commune_approve"))
    for event, other in ((first, second), (second, first)):
        raw(
            "UPDATE dossiers_auditevent SET action = %s, comment = %s, to_status = %s WHERE id = %s",
            [other.action, other.comment, other.to_status, event.pk],
        )
    with pytest.raises(CommandError, match=f"#{first.pk}"):
        verify()


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
@pytest.mark.parametrize(
    "sql", ["UPDATE dossiers_auditevent SET comment = 'x'", "DELETE FROM dossiers_auditevent"]
)
def test_postgresql_itself_refuses_to_change_or_remove_an_event(history, sql):
    with pytest.raises(DatabaseError, match="chỉ được ghi thêm"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEvent.objects.count() == len(history)


@pytest.mark.django_db(transaction=True)
def test_an_event_written_outside_a_transaction_is_refused(demo):
    with pytest.raises(Exception, match="cùng giao dịch"):
        AuditEvent(action="x").save()


def _creating():
    with CaptureQueriesContext(connection) as captured:
        dossier = b.new_dossier(with_reports=False)
    return captured, dossier, "create"


def _submitting():
    dossier = b.new_dossier()
    with CaptureQueriesContext(connection) as captured:
        b.to_submitted(dossier)
    return captured, dossier, "submit"


def _claiming():
    dossiers = [b.new_dossier() for _ in range(2)]
    for dossier in dossiers:
        b.to_submitted(dossier)
    (officer,) = b.users("xa.a.canbo")
    tasks = [open_tasks(dossier.process).get() for dossier in dossiers]
    with CaptureQueriesContext(connection) as captured:
        tasks_claim(user=officer, task_ids=[task.pk for task in tasks])
    return captured, dossiers[-1], "claim"


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the chain lock is a PostgreSQL advisory lock")
@pytest.mark.parametrize(
    "act",
    [_creating, _submitting, _claiming],
    ids=["creating a dossier", "firing a transition", "claiming two tasks"],
)
def test_the_chain_lock_is_taken_only_after_the_workflows_writes(demo, act):
    """Every change in the province waits for the chain lock, held until the commit: a change must take it
    for its history events alone, after its workflow writes (the opened process, the completed task, the
    assigned tasks), not while making them."""
    captured, dossier, action = act()
    statements = [query["sql"] for query in captured.captured_queries]
    lock = next(i for i, sql in enumerate(statements) if "pg_advisory_xact_lock" in sql)
    workflow_writes = [
        i for i, sql in enumerate(statements) if re.match(r'(INSERT INTO|UPDATE) "viewflow_', sql)
    ]
    assert workflow_writes, "the change opens a process, or completes a task and opens the next one"
    assert max(workflow_writes) < lock
    assert AuditEvent.objects.filter(dossier=dossier, action=action).count() == 1
