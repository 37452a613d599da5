"""Certificates (Giấy khen) of a decision: one A3 landscape page per awardee, with a border."""

import io

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A3, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from permissions.names import full_name

from .common import certificate_word, fonts, long_date, padded_number, place, signature_titles

RED = HexColor("#b00000")
MOVEMENT = (
    "Đã có thành tích xuất sắc trong Phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau”"
)


def _frame(canvas, decision, nomination):
    """The parts a pre-printed blank already carries: the border, the authority and the title."""
    f, (width, height) = fonts(), landscape(A3)
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(3)
    canvas.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)
    canvas.setFillColor(RED)
    canvas.setFont(f["B"], 22)
    canvas.drawCentredString(
        width / 2, height - 55 * mm, f"CHỦ TỊCH ỦY BAN NHÂN DÂN {decision.issuer.name.upper()}"
    )
    canvas.setFont(f["B"], 60)
    canvas.drawCentredString(
        width / 2, height - 95 * mm, certificate_word(nomination.award_form.name).upper()
    )
    canvas.setFillColor("black")
    canvas.setFont(f["I"], 22)
    canvas.drawCentredString(width / 2, height - 125 * mm, "Tặng:")


def _page(canvas, decision, nomination, signer_name, fields_only):
    f, (width, height) = fonts(), landscape(A3)
    if not fields_only:
        _frame(canvas, decision, nomination)
    canvas.setFont(f["B"], 30)
    canvas.drawCentredString(width / 2, height - 145 * mm, nomination.nominee_name)
    canvas.setFont(f[""], 20)
    canvas.drawCentredString(
        width / 2, height - 160 * mm, f"{nomination.dossier.village.name}, {nomination.dossier.commune.name}"
    )
    canvas.drawCentredString(width / 2, height - 178 * mm, MOVEMENT)
    canvas.setFont(f["I"], 16)
    canvas.drawString(
        35 * mm, 40 * mm, f"Số quyết định: {padded_number(decision.number)}, {long_date(decision.date)}"
    )
    canvas.drawCentredString(
        width - 110 * mm, 95 * mm, f"{place(decision.issuer)}, {long_date(decision.date)}"
    )
    canvas.setFont(f["B"], 18)
    for i, title in enumerate(signature_titles(decision)):
        canvas.drawCentredString(width - 110 * mm, (85 - 8 * i) * mm, title)
    canvas.drawCentredString(width - 110 * mm, 35 * mm, signer_name)
    canvas.showPage()


def certificates_pdf(decision, progress=None, fields_only=False, awardees=None) -> bytes:
    """A full page with border per awardee, or (``fields_only``) just the fields, for pre-printed blanks.
    ``awardees`` are those the reader may see (all of the decision's if None)."""

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A3), pageCompression=1)
    canvas.setTitle(f"Giấy khen - Quyết định {decision.number}")
    signer = full_name(decision.signer) if decision.signer else ""
    awardees = (
        (decision.awarded_nominations if awardees is None else awardees)
        .select_related("dossier__village", "dossier__commune", "award_form")
        .order_by("pk")
    )
    total = awardees.count()
    for done, nomination in enumerate(awardees, 1):
        _page(canvas, decision, nomination, signer, fields_only)
        if progress and done % 20 == 0:
            progress(done, total)
    canvas.save()
    return buffer.getvalue()
