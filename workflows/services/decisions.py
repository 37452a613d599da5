"""Who decides which award, and the decision a dossier is approved under."""

import re

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from dossiers.models import Decision
from dossiers.states import Outcome
from permissions import rules

from ..routes import route_of
from . import payloads

DECISION_NUMBER = re.compile(r"^\d{1,6}/[0-9A-Za-zĐđ.\-]{1,30}$")


def splits_by_authority(dossier) -> tuple[list[int], list[int]]:
    """(ids of the nominations this chair awards, ids of those above their authority) among those still
    pending, read in one query (a chair's decision of hundreds of dossiers asks it of each)."""
    # Proposed by the commune's council and not found ineligible by an appraisal (the three-tier commune
    # decides without one).
    awardable = dossier.nominations.filter(outcome=Outcome.PENDING, commune_approved=True).exclude(
        eligible=False
    )
    allowed = route_of(dossier).authority[dossier.decision_level]  # what this chair grants on the route
    within, above = [], []
    for pk, level in awardable.order_by("pk").values_list("pk", "award_form__authority_level"):
        (within if level in allowed else above).append(pk)
    return within, above


def _number_and_date(payload, errors):
    number = payloads.text(
        payload, "decision_number", errors, required=True, label=_("Số quyết định"), max_length=40
    )
    if number and not DECISION_NUMBER.match(number):
        errors.add("decision_number", _("Số quyết định không đúng dạng, ví dụ: 123/QĐ-UBND."))
    decided_on = payloads.date(payload, "decision_date", errors, label=_("Ngày quyết định"))
    return number, decided_on


def _decision(*, issuer, number, decided_on, errors, defaults) -> Decision | None:
    key = {"issuer": issuer, "year": decided_on.year, "number": number}
    # With its signer and signature: a decision of hundreds of dossiers asks for them once a dossier.
    existing = Decision.objects.filter(**key).select_related("signer", "signed_record").first()
    if existing is None:
        try:
            with transaction.atomic():  # another chair may be issuing the same new number right now
                return Decision.objects.create(date=decided_on, **key, **defaults)
        except IntegrityError:
            existing = Decision.objects.get(**key)
    # One decision lists many awardees: the same number, date and signer joins that decision.
    same = existing.date == decided_on and all(
        getattr(existing, k) == v for k, v in defaults.items() if k != "recorded_by"
    )
    if same and hasattr(existing, "signed_record"):
        # Signed and issued: the record may not grow; whoever is added needs a new decision.
        errors.add(
            "decision_number",
            _("Quyết định %(number)s đã ký số; ban hành một quyết định mới cho các đề nghị này.")
            % {"number": number},
        )
        return None
    if not same:
        errors.add(
            "decision_number",
            _("Số %(number)s đã dùng cho quyết định ngày %(date)s của %(issuer)s. Kiểm tra lại số hoặc ngày.")
            % {"number": number, "date": existing.date.strftime("%d/%m/%Y"), "issuer": issuer.name},
        )
        return None
    return existing


def award_decision(dossier, user, membership, payload, errors) -> Decision | None:
    number, decided_on = _number_and_date(payload, errors)
    signer = _signer(membership, payload, errors)
    if errors:
        return None
    defaults = {
        "signer": signer.user,
        "signer_capacity": rules.SIGNING_CAPACITY[signer.role],
        "recorded_by": user,
    }
    return _decision(
        issuer=membership.unit, number=number, decided_on=decided_on, errors=errors, defaults=defaults
    )


def _signer(membership, payload, errors):
    """The chair or vice-chair of the deciding unit who signs. Without a choice, the deciding official signs
    themselves; a capacity sent with it (older clients) must be the signer's own."""
    raw = payload.get("signer")
    signer_id = membership.user_id if raw in (None, "") else payloads.identifier(raw)
    signer = rules.signer_membership(membership.unit_id, signer_id) if signer_id else None
    if signer is None:
        errors.add(
            "signer",
            _("Chọn người ký: Chủ tịch hoặc một Phó Chủ tịch của %(unit)s.") % {"unit": membership.unit.name},
        )
        return None
    capacity = payload.get("signer_capacity")
    if capacity not in (None, "") and capacity != rules.SIGNING_CAPACITY[signer.role]:
        errors.add(
            "signer_capacity",
            _("Người ký đã chọn là %(role)s; thẩm quyền ký không khớp.")
            % {"role": signer.get_role_display()},
        )
    return signer


def province_decision(dossier, user, payload, errors) -> Decision | None:
    number, decided_on = _number_and_date(payload, errors)
    if errors:
        return None
    defaults = {"signer": None, "signer_capacity": "", "recorded_by": user}
    return _decision(
        issuer=dossier.province, number=number, decided_on=decided_on, errors=errors, defaults=defaults
    )
