"""Nominees from a spreadsheet: every row checked, every bad row reported with its number and reason,
nothing imported unless the whole file is valid.

An .xlsx file is a zip of XML parts, so a small upload can unpack to a huge one (400 KB packed, 400 MB of
shared strings). What a file may unpack to is therefore bounded from the zip's directory and a cheap
streaming count of its XML before openpyxl builds anything; the rows are then streamed, each bounded.
"""

import io
import zipfile
import zlib
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ..errors import InvalidInput
from ..limits import NAME_MAX, NOMINATIONS_MAX, SUMMARY_MAX
from ..models import AwardForm
from ..states import NomineeKind
from ..text import fold

HEADERS = ["Đối tượng", "Tên người / tập thể được đề nghị", "Hình thức khen thưởng", "Tóm tắt thành tích"]
COLUMNS = "ABCD"

# Bounds of one import, sized for a village's list: a few dozen to a few hundred rows of four columns.
MAX_ROWS = NOMINATIONS_MAX  # filled rows below the headers: no more than a dossier may hold
MAX_CELL_CHARS = SUMMARY_MAX  # one cell: a name, or a summary of achievements (the longest field)
MAX_CELLS = 20_000  # cells in the whole workbook, formatted empty cells included
MAX_XML_ELEMENTS = 200_000  # in all XML parts together; a full 500-row sheet has about 10 000
MAX_PART_BYTES = 8 * 1024 * 1024  # one unpacked part: a sheet, the shared strings, a picture
MAX_UNPACKED_BYTES = 16 * 1024 * 1024  # all parts together, unpacked
MAX_PARTS = 200
MAX_RATIO = 100  # unpacked / packed size of a part: spreadsheet XML packs 5–20×, a zip bomb 1000×
RATIO_FROM_BYTES = 1024 * 1024  # a smaller part is harmless whatever its ratio
CHUNK = 64 * 1024
# What a corrupt or foreign file raises somewhere in zipfile, expat or openpyxl.
UNREADABLE = (
    InvalidFileException,
    KeyError,
    OSError,
    ValueError,
    TypeError,
    IndexError,
    EOFError,
    RuntimeError,  # an encrypted part, an unsupported compression
    SyntaxError,  # ElementTree's ParseError
    expat.ExpatError,
    zipfile.BadZipFile,
    zlib.error,
)


def template() -> bytes:
    """The workbook to fill: the headers, an example row, and a sheet of the accepted values."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đề nghị"
    sheet.append(HEADERS)
    sheet.append(
        [
            str(NomineeKind.HOUSEHOLD.label),
            "Hộ ông Nguyễn Văn A",
            "Giấy khen của Chủ tịch UBND xã",
            "Thoát nghèo bền vững, giúp đỡ 3 hộ khác",
        ]
    )
    values = workbook.create_sheet("Giá trị hợp lệ")
    values.append(["Đối tượng", "Hình thức khen thưởng"])
    forms = list(AwardForm.objects.values_list("name", flat=True))
    kinds = [kind.label for kind in NomineeKind]
    for i in range(max(len(forms), len(kinds))):
        values.append([str(kinds[i]) if i < len(kinds) else None, forms[i] if i < len(forms) else None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_nominees(upload) -> list[dict]:
    """The nominations of a filled template, or InvalidInput listing every bad row."""
    if upload is None or upload.size > settings.DOCUMENT_MAX_BYTES:
        raise InvalidInput(
            _("Chưa có tệp."),
            {"file": [_("Chọn tệp bảng tính (.xlsx) theo mẫu, không quá giới hạn dung lượng.")]},
        )
    rows = _read_rows(upload)
    if not rows or rows[0][0] != 1 or [fold(c) for c in rows[0][1]] != [fold(h) for h in HEADERS]:
        detail = _("Dòng 1 phải là tiêu đề của mẫu: %(headers)s.") % {"headers": ", ".join(HEADERS)}
        raise InvalidInput(_("Sai mẫu."), {"file": [detail]})
    kinds = {fold(str(k.label)): k.value for k in NomineeKind} | {k.value: k.value for k in NomineeKind}
    forms = {fold(f.name): f for f in AwardForm.objects.all()} | {f.code: f for f in AwardForm.objects.all()}
    nominees, errors = [], []
    for number, cells in rows[1:]:
        problems = _problems(cells, kinds, forms)
        if problems:
            errors.append(
                _("Dòng %(number)s: %(problems)s.") % {"number": number, "problems": "; ".join(problems)}
            )
        else:
            kind, name, form, summary = cells
            nominees.append(
                {
                    "nominee_kind": kinds[fold(kind)],
                    "nominee_name": name,
                    "award_form": forms[fold(form)],
                    "achievement_summary": summary,
                }
            )
    if not nominees and not errors:
        errors.append(_("Tệp chưa có dòng đề nghị nào."))
    if errors:
        raise InvalidInput(_("Chưa nhập được: sửa các dòng sau rồi tải lại tệp."), {"file": errors})
    return nominees


def _problems(cells, kinds, forms) -> list[str]:
    long = [column for column, cell in zip(COLUMNS, cells, strict=True) if len(cell) > MAX_CELL_CHARS]
    if long:  # nothing else is said about a cell that long: it is not echoed back
        return [
            _("ô ở cột %(columns)s dài quá %(limit)s ký tự (giới hạn của một ô), hãy rút gọn")
            % {"columns": ", ".join(long), "limit": MAX_CELL_CHARS}
        ]
    kind, name, form, _summary = cells
    problems = []
    if fold(kind) not in kinds:
        problems.append(_("đối tượng “%(value)s” không có trong danh sách") % {"value": _short(kind)})
    if not name:
        problems.append(_("thiếu tên"))
    elif len(name) > NAME_MAX:
        problems.append(_("tên dài quá %(limit)s ký tự") % {"limit": NAME_MAX})
    if fold(form) not in forms:
        problems.append(_("hình thức “%(value)s” không có trong danh sách") % {"value": _short(form)})
    return problems


def _short(value: str) -> str:
    return value if len(value) <= 60 else value[:60] + "…"


def _read_rows(upload) -> list[tuple[int, list[str]]]:
    """(row number, its four cells as text) of each filled row of the first sheet."""
    try:
        with zipfile.ZipFile(upload) as archive:
            _check_parts(archive)
        upload.seek(0)
        book = load_workbook(upload, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # read every row there is, not only those the file claims to have
            return list(_filled_rows(sheet))
        finally:
            book.close()
    except UNREADABLE:
        raise InvalidInput(
            _("Không đọc được tệp."), {"file": [_("Tệp không phải bảng tính Excel (.xlsx) theo mẫu.")]}
        ) from None


def _filled_rows(sheet):
    filled = 0
    for number, row in enumerate(sheet.iter_rows(max_col=len(HEADERS), values_only=True), start=1):
        cells = [str(c).strip() if c is not None else "" for c in (list(row) + [None] * 4)[:4]]
        if not any(cells):
            continue  # a gap costs nothing: openpyxl streams it as an empty row
        filled += 1
        if filled > MAX_ROWS + 1:  # the header row and MAX_ROWS nominees
            _refuse(
                _(
                    "Tệp có quá %(limit)s dòng đề nghị (giới hạn cho một lần nhập). "
                    "Hãy chia danh sách thành nhiều tệp hoặc nhiều hồ sơ."
                )
                % {"limit": MAX_ROWS}
            )
        yield number, cells


def _refuse(detail: str):
    raise InvalidInput(_("Không nhập được bảng tính."), {"file": [detail]})


def _abnormal():
    _refuse(
        _(
            "Tệp bảng tính có cấu trúc bất thường (tệp hỏng hoặc có thể là tệp độc hại) nên không được mở. "
            "Hãy chép danh sách sang tệp mẫu tải từ trang này, lưu lại rồi tải lên."
        )
    )


def _too_large(limit: int):
    _refuse(
        _(
            "Tệp bảng tính quá lớn khi giải nén: vượt %(limit)s MB, giới hạn cho một lần nhập. "
            "Hãy chỉ giữ trang danh sách đề nghị (xoá ảnh và các trang khác) hoặc chia danh sách "
            "thành nhiều tệp, rồi tải lên lại."
        )
        % {"limit": limit // (1024 * 1024)}
    )


def _check_parts(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook that would unpack too large, before anything is unpacked. The sizes come from
    the zip's directory and bind: zipfile stops each part at its declared size and fails its checksum."""
    parts = archive.infolist()
    if any(part.file_size > MAX_PART_BYTES for part in parts):
        _too_large(MAX_PART_BYTES)
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        _too_large(MAX_UNPACKED_BYTES)
    if len(parts) > MAX_PARTS or any(_packed_too_tightly(part) for part in parts):
        _abnormal()
    budget = _XmlBudget()
    for part in parts:
        budget.scan(archive, part)


def _packed_too_tightly(part: zipfile.ZipInfo) -> bool:
    return part.file_size > RATIO_FROM_BYTES and part.file_size > MAX_RATIO * max(part.compress_size, 1)


def _looks_like_xml(head: bytes) -> bool:
    # After a byte-order mark, UTF-16 zero bytes or white space; a picture never starts so.
    return head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").startswith(b"<")


class _XmlBudget:
    """Counts the elements and cells of the XML parts, streaming with expat (what openpyxl parses with),
    so that one huge row or a sea of tiny elements is refused before openpyxl holds it in memory.
    A DTD is refused outright: spreadsheets have none, and its entities can expand bytes into gigabytes."""

    def __init__(self):
        self.elements = self.cells = 0

    def scan(self, archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
        with archive.open(part) as stream:
            chunk = stream.read(CHUNK)
            if not _looks_like_xml(chunk):
                return  # a picture or another binary part, which a read-only load never parses
            parser = expat.ParserCreate(namespace_separator=" ")
            parser.StartElementHandler = self._element
            parser.StartDoctypeDeclHandler = self._doctype
            while chunk:
                parser.Parse(chunk, False)
                chunk = stream.read(CHUNK)
            parser.Parse(b"", True)

    def _element(self, name, _attributes):
        self.elements += 1
        self.cells += name.rpartition(" ")[2] == "c"
        if self.elements > MAX_XML_ELEMENTS:
            _abnormal()
        if self.cells > MAX_CELLS:
            _refuse(
                _(
                    "Bảng tính có quá %(limit)s ô (giới hạn cho một lần nhập). Mẫu chỉ cần 4 cột: hãy xoá "
                    "các cột và trang thừa, hoặc chia danh sách thành nhiều tệp."
                )
                % {"limit": MAX_CELLS}
            )

    def _doctype(self, *_args):
        _abnormal()
