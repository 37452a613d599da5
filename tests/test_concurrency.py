"""Officials acting at the same moment: the dossier row lock lets exactly one through."""

import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, connections
from viewflow.workflow.models import Task

from dossiers.models import AuditEvent

from . import builders as b
from .api import Official

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


@pytest.fixture(autouse=True)
def slow_handlers(monkeypatch):
    """Widen the window between reading the dossier and writing it, so that without the row lock the
    racers would all read the same state (the tests fail if the lock is removed)."""
    from workflows.services import transitions

    for name, handler in list(transitions.HANDLERS.items()):

        def slowed(*args, _handler=handler, **kwargs):
            time.sleep(0.2)
            return _handler(*args, **kwargs)

        monkeypatch.setitem(transitions.HANDLERS, name, slowed)


def race(n, action):
    barrier, results = threading.Barrier(n), []

    def worker(index):
        try:
            barrier.wait()
            results.append(action(index))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_chairs_deciding_at_once_give_one_success_and_one_conflict(demo):
    dossier = b.new_dossier()
    b.to_commune_decision(dossier)
    chair = [Official("xa.a.chutich"), Official("xa.a.chutich")]

    def approve(i):
        return (
            chair[i]
            .post(f"/api/dossiers/{dossier.pk}/transitions/approve/", b.decision_payload(f"{i + 1}/QĐ-UBND"))
            .status_code
        )

    assert sorted(race(2, approve)) == [200, 409]
    assert AuditEvent.objects.filter(dossier=dossier, action="approve").count() == 1
    assert (
        Task.objects.filter(
            process__dossierprocess__dossier=dossier, flow_task_type="HUMAN", status="DONE"
        ).count()
        == 3
    )


def test_many_officers_returning_the_same_dossier_record_it_once(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    officers = [Official("xa.a.canbo") for _ in range(8)]

    def send_back(i):
        return (
            officers[i]
            .post(f"/api/dossiers/{dossier.pk}/transitions/return_to_village/", {"comment": f"Lý do {i}"})
            .status_code
        )

    codes = race(8, send_back)
    assert sorted(codes) == [200] + [409] * 7
    assert AuditEvent.objects.filter(dossier=dossier, action="return_to_village").count() == 1


def test_fifty_officials_firing_the_same_transition_record_it_once(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    human = Task.objects.filter(
        process__dossierprocess__dossier=dossier, flow_task_type="HUMAN", status="DONE"
    )
    tasks_done_before = human.count()
    officers = [Official("xa.a.canbo") for _ in range(50)]

    def send_back(i):
        return (
            officers[i]
            .post(f"/api/dossiers/{dossier.pk}/transitions/return_to_village/", {"comment": f"Lý do {i}"})
            .status_code
        )

    codes = race(50, send_back)
    assert sorted(codes) == [200] + [409] * 49
    assert AuditEvent.objects.filter(dossier=dossier, action="return_to_village").count() == 1
    assert human.count() == tasks_done_before + 1
    call_command("verify_audit", stdout=open("/dev/null", "w"))
    call_command("check_workflow", stdout=open("/dev/null", "w"))


def test_concurrent_writers_on_different_dossiers_keep_one_unbroken_chain(demo):
    dossiers = [b.new_dossier() for _ in range(10)]
    for dossier in dossiers:
        b.to_submitted(dossier)
    officer = [Official("xa.a.canbo") for _ in dossiers]

    def send_back(i):
        return (
            officer[i]
            .post(f"/api/dossiers/{dossiers[i].pk}/transitions/return_to_village/", {"comment": "Lý do"})
            .status_code
        )

    assert race(len(dossiers), send_back) == [200] * len(dossiers)
    call_command("verify_audit", stdout=open("/dev/null", "w"))


def test_two_batch_decisions_sharing_a_dossier_give_one_decision_and_one_conflict(demo):
    from dossiers.models import Decision

    dossiers = [b.new_dossier(award_forms=("giay_khen_huyen",)) for _ in range(3)]
    for dossier in dossiers:
        b.to_district_decision(dossier)
    batches = [[dossiers[0].pk, dossiers[1].pk], [dossiers[1].pk, dossiers[2].pk]]
    chairs = [Official("huyen.chutich"), Official("huyen.chutich")]

    def issue(i):
        return chairs[i].post(
            "/api/decisions/",
            {
                "number": f"{500 + i}/QĐ-UBND",
                "date": b.TODAY.isoformat(),
                "signer_capacity": "chair",
                "dossiers": batches[i],
            },
        ).status_code, i

    results = race(2, issue)
    assert sorted(code for code, _ in results) == [201, 409]
    winner = batches[next(i for code, i in results if code == 201)]
    assert Decision.objects.count() == 1
    for dossier in dossiers:
        dossier.refresh_from_db()
        assert dossier.status == ("decided" if dossier.pk in winner else "awaiting_decision")
    assert AuditEvent.objects.filter(action="approve").count() == 2
    call_command("verify_audit", stdout=open("/dev/null", "w"))
    call_command("check_workflow", stdout=open("/dev/null", "w"))
