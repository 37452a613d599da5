from django.db import transaction

from permissions import rules
from permissions.models import Membership

from ..errors import ActionForbidden, InvalidInput
from ..models import Document
from ..selectors import dossier_for_user
from ..states import DocumentKind
from ..uploads import check_upload
from .audit import audit_record


@transaction.atomic
def document_upload(
    *,
    user,
    dossier_id: int,
    kind: str,
    upload,
    nomination_id: int | None = None,
    acting: Membership | None = None,
) -> Document:
    """Attach a document to a dossier. Achievement reports belong to one nomination of the dossier."""
    dossier = dossier_for_user(user, dossier_id, for_update=True)
    if kind not in DocumentKind.values:
        raise InvalidInput("Loại tài liệu không hợp lệ.", {"kind": ["Loại tài liệu không hợp lệ."]})
    membership = rules.upload_membership(user, dossier, kind, acting)
    if membership is None:
        raise ActionForbidden("Bạn không được bổ sung tài liệu vào hồ sơ ở bước này.")
    nomination = _nomination_of(dossier, kind, nomination_id)
    checked = check_upload(upload)
    document = Document(
        dossier=dossier,
        nomination=nomination,
        kind=kind,
        original_name=(upload.name or "")[-255:],
        content_type=checked["content_type"],
        size=checked["size"],
        sha256=checked["sha256"],
        uploaded_by=user,
    )
    document.file.save(f"{dossier.pk}/{checked['stored_name']}", upload, save=False)
    # The file is on disk now: if the row or its event cannot be written, remove it again so that
    # a failed upload leaves no orphan behind.
    try:
        document.save()
        audit_record(
            dossier=dossier,
            actor=user,
            membership=membership,
            action="upload_document",
            from_status=dossier.status,
            to_status=dossier.status,
            changes={
                "document": [
                    None,
                    {"kind": kind, "name": document.original_name, "nomination": nomination_id},
                ]
            },
        )
    except Exception:
        document.file.delete(save=False)
        raise
    return document


def _nomination_of(dossier, kind, nomination_id):
    if kind == DocumentKind.BAO_CAO_THANH_TICH and not nomination_id:
        raise InvalidInput(
            "Báo cáo thành tích phải gắn với một đề nghị.",
            {"nomination": ["Chọn đề nghị (người/tập thể được đề nghị) cho báo cáo thành tích này."]},
        )
    if not nomination_id:
        return None
    try:
        return dossier.nominations.get(pk=int(nomination_id))
    except (ValueError, TypeError, dossier.nominations.model.DoesNotExist):
        raise InvalidInput(
            "Đề nghị không thuộc hồ sơ này.", {"nomination": ["Đề nghị không thuộc hồ sơ này."]}
        ) from None
