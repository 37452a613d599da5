"""Checks on an uploaded document: not empty, not too large, and really the type its name claims; and the
parking of a checked upload while the form that brought it cannot be saved yet."""

import contextlib
import datetime
import hashlib
import os
import time
import uuid
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

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
ACCEPTED_HINT = _lazy("PDF, ảnh (JPG, PNG, WEBP, HEIC) hoặc văn bản Office (DOC, DOCX, XLS, XLSX, ODT, ODS)")


def _refuse(message: str):
    raise InvalidInput(message, {"file": [message]})


def check_upload(upload) -> dict:
    """Validate an UploadedFile; return its safe stored name, content type, size and sha256."""
    if upload is None:
        _refuse(_("Chưa chọn tệp để tải lên."))
    if upload.size == 0:
        _refuse(_("Tệp tải lên bị rỗng (0 byte). Vui lòng chọn lại tệp."))
    if upload.size > settings.DOCUMENT_MAX_BYTES:
        limit_mb = settings.DOCUMENT_MAX_BYTES // (1024 * 1024)
        _refuse(
            _("Tệp quá lớn: tối đa %(limit)s MB. Hãy chụp ảnh nhỏ hơn hoặc tách thành nhiều tệp.")
            % {"limit": limit_mb}
        )
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if extension not in ACCEPTED:
        _refuse(_("Loại tệp không được chấp nhận. Chỉ nhận %(accepted)s.") % {"accepted": str(ACCEPTED_HINT)})
    head = upload.read(8192)
    upload.seek(0)
    sniffed = filetype.guess_extension(head)
    if sniffed not in ACCEPTED[extension]:
        _refuse(
            _("Nội dung tệp không đúng định dạng .%(extension)s. Chỉ nhận %(accepted)s.")
            % {"extension": extension, "accepted": str(ACCEPTED_HINT)}
        )
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


# A valid report on a form that could not be saved waits for the next try in its user's own folder,
# so that nobody uploads it twice on a weak connection. A form given up leaves it behind: a user may park
# only so much, and what is older than a day is removed (the hourly job, and each new parking).
PARKING = "pending"
PARKED_MAX_AGE = datetime.timedelta(days=1)
PARKED_MAX_FILES = 30
PARKED_MAX_BYTES = 100 * 1024 * 1024


def _parking(user) -> str:
    return default_storage.path(f"{PARKING}/{user.pk}")


def parked_name(*, user, name) -> str | None:
    """The storage name of a file this user parked and that is still there, or None. The path is
    resolved (no '..' or link leads out) and must lie in the user's own folder, whoever signed the
    reference: a leaked signing key must not let a form take another document's file."""
    if not isinstance(name, str):
        return None
    folder = os.path.realpath(_parking(user))
    try:
        target = os.path.realpath(os.path.join(default_storage.location, name))
    except ValueError:  # a NUL byte
        return None
    if os.path.dirname(target) != folder or not os.path.isfile(target):
        return None
    return f"{PARKING}/{user.pk}/{os.path.basename(target)}"


def park_upload(*, user, upload, replacing: str | None = None) -> str:
    """Park a checked upload for the user's next try; return its storage name. ``replacing`` is the file
    the same field parked before, which this one takes the place of rather than piling up."""
    folder = _parking(user)
    _expire(folder, time.time() - PARKED_MAX_AGE.total_seconds())
    replacing = parked_name(user=user, name=replacing)
    others = _sizes(folder)
    others.pop(PurePath(replacing or "").name, None)
    if len(others) >= PARKED_MAX_FILES or sum(others.values()) + upload.size > PARKED_MAX_BYTES:
        _refuse(
            _(
                "Máy chủ đang giữ quá nhiều tệp chưa lưu của bạn (tối đa %(count)s tệp, %(size)s MB), nên tệp "
                "này chưa được giữ lại. Hãy sửa các ô báo đỏ và lưu hồ sơ, rồi chọn lại tệp này."
            )
            % {"count": PARKED_MAX_FILES, "size": PARKED_MAX_BYTES // (1024 * 1024)}
        )
    if replacing:
        default_storage.delete(replacing)
    suffix = PurePath(upload.name or "").suffix.lower()  # checked by check_upload: one of ACCEPTED
    return default_storage.save(f"{PARKING}/{user.pk}/{uuid.uuid4().hex}{suffix}", upload)


def expire_parked(*, max_age: datetime.timedelta = PARKED_MAX_AGE) -> int:
    """Remove the parked files older than ``max_age``, of forms never saved again; return how many."""
    return _expire(default_storage.path(PARKING), time.time() - max_age.total_seconds())


def _sizes(folder: str) -> dict[str, int]:
    """Name → size of the files in a parking folder (none while it does not exist yet)."""
    try:
        with os.scandir(folder) as entries:
            return {
                e.name: e.stat(follow_symlinks=False).st_size
                for e in entries
                if e.is_file(follow_symlinks=False)
            }
    except FileNotFoundError:
        return {}


def _expire(folder: str, cutoff: float) -> int:
    removed = 0
    for root, _folders, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            # Another run, or the save that used the file, may have removed it meanwhile.
            with contextlib.suppress(FileNotFoundError):
                if os.lstat(path).st_mtime < cutoff:
                    os.unlink(path)
                    removed += 1
    return removed
