"""Checks on an uploaded document: not empty, not too large, and really the type its name claims."""

import hashlib
import uuid
from pathlib import PurePath

import filetype
from django.conf import settings

from .errors import InvalidInput

# Accepted extensions and the type families their content must sniff as. Office files that are zip
# containers (docx, xlsx, odt, ods) sniff as their own kind or as a plain zip, depending on the writer.
ACCEPTED = {
    "pdf": {"pdf"},
    "jpg": {"jpg"},
    "jpeg": {"jpg"},
    "png": {"png"},
    "webp": {"webp"},
    "heic": {"heic"},
    "doc": {"doc"},
    "xls": {"xls", "doc"},
    "docx": {"docx", "zip"},
    "xlsx": {"xlsx", "zip"},
    "odt": {"odt", "zip"},
    "ods": {"ods", "zip"},
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "heic": "image/heic",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
ACCEPTED_HINT = "PDF, ảnh (JPG, PNG, WEBP, HEIC) hoặc văn bản Office (DOC, DOCX, XLS, XLSX, ODT, ODS)"


def _refuse(message: str):
    raise InvalidInput(message, {"file": [message]})


def check_upload(upload) -> dict:
    """Validate an UploadedFile; return its safe stored name, content type, size and sha256."""
    if upload is None:
        _refuse("Chưa chọn tệp để tải lên.")
    if upload.size == 0:
        _refuse("Tệp tải lên bị rỗng (0 byte). Vui lòng chọn lại tệp.")
    if upload.size > settings.DOCUMENT_MAX_BYTES:
        limit_mb = settings.DOCUMENT_MAX_BYTES // (1024 * 1024)
        _refuse(f"Tệp quá lớn: tối đa {limit_mb} MB. Hãy chụp ảnh nhỏ hơn hoặc tách thành nhiều tệp.")
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if extension not in ACCEPTED:
        _refuse(f"Loại tệp không được chấp nhận. Chỉ nhận {ACCEPTED_HINT}.")
    head = upload.read(8192)
    upload.seek(0)
    sniffed = filetype.guess_extension(head)
    if sniffed not in ACCEPTED[extension]:
        _refuse(f"Nội dung tệp không đúng định dạng .{extension}. Chỉ nhận {ACCEPTED_HINT}.")
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return {
        "stored_name": f"{uuid.uuid4().hex}.{extension}",
        "content_type": CONTENT_TYPES[extension],
        "size": upload.size,
        "sha256": digest.hexdigest(),
    }
