"""Signing an issued decision: the full decision PDF, signed by the signer and, where configured, the agency;
stored once as the record."""

import hashlib

from asn1crypto import x509
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers.errors import StateConflict
from dossiers.models import Decision, Dossier
from dossiers.printing.decision import decision_pdf
from dossiers.services.recording import audit_record

from .keys import signers_for
from .models import SignedDecision
from .placement import signature_box
from .stamping import sign_once

SIGNED_ACTION = "decision_signed"


def signing_configured(decision: Decision) -> bool:
    personal, agency = signers_for(decision, decision.date)
    return personal is not None or agency is not None


def _reason(decision: Decision) -> str:
    return _("Ký ban hành Quyết định số %(number)s ngày %(date)s") % {
        "number": decision.number,
        "date": decision.date.strftime("%d/%m/%Y"),
    }


def _subject(cert: x509.Certificate) -> str:
    return cert.subject.human_friendly[:500]


def decision_sign(decision: Decision, *, actor=None) -> SignedDecision:
    """Sign the whole decision (every awardee) and store it as the record. A decision is signed once: a second
    call returns the record already there, never a new signature."""
    with transaction.atomic():
        locked = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("issuer", "signer")
            .get(pk=decision.pk)
        )
        existing = SignedDecision.objects.filter(decision=locked).first()
        if existing is not None:
            return existing
        personal, agency = signers_for(locked, locked.date)
        if personal is None and agency is None:
            raise StateConflict(_("Chưa có khóa ký số cho người ký hoặc cơ quan ban hành quyết định này."))
        return _sign_and_store(locked, personal, agency, actor)


def _sign_and_store(decision, personal, agency, actor) -> SignedDecision:
    pdf = decision_pdf(decision)
    box = signature_box(pdf, decision)
    first = personal or agency
    first_signer = first.pyhanko_signer()
    pdf = sign_once(
        pdf, first_signer, field="ChuKyNguoiKy", box=box, label=first.label(), reason=_reason(decision)
    )
    agency_subject = ""
    if personal is not None and agency is not None:
        agency_signer = agency.pyhanko_signer()
        pdf = sign_once(
            pdf,
            agency_signer,
            field="ChuKyCoQuan",
            box=box.agency(),
            label=agency.label(),
            reason=_reason(decision),
        )
        agency_subject = _subject(agency_signer.signing_cert)
    record = SignedDecision.objects.create(
        decision=decision,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        number=decision.number,
        date=decision.date,
        signed_at=timezone.now(),
        signer_subject=_subject(first_signer.signing_cert),
        signer_serial=str(first_signer.signing_cert.serial_number),
        agency_subject=agency_subject,
        nominations=_nominations(decision),
    )
    _record_history(record, actor)
    return record


def _nominations(decision: Decision) -> list[int]:
    return sorted(decision.awarded_nominations.values_list("pk", flat=True))


def _record_history(record: SignedDecision, actor) -> None:
    """One event per dossier of the decision, so each dossier's history shows that its decision was signed."""
    dossiers = Dossier.objects.filter(nominations__decision=record.decision).distinct()
    comment = _("Đã ký số quyết định %(number)s (%(subject)s).") % {
        "number": record.number,
        "subject": record.signer_subject,
    }
    for dossier in dossiers or [None]:
        audit_record(dossier=dossier, actor=actor, membership=None, action=SIGNED_ACTION, comment=comment)


def record_pdf(decision: Decision, *, actor) -> bytes | None:
    """The signed record of a decision, signing it on its first download where a key is configured (see the
    README: decisions are signed lazily, on the first download of the whole decision). None: not signed and no
    key to sign it with."""
    record = SignedDecision.objects.filter(decision=decision).first()
    if record is not None and record.nominations != _nominations(decision):
        raise StateConflict(
            _(
                "Quyết định %(number)s đã ký số nhưng sau đó có thêm người được khen thưởng; bản đã ký không còn "
                "đủ danh sách. Ban hành một quyết định mới cho những người được thêm."
            )
            % {"number": decision.number}
        )
    if record is not None:
        return bytes(record.pdf)
    if not signing_configured(decision):
        return None
    return bytes(decision_sign(decision, actor=actor).pdf)
