"""A transition that fails half-way leaves the dossier, its task, documents and history as they were."""

import pytest
from viewflow.workflow.models import Task

from dossiers.models import AuditEvent

from . import builders as b


def snapshot(dossier):
    dossier.refresh_from_db()
    tasks = list(
        Task.objects.filter(process=dossier.process).order_by("pk").values_list("pk", "status", "owner_id")
    )
    nominations = list(dossier.nominations.order_by("pk").values_list("pk", "commune_approved", "outcome"))
    documents = list(dossier.documents.order_by("pk").values_list("pk", "kind"))
    return dossier.status, dossier.decision_level, tasks, nominations, documents, AuditEvent.objects.count()


@pytest.mark.parametrize(
    "breaking_point",
    ["workflows.services.transitions.complete_stage_task", "workflows.services.transitions.audit_record"],
)
def test_an_exception_after_the_state_changed_rolls_everything_back(demo, monkeypatch, breaking_point):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    b.commune_documents(dossier)
    before = snapshot(dossier)

    def explode(*args, **kwargs):
        raise RuntimeError("mất điện giữa chừng")

    monkeypatch.setattr(breaking_point, explode)
    with pytest.raises(RuntimeError):
        b.fire("xa.a.chutich", dossier, "commune_approve", **b.commune_approve_payload(dossier))

    assert snapshot(dossier) == before
    monkeypatch.undo()
    b.fire("xa.a.chutich", dossier, "commune_approve", **b.commune_approve_payload(dossier))
    dossier.refresh_from_db()
    assert dossier.status == "awaiting_decision"
