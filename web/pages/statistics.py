"""Thống kê theo đợt: the round's dossiers and nominations by stage, commune, award form and nominee kind,
approval rates and average working days per stage; as a page and as .xlsx."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from openpyxl import Workbook
from openpyxl.styles import Font

from dossiers.models import Round
from dossiers.selectors import dossiers_visible_to
from workflows.statistics import round_tables

from ..report_reads import reports_on_replica
from .exports import XLSX, spreadsheet_value


@login_required
@reports_on_replica()
def round_statistics(request):
    rounds = list(Round.objects.order_by("-year", "pk"))
    chosen = next((r for r in rounds if str(r.pk) == request.GET.get("round")), rounds[0] if rounds else None)
    dossiers = dossiers_visible_to(request.user, request.acting).filter(round=chosen)
    tables = round_tables(dossiers) if chosen else []
    if request.GET.get("format") == "xlsx" and chosen:
        return _workbook(chosen, tables)
    return render(
        request, "workflows/statistics.html", {"rounds": rounds, "chosen": chosen, "tables": tables}
    )


def _workbook(chosen, tables):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, headers, rows, caption in tables:
        sheet = workbook.create_sheet(title[:31])
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([spreadsheet_value(value) for value in row])
        if caption:  # after a blank row, so that the table above stays a plain block of figures
            sheet.append([])
            sheet.append([caption])
        sheet.column_dimensions["A"].width = 40
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="thong-ke-dot-{chosen.pk}.xlsx"'
    workbook.save(response)
    return response
