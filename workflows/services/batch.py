"""One decision for many dossiers: a chair approves them all in one transaction, or none of them."""

from django.db import transaction
from django.utils.translation import gettext as _

from dossiers.errors import ActionForbidden, DossierNotFound, InvalidInput, StateConflict
from dossiers.models import Decision, Dossier, deferred_history
from permissions import rules

from . import payloads
from .transitions import dossier_transition, firing_membership


@transaction.atomic
def decision_issue(
    *, user, number: str, date, dossier_ids, signer=None, signer_capacity=None, acting=None
) -> Decision:
    """Approve every listed dossier under one new decision number, signed by ``signer`` (a user id: the chair
    or a vice-chair of the issuing unit; the deciding official if None). A dossier that is not awaiting this
    chair's decision refuses the whole batch (409); a number already used by the issuer this year is a 400."""
    ids = sorted({payloads.identifier(pk) for pk in (dossier_ids or [])} - {None})
    if not ids or len(ids) != len(dossier_ids):
        raise InvalidInput(
            _("Chọn các hồ sơ cần quyết định."), {"dossiers": [_("Danh sách mã hồ sơ không hợp lệ.")]}
        )
    dossiers = _locked(user, ids)
    issuer = _issuer(user, dossiers, acting)
    number, decided_on = _new_number(issuer, {"number": number, "date": date})
    payload = {
        "decision_number": number,
        "decision_date": decided_on,
        "signer": signer,
        "signer_capacity": signer_capacity,
    }
    # The history's events are appended together at the end: the chain lock, which every official's step
    # takes, is then held for one insert rather than through hundreds of dossiers' work.
    with deferred_history():
        _approve_all(user, dossiers, payload, acting)
    decision = Decision.objects.filter(issuer=issuer, year=decided_on.year, number=number).first()
    if decision is None:  # every nominee was above this chair's authority: there is nobody to decide on
        raise StateConflict(
            _(
                "Các hồ sơ đã chọn không có đề nghị nào thuộc thẩm quyền của bạn, nên không có quyết định để ban "
                "hành; hãy phê duyệt từng hồ sơ để trình cấp trên."
            )
        )
    return decision


def _locked(user, ids) -> list:
    """Every dossier locked first, in one statement and in one order, so that two batches sharing a dossier
    wait for each other; one the user may not see refuses the batch as a missing one does (404)."""
    dossiers = list(Dossier.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    if len(dossiers) != len(ids) or not all(rules.can_view(user, dossier) for dossier in dossiers):
        raise DossierNotFound(_("Không tìm thấy hồ sơ."))
    return dossiers


def _approve_all(user, dossiers, payload, acting) -> None:
    """Every dossier approved, or a refusal naming the first that cannot be (and nothing is issued)."""
    for dossier in dossiers:
        try:
            dossier_transition(
                user=user, dossier_id=dossier.pk, name="approve", payload=payload, acting=acting
            )
        except (ActionForbidden, StateConflict) as refusal:
            raise StateConflict(
                _("Hồ sơ %(code)s không chờ quyết định của bạn; chưa ban hành quyết định nào.")
                % {"code": dossier.code},
                {
                    "dossiers": [
                        _("%(code)s: %(message)s") % {"code": dossier.code, "message": refusal.message}
                    ]
                },
            ) from None


def _issuer(user, dossiers, acting):
    memberships = {firing_membership(user, d, "approve", acting) for d in dossiers}
    if None in memberships or len({m.unit_id for m in memberships}) != 1:
        raise StateConflict(_("Có hồ sơ không chờ quyết định của bạn; chưa ban hành quyết định nào."))
    return memberships.pop().unit


def _new_number(issuer, payload):
    errors = payloads.Errors()
    number = payloads.text(payload, "number", errors, required=True, label=_("Số quyết định"), max_length=40)
    decided_on = payloads.date(payload, "date", errors, label=_("Ngày quyết định"))
    errors.raise_if_any(_("Thông tin quyết định chưa hợp lệ."))
    if Decision.objects.filter(issuer=issuer, year=decided_on.year, number=number).exists():
        raise InvalidInput(
            _("Số quyết định %(number)s đã được %(issuer)s dùng trong năm %(year)s.")
            % {"number": number, "issuer": issuer.name, "year": decided_on.year},
            {
                "number": [
                    _("Số %(number)s đã dùng trong năm %(year)s; chọn số khác.")
                    % {"number": number, "year": decided_on.year}
                ]
            },
        )
    return number, decided_on
