from .audit import AuditEvent, AuditLogIsAppendOnly
from .catalog import AwardForm, Movement, Round
from .dossier import Decision, Document, Dossier, Nomination

__all__ = [
    "AuditEvent",
    "AuditLogIsAppendOnly",
    "AwardForm",
    "Decision",
    "Document",
    "Dossier",
    "Movement",
    "Nomination",
    "Round",
]
