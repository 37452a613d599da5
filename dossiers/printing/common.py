"""Fonts, names, dates and the paragraph helpers shared by the generated documents."""

import re
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile
from reportlab.platypus import Paragraph

# Times New Roman's metric equivalent from Debian's fonts-liberation2, or DejaVu Serif (fonts-dejavu-core):
# the first family that has every Vietnamese glyph (the older fonts-liberation lacks Ủ, Ệ, ễ, ứ …).
FONT_DIRS = [
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/dejavu"),
]
FACES = {
    "liberation": {
        "": "LiberationSerif-Regular",
        "B": "LiberationSerif-Bold",
        "I": "LiberationSerif-Italic",
        "BI": "LiberationSerif-BoldItalic",
    },
    "dejavu": {
        "": "DejaVuSerif",
        "B": "DejaVuSerif-Bold",
        "I": "DejaVuSerif-Italic",
        "BI": "DejaVuSerif-BoldItalic",
    },
}
UNIT_PREFIXES = ("Tỉnh ", "Thành phố ", "Huyện ", "Thị xã ", "Quận ", "Xã ", "Thị trấn ", "Phường ")


class FontMissing(RuntimeError):
    pass


@cache
def fonts() -> dict:
    """Register the serif family once; returns {"": regular, "B": bold, "I": italic, "BI": bold italic}."""
    for family, faces in FACES.items():
        files = {
            style: next((d / f"{name}.ttf" for d in FONT_DIRS if (d / f"{name}.ttf").exists()), None)
            for style, name in faces.items()
        }
        if all(files.values()) and all(_covers_vietnamese(path) for path in files.values()):
            for style, path in files.items():
                pdfmetrics.registerFont(TTFont(f"{family}{style}", str(path)))
            # So that <b> and <i> inside a paragraph find the bold and italic faces.
            pdfmetrics.registerFontFamily(
                family, normal=family, bold=f"{family}B", italic=f"{family}I", boldItalic=f"{family}BI"
            )
            return {style: f"{family}{style}" for style in files}
    raise FontMissing("Thiếu phông chữ tiếng Việt: cài gói Debian fonts-liberation hoặc fonts-dejavu-core.")


VIETNAMESE_SAMPLE = "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸăâđêôơưĂÂĐÊÔƠƯ"


def _covers_vietnamese(path) -> bool:
    return all(ord(ch) in TTFontFile(str(path)).charToGlyph for ch in VIETNAMESE_SAMPLE)


def paragraph(words, style):
    """A PDF paragraph that prints ``words`` exactly as typed. reportlab reads a paragraph as markup, so a
    nominee named ``<a href=…>``, ``<img src=…>`` or ``<font size=40>`` would put a live link, a file of the
    server or a restyled line into an official document. Documents build every paragraph here or in
    ``labelled``, never with reportlab's Paragraph directly."""
    return Paragraph(escape(str(words)), style)


def labelled(label: str, words, style):
    """A paragraph opening with a bold fixed label (“Điều 1.”), the rest printed as typed."""
    return Paragraph(f"<b>{escape(label)}</b> {escape(str(words))}", style)


# Characters XML 1.0 forbids: python-docx refuses the whole file if one is in a run. A line break pasted
# from Word arrives as \x0b, so it becomes a space rather than a server error.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def word_text(words) -> str:
    """Text for a Word run: python-docx writes it literally, but only what XML can hold."""
    return NOT_IN_XML.sub(" ", str(words))


def place(unit) -> str:
    """'Huyện Mang Yang' → 'Mang Yang', the place written before the date."""
    return next((unit.name[len(p) :] for p in UNIT_PREFIXES if unit.name.startswith(p)), unit.name)


def in_sentence(name: str) -> str:
    """'Xã Mang Yang' → 'xã Mang Yang': inside a sentence a unit's level word is lower case ("của Chủ tịch
    UBND xã Mang Yang"); the proper name keeps its capitals, a name without a level word is unchanged."""
    prefix = next((p for p in UNIT_PREFIXES if name.startswith(p)), "")
    return prefix.lower() + name[len(prefix) :]


def long_date(day) -> str:
    return f"ngày {day:%d} tháng {day:%m} năm {day:%Y}"


def padded_number(number: str) -> str:
    """Numbers below 10 are written with two digits: 5/QĐ-UBND → 05/QĐ-UBND."""
    head, _, tail = number.partition("/")
    return f"{int(head):02d}/{tail}" if head.isascii() and head.isdigit() else number


def authority(decision) -> str:
    return f"CHỦ TỊCH ỦY BAN NHÂN DÂN {decision.issuer.name.upper()}"


def signature_titles(decision) -> list[str]:
    return decision.signature_titles or ["CHỦ TỊCH"]


def side_by_side(left, right, widths):
    """Two columns of flowables, tops aligned: the header (issuer | motto) and the footer (recipients | signer)."""
    from reportlab.platypus import Table, TableStyle

    table = Table([[left, right]], colWidths=widths)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


HEADER_WIDTHS = [62 * mm, 103 * mm]
FOOTER_WIDTHS = [80 * mm, 85 * mm]


def a4_pdf(story, title, on_later_pages=None) -> bytes:
    """An A4 document with the margins of Decree 30/2020 (top and bottom 20, left 30, right 15 mm)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=30 * mm,
        rightMargin=15 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
    )
    if on_later_pages:
        document.build(story, onLaterPages=on_later_pages)
    else:
        document.build(story)
    return buffer.getvalue()


def certificate_word(award_form_name: str) -> str:
    """What the awardee receives, as a decision names it: "Bằng khen" or "Giấy khen" for those forms, the
    title itself (a danh hiệu such as "Lao động tiên tiến") otherwise."""
    for word in ("Bằng khen", "Giấy khen"):
        if award_form_name.startswith(word):
            return word
    return award_form_name


def text_style(name: str, font: str = "", size: float = 13, align=TA_JUSTIFY, **extra) -> ParagraphStyle:
    """A paragraph style of the Decree 30 documents: the serif face ``font`` ("", "B", "I", "BI") at ``size``
    points, lines 1.3 times as high."""
    return ParagraphStyle(
        name, fontName=fonts()[font], fontSize=size, leading=size * 1.3, alignment=align, **extra
    )
