"""A chair's decision over many dossiers appends its history events together at its end, so the chain lock
that every official's step takes is not held through the whole decision (issue 17, item 5)."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from viewflow.workflow.models import Task

from dossiers.models import AuditEvent, Decision, deferred_history
from dossiers.models.audit import AuditLogIsAppendOnly
from workflows.queues import stage_task
from workflows.services.batch import decision_issue

from . import builders as b


def _event(action):
    return AuditEvent(dossier=None, actor=None, action=action)


@pytest.mark.django_db
def test_events_saved_in_the_block_are_appended_together_at_its_end_in_order():
    with transaction.atomic():
        _event("before").save()
        with deferred_history():
            first, second = _event("first"), _event("second")
            first.save()
            second.save()
            assert AuditEvent.objects.count() == 1 and first.pk is None
        assert first.pk < second.pk
        assert second.prev_hash == first.hash
    call_command("verify_audit", stdout=open("/dev/null", "w"))


@pytest.mark.django_db
def test_a_block_that_fails_appends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        with deferred_history():
            _event("lost").save()
            raise RuntimeError("the change failed")
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_block_outside_a_transaction_is_refused():
    with pytest.raises(AuditLogIsAppendOnly), deferred_history():
        pass


@pytest.mark.django_db
def test_a_batch_decision_records_one_event_per_dossier_and_the_chain_holds(demo):
    dossiers = [b.new_dossier(award_forms=("giay_khen_huyen",)) for _ in range(3)]
    for dossier in dossiers:
        b.to_district_decision(dossier)
    (chair,) = b.users("huyen.chutich")
    decision_issue(user=chair, number="31/QĐ-UBND", date=b.TODAY, dossier_ids=[d.pk for d in dossiers])
    events = AuditEvent.objects.filter(action="approve").order_by("pk")
    assert [e.dossier_id for e in events] == sorted(d.pk for d in dossiers)
    call_command("verify_audit", stdout=open("/dev/null", "w"))


def _waiting_on_a_lock() -> int:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
        return cursor.fetchone()[0]


def _in_thread(target, errors):
    def run():
        try:
            target()
        except Exception as error:  # reported to the test
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the chain lock is PostgreSQL's advisory lock")
def test_another_officials_step_goes_through_while_a_big_decision_is_still_working(demo):
    decided = [b.new_dossier(award_forms=("giay_khen_huyen",)) for _ in range(3)]
    for dossier in decided:
        b.to_district_decision(dossier)
        dossier.refresh_from_db()
    elsewhere = b.new_dossier(head="truongthon.b1", village="GL-MY-LP-01")
    b.fire("truongthon.b1", elsewhere, "submit")
    (chair,) = b.users("huyen.chutich")
    # Hold the second dossier's task row in another transaction: the decision stops there, after the first
    # dossier's work (and, before deferring, after its history event took the chain lock).
    held, release, errors = threading.Event(), threading.Event(), []
    second_task = stage_task(sorted(decided, key=lambda d: d.pk)[1])

    def hold_task():
        with transaction.atomic():
            Task.objects.select_for_update().get(pk=second_task.pk)
            held.set()
            release.wait(60)

    def decide():
        ids = [d.pk for d in decided]
        decision_issue(user=chair, number="32/QĐ-UBND", date=b.TODAY, dossier_ids=ids)

    def other_step():
        b.fire("xa.b.canbo", elsewhere, "return_to_village", comment="Thiếu biên bản họp thôn")

    holder = _in_thread(hold_task, errors)
    try:
        assert held.wait(10)
        decision = _in_thread(decide, errors)
        for _ in range(100):  # until the decision waits on the held row
            if _waiting_on_a_lock():
                break
            threading.Event().wait(0.1)
        step = _in_thread(other_step, errors)
        step.join(15)
        assert not step.is_alive(), "the other official's step waited for the whole decision"
        assert decision.is_alive()  # it was still working when the other step went through
    finally:
        release.set()
        holder.join(30)
    decision.join(60)
    assert errors == []
    assert Decision.objects.filter(number="32/QĐ-UBND").exists()
    assert AuditEvent.objects.filter(action="approve", dossier__in=decided).count() == 3
    call_command("verify_audit", stdout=open("/dev/null", "w"))
