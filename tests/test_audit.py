"""The audit history: complete, ordered, readable by whoever may see the dossier, and append-only."""

import pytest
from django.contrib.auth import get_user_model

from dossiers.models import AuditEvent, AuditLogIsAppendOnly
from dossiers.services.access import membership_grant, membership_revoke
from permissions.models import Agency, Unit
from permissions.roles import AGENCY_WORK_PERMISSION

from . import builders as b
from .api import Official


def test_the_history_lists_every_step_in_order_with_role_unit_and_reason(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    b.fire("xa.a.canbo", dossier, "return_to_village", comment="Thiếu ảnh hiện trạng nhà ở")

    history = Official("truongthon.a1").history(dossier.pk)

    assert [e["action"] for e in history] == ["create", "upload_document", "submit", "return_to_village"]
    returned = history[-1]
    assert returned["role"] == "commune_officer" and returned["unit"] == "GL-MY-DD"
    assert returned["unit_name"] == "Xã Đak Djrăng" and returned["actor_name"] == "Nguyễn Thị Lan"
    assert (returned["from_status"], returned["to_status"]) == ("submitted", "returned")
    assert returned["comment"] == "Thiếu ảnh hiện trạng nhà ở"
    assert [e["at"] for e in history] == sorted(e["at"] for e in history)


def test_the_history_records_changed_fields_before_and_after(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    b.commune_documents(dossier)
    b.fire("xa.a.chutich", dossier, "commune_approve", **b.commune_approve_payload(dossier))
    event = dossier.events.get(action="commune_approve")
    nomination = dossier.nominations.get()
    assert event.changes[f"nomination:{nomination.pk}"] == [
        {"commune_approved": None, "votes_for": None},
        {"commune_approved": True, "votes_for": 6},
    ]
    assert event.changes["decision_level"] == [None, "commune"]


def test_no_code_path_can_update_or_delete_an_event(demo):
    dossier = b.new_dossier()
    event = dossier.events.first()
    event.comment = "sửa lịch sử"
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(comment="x")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).comment == ""


def test_granting_and_revoking_a_role_is_recorded_and_changes_the_agency_permission(demo, admin):
    user = get_user_model().objects.create_user("can.bo.moi", password="demo12345")
    commune = Unit.objects.get(code="GL-MY-LP")
    council = Agency.objects.get(unit=commune, kind="hd_tdkt_xa")

    membership = membership_grant(by=admin, user=user, role="commune_officer", unit=commune)

    assert get_user_model().objects.get(pk=user.pk).has_perm(AGENCY_WORK_PERMISSION, council)
    grant = AuditEvent.objects.filter(action="grant_role").last()
    assert grant.actor == admin and grant.changes["user"] == "can.bo.moi"
    office = Agency.objects.get(unit=commune, kind="bp_tdkt_xa")
    culture = Agency.objects.get(unit=commune, kind="phong_vhxh")  # its emulation office on two tiers
    assert grant.changes["agencies"] == sorted([council.pk, office.pk, culture.pk])

    membership_revoke(by=admin, membership=membership)

    assert not get_user_model().objects.get(pk=user.pk).has_perm(AGENCY_WORK_PERMISSION, council)
    assert AuditEvent.objects.filter(action="revoke_role").last().changes["role"] == ["commune_officer", None]


def test_a_role_must_sit_on_a_unit_of_its_level(demo, admin):
    from django.core.exceptions import ValidationError

    user = get_user_model().objects.create_user("sai.cap", password="demo12345")
    with pytest.raises(ValidationError):
        membership_grant(by=admin, user=user, role="village_head", unit=Unit.objects.get(code="GL-MY"))
    assert not AuditEvent.objects.filter(action="grant_role", changes__user="sai.cap").exists()
