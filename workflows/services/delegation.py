"""Lending a role while away, and ending the loan early: both recorded in the history.

Who may lend or revoke, and to whom, is answered by ``permissions.rules``; while a delegation is in force
the delegate holds the role (``rules.memberships_of``) and every event they record says for whom they acted
(``recording.audit_record``).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dossiers.errors import ActionForbidden, InvalidInput, StateConflict
from dossiers.services.recording import audit_record
from permissions import rules
from permissions.models import Delegation, Membership
from permissions.names import full_name

from .claims import release_lent_claims

REASON_MAX = 500


@transaction.atomic
def delegation_create(
    *,
    by,
    acting: Membership | None,
    membership_id: int,
    delegate_id: int,
    starts_on: datetime.date,
    ends_on: datetime.date,
    reason: str = "",
) -> Delegation:
    """Lend ``membership_id`` to the colleague ``delegate_id`` from ``starts_on`` to ``ends_on`` (inclusive)."""
    # The role's row is locked, so two loans of one role for overlapping dates are told apart.
    membership = Membership.objects.select_for_update().filter(pk=membership_id).first()
    if membership is None or not rules.may_delegate(by, membership, acting):
        raise ActionForbidden(_("Bạn không được ủy quyền vai trò này."))
    colleagues = rules.delegation_colleagues(membership)
    colleague = next((c for c in colleagues if c.user_id == delegate_id), None)
    _check_input(colleague, colleagues, starts_on, ends_on, reason)
    _check_no_overlap(membership, starts_on, ends_on)
    delegation = Delegation.objects.create(
        membership=membership,
        delegator=membership.user,
        role=membership.role,
        unit=membership.unit,
        delegate=colleague.user,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason.strip(),
        created_by=by,
    )
    _record(delegation, by=by, acting=acting, action="delegate_role", comment=delegation.reason)
    return delegation


@transaction.atomic
def delegation_revoke(*, by, acting: Membership | None, delegation_id: int, reason: str = "") -> Delegation:
    """End a delegation now: the delegate loses the role at once, and the tasks they had claimed in it go back
    to their agencies' queues (nobody could finish them under the ended loan). A finished one cannot be
    revoked."""
    delegation = Delegation.objects.select_for_update().filter(pk=delegation_id).first()
    if delegation is None or not rules.may_revoke_delegation(by, delegation, acting):
        raise ActionForbidden(_("Bạn không được thu hồi ủy quyền này."))
    if delegation.revoked_at is not None:
        raise StateConflict(_("Ủy quyền này đã được thu hồi."))
    if delegation.ends_on < timezone.localdate():
        raise StateConflict(_("Ủy quyền này đã hết hạn; không cần thu hồi."))
    delegation.revoked_at, delegation.revoked_by = timezone.now(), by
    delegation.save(update_fields=["revoked_at", "revoked_by"])
    # The claims first: they lock their dossiers before the history's chain lock, in the order every
    # transition takes them (the other order could deadlock with an official's step on one of them).
    release_lent_claims(by=by, acting=acting, delegation=delegation)
    _record(delegation, by=by, acting=acting, action="revoke_delegation", comment=reason.strip())
    return delegation


def _check_input(colleague, colleagues, starts_on, ends_on, reason: str) -> None:
    errors = {}
    if colleague is None:
        names = ", ".join(dict.fromkeys(full_name(c.user) for c in colleagues))
        errors["delegate"] = [
            _("Vai trò này chỉ ủy quyền được cho: %(names)s.") % {"names": names}
            if names
            else _("Đơn vị chưa có đồng nghiệp nào nhận được vai trò này.")
        ]
    if starts_on < timezone.localdate():
        errors["starts_on"] = [_("Ngày bắt đầu không được trước hôm nay.")]
    if ends_on < starts_on:
        errors["ends_on"] = [_("Ngày kết thúc không được trước ngày bắt đầu.")]
    if len(reason.strip()) > REASON_MAX:
        errors["reason"] = [_("Lý do dài quá %(max)d ký tự.") % {"max": REASON_MAX}]
    if errors:
        raise InvalidInput(_("Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại."), errors)


def _check_no_overlap(membership: Membership, starts_on, ends_on) -> None:
    overlapping = (
        Delegation.objects.filter(membership=membership, revoked_at__isnull=True)
        .filter(starts_on__lte=ends_on, ends_on__gte=starts_on)
        .select_related("delegate")
        .first()
    )
    if overlapping is not None:
        raise StateConflict(
            _(
                "Vai trò này đã được ủy quyền cho %(name)s từ %(start)s đến %(end)s; thu hồi ủy quyền đó "
                "trước khi ủy quyền lại."
            )
            % {
                "name": full_name(overlapping.delegate),
                "start": date_format(overlapping.starts_on, "d/m/Y"),
                "end": date_format(overlapping.ends_on, "d/m/Y"),
            }
        )


def _record(delegation: Delegation, *, by, acting, action: str, comment: str) -> None:
    audit_record(
        dossier=None,
        actor=by,
        membership=acting,
        action=action,
        comment=comment,
        changes={
            "delegation": delegation.pk,
            "role": delegation.role,
            "unit": delegation.unit.code,
            "delegator": delegation.delegator.username,
            "delegate": delegation.delegate.username,
            "starts_on": delegation.starts_on.isoformat(),
            "ends_on": delegation.ends_on.isoformat(),
        },
    )
