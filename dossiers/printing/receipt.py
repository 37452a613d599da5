"""Giấy biên nhận hồ sơ: what the commune gives when it receives a dossier, and what its village head keeps.

No official model exists for this movement's receipt (shared/documents.md is silent), so it follows the common
layout of Decree 30/2020 on one A4 page: the commune's committee and the motto, the title, what was received
(code, title, village, round, number of nominees, dates), the look-up key in large print, and how to look up
the dossier's status (the address, and a QR code that opens the look-up page with the code filled in; never
the key, which a photograph of the code would otherwise carry). The dossier's title is printed as typed.

The document is Vietnamese whatever the reader's language, so its lines are written here, not translated.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from ..lookup_keys import grouped
from .common import (
    FOOTER_WIDTHS,
    HEADER_WIDTHS,
    a4_pdf,
    fonts,
    labelled,
    long_date,
    paragraph,
    place,
    side_by_side,
)

TITLE = "GIẤY BIÊN NHẬN HỒ SƠ"
SUBJECT = (
    "Hồ sơ đề nghị khen thưởng trong Phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau”"
)
QR_SIZE = 32 * mm


@dataclass(frozen=True)
class ReceiptFacts:
    """What the receipt states besides the dossier's own fields (worked out by the caller, who knows the
    route and the site's address)."""

    submitted_on: datetime.date | None
    received_on: datetime.date | None
    lookup_url: str  # the public look-up page
    lookup_url_with_code: str  # the same, with the code filled in (the QR code)


def _day(day: datetime.date | None, missing: str) -> str:
    return day.strftime("%d/%m/%Y") if day else missing


def _styles():
    f = fonts()

    def st(name, font="", size=13, align=TA_JUSTIFY, **extra):
        extra.setdefault("leading", size * 1.3)
        return ParagraphStyle(name, fontName=f[font], fontSize=size, alignment=align, **extra)

    return {
        "head": st("h", "B", 11.5, TA_CENTER),
        "centre": st("c", "", 13, TA_CENTER),
        "italic": st("i", "I", 13, TA_CENTER),
        "title": st("t", "B", 14, TA_CENTER, spaceBefore=14),
        "subject": st("s", "B", 13, TA_CENTER, spaceAfter=8),
        "line": st("l", "", 13, TA_LEFT, spaceAfter=3),
        "key": st("k", "B", 22, TA_CENTER, leading=30, spaceBefore=6, spaceAfter=6),
        # Left, not justified: beside the QR code the column is narrow, and a line holding the address (which
        # cannot break) would be stretched into "Tra      cứu      tình      trạng …".
        "small": st("m", "I", 11.5, TA_LEFT, spaceAfter=3),
        "address": st("a", "", 11.5, TA_LEFT, spaceAfter=3),
        "sign": st("g", "B", 12.5, TA_CENTER),
        "hint": st("n", "I", 11, TA_CENTER),
    }


def _header(dossier, styles, today):
    commune = dossier.commune
    left = [paragraph("ỦY BAN NHÂN DÂN", styles["head"]), paragraph(commune.name.upper(), styles["head"])]
    right = [
        paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", styles["head"]),
        paragraph("Độc lập - Tự do - Hạnh phúc", styles["head"]),
        paragraph(f"{place(commune)}, {long_date(today)}", styles["italic"]),
    ]
    return side_by_side(left, right, HEADER_WIDTHS)


def _what_was_received(dossier, facts: ReceiptFacts, nominees: int, styles) -> list:
    unit = f"{dossier.village.name}, {dossier.commune.name}"
    lines = [
        ("Mã hồ sơ:", dossier.code),
        ("Tên hồ sơ:", dossier.title),
        ("Đơn vị đề nghị:", unit),
        ("Đợt khen thưởng:", dossier.round.name),
        ("Số đề nghị (tập thể, cá nhân, hộ gia đình):", str(nominees)),
        ("Ngày thôn gửi hồ sơ:", _day(facts.submitted_on, "hồ sơ chưa gửi xã")),
        ("Ngày xã tiếp nhận:", _day(facts.received_on, "xã chưa tiếp nhận")),
    ]
    return [labelled(label, value, styles["line"]) for label, value in lines]


def _qr(url: str) -> Drawing:
    widget = QrCodeWidget(url)
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x2 - x1), 0, 0, QR_SIZE / (y2 - y1), 0, 0])
    drawing.add(widget)
    return drawing


def _how_to_look_up(dossier, key: str, facts: ReceiptFacts, styles) -> list:
    instructions = [
        paragraph("Tra cứu tình trạng hồ sơ tại địa chỉ (hoặc quét mã QR):", styles["small"]),
        paragraph(facts.lookup_url, styles["address"]),  # on its own line, to be typed as printed
        paragraph(
            f"Nhập mã hồ sơ {dossier.code} và mã tra cứu ở trên. Không phân biệt chữ hoa, chữ thường; "
            "có thể gõ có hoặc không có dấu gạch.",
            styles["small"],
        ),
        paragraph(
            "Trang tra cứu chỉ cho biết hồ sơ đang ở bước nào, các mốc thời gian và kết quả khen thưởng. "
            "Giữ kín mã tra cứu: ai có mã hồ sơ và mã tra cứu đều xem được tình trạng hồ sơ.",
            styles["small"],
        ),
    ]
    return [
        paragraph("MÃ TRA CỨU", styles["centre"]),
        paragraph(grouped(key), styles["key"]),
        side_by_side(instructions, _qr(facts.lookup_url_with_code), [125 * mm, 40 * mm]),
    ]


def _signatures(styles) -> list:
    left = [paragraph("NGƯỜI NỘP HỒ SƠ", styles["sign"]), paragraph("(Ký, ghi rõ họ tên)", styles["hint"])]
    right = [
        paragraph("NGƯỜI TIẾP NHẬN HỒ SƠ", styles["sign"]),
        paragraph("(Ký, ghi rõ họ tên)", styles["hint"]),
    ]
    return [Spacer(1, 8 * mm), side_by_side(left, right, FOOTER_WIDTHS)]


def receipt_pdf(dossier, key: str, facts: ReceiptFacts) -> bytes:
    styles, today = _styles(), timezone.localdate()
    story = [
        _header(dossier, styles, today),
        paragraph(TITLE, styles["title"]),
        paragraph(SUBJECT, styles["subject"]),
        *_what_was_received(dossier, facts, dossier.nominations.count(), styles),
        Spacer(1, 4 * mm),
        *_how_to_look_up(dossier, key, facts, styles),
        *_signatures(styles),
    ]
    return a4_pdf(story, f"{TITLE} {dossier.code}")
