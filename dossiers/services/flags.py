"""The appraiser's decision on a duplicate or re-award flag: kept or withdrawn, with a reason."""

from django.db import transaction
from django.utils.translation import gettext as _

from permissions import rules
from permissions.models import Membership

from ..duplicates import flags_of
from ..errors import ActionForbidden, InvalidInput, StateConflict
from ..models import FlagDecision
from ..selectors import dossier_for_user
from .recording import audit_record

MIN_FLAG_REASON = 10


@transaction.atomic
def flag_decide(
    *,
    user,
    dossier_id: int,
    flag: str,
    verdict: str,
    reason: str,
    appraisers: tuple | None,
    acting: Membership | None = None,
) -> FlagDecision:
    """Record whether a flagged nominee is kept or withdrawn. ``appraisers`` are the roles that appraise the
    dossier at its current stage (the route's word, read by the caller), or None when it is not at an
    appraisal: the decision belongs to the appraisal, as the report that carries it does."""
    dossier = dossier_for_user(user, dossier_id, for_update=True, acting=acting)
    membership = rules.transition_membership(user, dossier, appraisers or (), acting)
    official = rules.handles_dossier(user, dossier, acting, officials_only=True)
    if membership is None and (appraisers is not None or not official):
        raise ActionForbidden(_("Chỉ người thẩm định hồ sơ mới ghi quyết định về cảnh báo trùng."))
    if membership is None:
        raise StateConflict(_("Hồ sơ không ở bước thẩm định: không ghi quyết định về cảnh báo được."))
    found = next((f for f in flags_of(dossier) if f"{f.nomination.pk}:{f.key}" == flag), None)
    _check(found, verdict, reason)
    before = found.decision
    decision, _created = FlagDecision.objects.update_or_create(
        nomination=found.nomination,
        flag=found.key,
        defaults={"verdict": verdict, "reason": reason.strip(), "decided_by": user},
    )
    audit_record(
        dossier=dossier,
        actor=user,
        membership=membership,
        action="flag_decision",
        from_status=dossier.status,
        to_status=dossier.status,
        comment=reason.strip(),
        changes={
            "flag": [None, found.message],
            "flagged_nomination": [None, found.nomination.pk],
            "verdict": [before.verdict if before else None, verdict],
        },
    )
    return decision


def _check(found, verdict: str, reason: str) -> None:
    errors = {}
    if found is None:
        errors["flag"] = [_("Không có cảnh báo này trên hồ sơ.")]
    if verdict not in FlagDecision.Verdict.values:
        errors["verdict"] = [_("Chọn giữ hoặc rút đề nghị.")]
    if len((reason or "").strip()) < MIN_FLAG_REASON:
        errors["reason"] = [_("Ghi lý do (ít nhất %(count)s ký tự).") % {"count": MIN_FLAG_REASON}]
    if errors:
        raise InvalidInput(_("Chưa ghi được quyết định về cảnh báo."), errors)
