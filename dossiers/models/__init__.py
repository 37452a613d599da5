from .audit import AuditEvent, AuditLogIsAppendOnly, deferred_history
from .catalog import AwardForm, BaseSalary, BonusRate, BonusRounding, Criterion, LegalBasis, Movement, Round
from .dossier import Decision, Document, Dossier, Nomination
from .flag_decision import FlagDecision

__all__ = [
    "AuditEvent",
    "AuditLogIsAppendOnly",
    "AwardForm",
    "BaseSalary",
    "BonusRate",
    "BonusRounding",
    "Criterion",
    "Decision",
    "LegalBasis",
    "Document",
    "Dossier",
    "FlagDecision",
    "Movement",
    "Nomination",
    "Round",
    "deferred_history",
]
