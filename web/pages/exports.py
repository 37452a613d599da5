"""Spreadsheets of what a list shows, with its filters: Vietnamese headers, dates as dates."""

import datetime
import io

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from dossiers.models import Nomination

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOMINATION_HEADERS = [
    "Mã hồ sơ",
    "Tiêu đề hồ sơ",
    "Thôn",
    "Xã",
    "Đợt",
    "Trạng thái hồ sơ",
    "Tên người / tập thể được đề nghị",
    "Đối tượng",
    "Hình thức khen thưởng",
    "Kết quả",
    "Số quyết định",
    "Ngày quyết định",
    "Ngày tạo hồ sơ",
]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_value(value):
    """Spreadsheets have no time zones (local time, without one) and must not run what a user typed: text
    that a spreadsheet would take for a formula is written as text."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def workbook_response(sheet_title, headers, rows, filename) -> HttpResponse:
    response = HttpResponse(workbook_bytes(sheet_title, headers, rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def workbook_bytes(sheet_title, headers, rows) -> bytes:
    """The workbook of ``rows`` (an iterator), streamed: openpyxl's write-only mode writes each row out as it
    comes, so memory holds one row and the packed file, not every cell (100,000 rows took 400 MB)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    for column, width in zip(
        "ABCDEFGHIJKLM", [16, 40, 18, 18, 22, 22, 34, 14, 34, 20, 16, 14, 18], strict=False
    ):
        sheet.column_dimensions[column].width = width
    sheet.append([_bold(sheet, header) for header in headers])
    for row in rows:
        sheet.append([spreadsheet_value(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bold(sheet, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell


def nomination_rows(dossiers):
    """One row per nomination of the dossiers, the unit officials count."""
    return rows_of_nominations(Nomination.objects.filter(dossier__in=dossiers))


def rows_of_nominations(nominations):
    """One row per nomination given; the caller has kept only those the user may see."""
    nominations = nominations.select_related(
        "dossier__village", "dossier__commune", "dossier__round", "award_form", "decision"
    ).order_by("dossier__code", "pk")
    for n in nominations.iterator(chunk_size=2000):
        d = n.dossier
        yield [
            d.code,
            d.title,
            d.village.name,
            d.commune.name,
            d.round.name,
            d.get_status_display(),
            n.nominee_name,
            n.get_nominee_kind_display(),
            n.award_form.name,
            n.get_outcome_display(),
            n.decision.number if n.decision else "",
            n.decision.date if n.decision else None,
            d.created,
        ]
