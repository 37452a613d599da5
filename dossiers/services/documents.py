from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from permissions import rules
from permissions.models import Membership

from ..errors import ActionForbidden, InvalidInput, StateConflict
from ..models import Document
from ..selectors import dossier_for_user
from ..states import DocumentKind, uploaders
from ..uploads import check_upload
from .recording import audit_record


@transaction.atomic
def document_upload(
    *,
    user,
    dossier_id: int,
    kind: str,
    upload,
    nomination_id: int | None = None,
    acting: Membership | None = None,
    replaces: Sequence[int] = (),
) -> Document:
    """Attach a document to a dossier. Achievement reports belong to one nomination of the dossier.
    ``replaces``: current documents of the dossier that the new one takes the place of; they stay, marked
    as replaced, so the dossier lists the new one only and its history keeps both."""
    dossier = dossier_for_user(user, dossier_id, for_update=True)
    if kind not in DocumentKind.values:
        raise InvalidInput(_("Loại tài liệu không hợp lệ."), {"kind": [_("Loại tài liệu không hợp lệ.")]})
    membership = rules.upload_membership(user, dossier, uploaders(dossier.status, kind), acting)
    if membership is None:
        raise ActionForbidden(_("Bạn không được bổ sung tài liệu vào hồ sơ ở bước này."))
    nomination = _nomination_of(dossier, kind, nomination_id)
    replaced = _current_documents(dossier, replaces)
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
        for old in replaced:
            _take_out(old, replaced_by=document)
        audit_record(
            dossier=dossier,
            actor=user,
            membership=membership,
            action="upload_document",
            from_status=dossier.status,
            to_status=dossier.status,
            changes={"document": [[_snapshot(d) for d in replaced] or None, _snapshot(document)]},
        )
    except Exception:
        document.file.delete(save=False)
        raise
    return document


def _nomination_of(dossier, kind, nomination_id):
    if kind == DocumentKind.BAO_CAO_THANH_TICH and not nomination_id:
        raise InvalidInput(
            _("Báo cáo thành tích phải gắn với một đề nghị."),
            {"nomination": [_("Chọn đề nghị (người/tập thể được đề nghị) cho báo cáo thành tích này.")]},
        )
    if not nomination_id:
        return None
    try:
        return dossier.nominations.get(pk=int(nomination_id))
    except (ValueError, TypeError, dossier.nominations.model.DoesNotExist):
        raise InvalidInput(
            _("Đề nghị không thuộc hồ sơ này."), {"nomination": [_("Đề nghị không thuộc hồ sơ này.")]}
        ) from None


@transaction.atomic
def document_remove(*, user, dossier_id: int, document_id: int, acting: Membership | None = None) -> Document:
    """Take a document out of the dossier. It is not deleted: the history names it and it can still be
    opened from there; whoever may add a document of its kind now may also take one out."""
    dossier = dossier_for_user(user, dossier_id, for_update=True)
    document = dossier.documents.filter(pk=document_id).first()
    if document is None:
        raise InvalidInput(_("Không có tài liệu này trong hồ sơ."))
    if document.removed_at is not None:
        raise StateConflict(
            _("Tài liệu “%(name)s” đã được gỡ khỏi hồ sơ.") % {"name": document.original_name}
        )
    membership = rules.upload_membership(user, dossier, uploaders(dossier.status, document.kind), acting)
    if membership is None:
        raise ActionForbidden(_("Bạn không được gỡ tài liệu khỏi hồ sơ ở bước này."))
    _take_out(document)
    audit_record(
        dossier=dossier,
        actor=user,
        membership=membership,
        action="remove_document",
        from_status=dossier.status,
        to_status=dossier.status,
        changes={"document": [_snapshot(document), None]},
    )
    return document


def _snapshot(document: Document) -> dict:
    return {"kind": document.kind, "name": document.original_name, "nomination": document.nomination_id}


def _take_out(document: Document, replaced_by: Document | None = None) -> None:
    document.removed_at, document.replaced_by = timezone.now(), replaced_by
    document.save(update_fields=["removed_at", "replaced_by"])


def _current_documents(dossier, ids: Sequence[int]) -> list[Document]:
    found = list(dossier.documents.filter(pk__in=ids, removed_at__isnull=True)) if ids else []
    if len(found) != len(set(ids)):
        raise StateConflict(
            _(
                "Tài liệu cần thay không còn trong hồ sơ (có thể vừa được gỡ hoặc thay). Vui lòng tải lại trang."
            )
        )
    return found
