"""Nominees from a spreadsheet: every row checked, every bad row reported with its number and reason,
nothing imported unless the whole file is valid."""

import io
import itertools
import zipfile

from django.conf import settings
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ..errors import InvalidInput
from ..models import AwardForm
from ..states import NomineeKind
from ..text import fold

HEADERS = ["Đối tượng", "Tên người / tập thể được đề nghị", "Hình thức khen thưởng", "Tóm tắt thành tích"]
MAX_ROWS = 500


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


def _lookup(pairs):
    return {fold(str(label)): value for value, label in pairs}


def read_nominees(upload) -> list[dict]:
    """The nominations of a filled template, or InvalidInput listing every bad row."""
    if upload is None or upload.size > settings.DOCUMENT_MAX_BYTES:
        raise InvalidInput(
            "Chưa có tệp.", {"file": ["Chọn tệp bảng tính (.xlsx) theo mẫu, không quá giới hạn dung lượng."]}
        )
    try:
        sheet = load_workbook(upload, read_only=True, data_only=True).worksheets[0]
        rows = list(
            itertools.islice(sheet.iter_rows(values_only=True), MAX_ROWS + 2)
        )  # never read a huge sheet
    except (InvalidFileException, KeyError, OSError, ValueError, TypeError, zipfile.BadZipFile):
        raise InvalidInput(
            "Không đọc được tệp.", {"file": ["Tệp không phải bảng tính Excel (.xlsx) theo mẫu."]}
        ) from None
    if not rows or [fold(str(c or "")) for c in rows[0][:4]] != [fold(h) for h in HEADERS]:
        raise InvalidInput(
            "Sai mẫu.", {"file": ["Dòng 1 phải là tiêu đề của mẫu: " + ", ".join(HEADERS) + "."]}
        )
    kinds = _lookup([(k.value, k.label) for k in NomineeKind]) | {k.value: k.value for k in NomineeKind}
    forms = {fold(f.name): f for f in AwardForm.objects.all()} | {f.code: f for f in AwardForm.objects.all()}
    nominees, errors = [], []
    for number, row in enumerate(rows[1:], start=2):
        cells = [str(c).strip() if c is not None else "" for c in (list(row) + [None] * 4)[:4]]
        if not any(cells):
            continue
        problems, (kind, name, form, summary) = [], cells
        if fold(kind) not in kinds:
            problems.append(f"đối tượng “{kind}” không có trong danh sách")
        if not name or len(name) > 300:
            problems.append("thiếu tên" if not name else "tên dài quá 300 ký tự")
        if fold(form) not in forms:
            problems.append(f"hình thức “{form}” không có trong danh sách")
        if problems:
            errors.append(f"Dòng {number}: " + "; ".join(problems) + ".")
        else:
            nominees.append(
                {
                    "nominee_kind": kinds[fold(kind)],
                    "nominee_name": name,
                    "award_form": forms[fold(form)],
                    "achievement_summary": summary,
                }
            )
    if len(nominees) + len(errors) > MAX_ROWS:
        errors.append(f"Tệp có quá {MAX_ROWS} dòng; hãy chia thành nhiều hồ sơ.")
    if not nominees and not errors:
        errors.append("Tệp chưa có dòng đề nghị nào.")
    if errors:
        raise InvalidInput("Chưa nhập được: sửa các dòng sau rồi tải lại tệp.", {"file": errors})
    return nominees
