from django.db import models
from django.utils.translation import gettext_lazy as _

from permissions.roles import Role


class Status(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi xã")
    RETURNED = "returned", _("Bị trả lại thôn")
    ECONOMIC_OPINION = "economic_opinion", _("Chờ ý kiến Phòng Kinh tế")
    COUNCIL_REVIEW = "council_review", _("Chờ Hội đồng TĐKT xã họp xét")
    COMMUNE_APPROVED = "commune_approved", _("Xã đã duyệt, chờ tổng hợp")
    APPRAISAL = "appraisal", _("Đang thẩm định")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung")
    AWAITING_DECISION = "awaiting_decision", _("Chờ quyết định")
    VILLAGE_SUPPLEMENT = "village_supplement", _("Thôn bổ sung hồ sơ")
    FORWARDED = "forwarded", _("Đã trình tỉnh")
    PROVINCE_SUPPLEMENT = "province_supplement", _("Tỉnh yêu cầu bổ sung")
    FORWARDED_CENTRAL = "forwarded_central", _("Đã trình Trung ương")
    DECIDED = "decided", _("Đã quyết định")
    REJECTED = "rejected", _("Không được đề nghị")
    WITHDRAWN = "withdrawn", _("Đã rút hồ sơ")


class RouteName(models.TextChoices):
    """The routes a round may follow (each declared in workflows.routes)."""

    THREE_TIER = "three_tier", _("Ba cấp: thôn – xã – huyện – tỉnh (trước 01/07/2025)")
    TWO_TIER = "two_tier", _("Hai cấp: thôn – xã – tỉnh (từ 01/07/2025)")


FINAL_STATES = {Status.DECIDED, Status.REJECTED, Status.WITHDRAWN}
# withdraw is allowed from every state before a decision.
WITHDRAWABLE_STATES = [s for s in Status if s not in FINAL_STATES]


class NomineeKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")
    HOUSEHOLD = "household", _("Hộ gia đình")
    ENTERPRISE = "enterprise", _("Doanh nghiệp, hợp tác xã, ngân hàng")


class AuthorityLevel(models.TextChoices):
    COMMUNE = "commune", _("Chủ tịch UBND xã")
    DISTRICT = "district", _("Chủ tịch UBND huyện")
    PROVINCE = "province", _("Chủ tịch UBND tỉnh")
    NATIONAL = "national", _("Trung ương")


AUTHORITY_ORDER = [
    AuthorityLevel.COMMUNE,
    AuthorityLevel.DISTRICT,
    AuthorityLevel.PROVINCE,
    AuthorityLevel.NATIONAL,
]


class Outcome(models.TextChoices):
    PENDING = "pending", _("Chưa có kết quả")
    AWARDED = "awarded", _("Được khen thưởng")
    FORWARDED = "forwarded", _("Đã trình cấp trên")
    NOT_AWARDED = "not_awarded", _("Không được khen thưởng")


class DocumentKind(models.TextChoices):
    TO_TRINH = "to_trinh", _("Tờ trình")
    BIEN_BAN = "bien_ban", _("Biên bản họp xét")
    BAO_CAO_THANH_TICH = "bao_cao_thanh_tich", _("Báo cáo thành tích")
    DANH_SACH = "danh_sach", _("Danh sách trích ngang")
    KHAC = "khac", _("Tài liệu khác")


class SignerCapacity(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch (ký thay Chủ tịch)")


# The titles above the signer's name (Decree 30/2020; shared/documents.md): a Giấy khen is the chair's own
# power, so the chair signs "CHỦ TỊCH" (not "TM. ỦY BAN NHÂN DÂN") and a vice-chair "KT. CHỦ TỊCH / PHÓ CHỦ
# TỊCH". Official wording, the same in every language: the decision, the certificates, the list and the API.
SIGNATURE_TITLES = {
    SignerCapacity.CHAIR: ["CHỦ TỊCH"],
    SignerCapacity.VICE_CHAIR: ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
}


# What a state lets change without moving the dossier, and by which roles. The statuses are this app's, so
# the table is here; the services read it for the locked row and hand the roles to ``permissions.rules``
# (which may not import this app), as the route hands it the roles of each transition. The village head
# drafts and mends a returned dossier; the submission and the meeting minutes are the commune's own
# documents, added while it reviews or supplements, never the village's; the appraiser adds notes.
# A village asked for a supplement on the two-tier route adds documents but does not edit the nominations:
# the council has voted on them.
EDITORS = {Status.DRAFT: (Role.VILLAGE_HEAD,), Status.RETURNED: (Role.VILLAGE_HEAD,)}
_VILLAGE_KINDS = (DocumentKind.BAO_CAO_THANH_TICH, DocumentKind.DANH_SACH, DocumentKind.KHAC)
_COMMUNE_ADDS = {Role.COMMUNE_OFFICER: tuple(DocumentKind), Role.COMMUNE_CHAIR: tuple(DocumentKind)}
UPLOADERS = {
    Status.DRAFT: {Role.VILLAGE_HEAD: _VILLAGE_KINDS},
    Status.RETURNED: {Role.VILLAGE_HEAD: _VILLAGE_KINDS},
    Status.SUBMITTED: _COMMUNE_ADDS,
    Status.SUPPLEMENT_REQUESTED: _COMMUNE_ADDS,
    Status.APPRAISAL: {Role.APPRAISER: (DocumentKind.KHAC,)},
    # The two-tier route: the economic office attaches its opinion, the council its minutes, the village
    # supplements what the commune's appraisal asked for, the commune what the province asked for.
    Status.ECONOMIC_OPINION: {Role.ECONOMIC_OFFICER: (DocumentKind.KHAC,)},
    Status.COUNCIL_REVIEW: _COMMUNE_ADDS,
    Status.VILLAGE_SUPPLEMENT: {Role.VILLAGE_HEAD: _VILLAGE_KINDS},
    Status.PROVINCE_SUPPLEMENT: _COMMUNE_ADDS,
    Status.FORWARDED: {Role.PROVINCE_OFFICER: (DocumentKind.KHAC,)},
}


def editors(status: str) -> tuple[str, ...]:
    """The roles that may edit a dossier's content in ``status``."""
    return EDITORS.get(status, ())


def uploaders(status: str, kind: str) -> list[str]:
    """The roles that may add a document of ``kind`` to a dossier in ``status``."""
    return [role for role, kinds in UPLOADERS.get(status, {}).items() if kind in kinds]
