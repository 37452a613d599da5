from .audit import AuditEvent, AuditLogIsAppendOnly
from .catalog import AwardForm, LegalBasis, Movement, Round
from .dossier import Decision, Document, Dossier, Nomination

__all__ = [
    "AuditEvent",
    "AuditLogIsAppendOnly",
    "AwardForm",
    "Decision",
    "LegalBasis",
    "Document",
    "Dossier",
    "Movement",
    "Nomination",
    "Round",
]
