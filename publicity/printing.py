"""The paper notice posted at the commune's office (thông báo niêm yết), in the layout of Decree 30/2020: the
issuer and the national motto side by side, number and date, the title and subject, the body, the list of
nominees as a table, the signature block and the recipients. Every name and summary is printed as typed
(dossiers.printing.common.paragraph escapes reportlab's markup)."""

from django.utils import timezone
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Spacer, Table, TableStyle

from dossiers.printing.common import (
    FOOTER_WIDTHS,
    HEADER_WIDTHS,
    a4_pdf,
    in_sentence,
    long_date,
    paragraph,
    place,
    side_by_side,
    text_style,
)

from .listing import PublicNominee

MOVEMENT = "Phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau”"
COLUMNS = [
    "STT",
    "Họ và tên / Tên tập thể",
    "Thôn",
    "Đối tượng",
    "Hình thức khen thưởng",
    "Tóm tắt thành tích",
]
# 165 mm between the margins; "STT" in the bold header needs 14 mm not to break into "ST / T".
WIDTHS = [14 * mm, 33 * mm, 22 * mm, 20 * mm, 30 * mm, 46 * mm]


def _styles() -> dict:
    style = text_style
    return {
        "head": style("head", "B", 11.5, TA_CENTER),
        "centre": style("centre", "", 13, TA_CENTER),
        "date": style("date", "I", 13, TA_CENTER),
        "title": style("title", "B", 14, TA_CENTER, spaceBefore=12),
        "subject": style("subject", "B", 13, TA_CENTER),
        "body": style("body", "", 13, firstLineIndent=10 * mm, spaceAfter=4),
        "cell": style("cell", "", 10.5, TA_LEFT),
        "cell_head": style("cell_head", "B", 10.5, TA_CENTER),
        "sign": style("sign", "B", 13, TA_CENTER),
        "to": style("to", "BI", 12, TA_LEFT),
        "to_line": style("to_line", "", 11, TA_LEFT),
    }


def _table(nominees: list[PublicNominee], s):
    rows = [[paragraph(c, s["cell_head"]) for c in COLUMNS]]
    for i, n in enumerate(nominees, 1):
        cells = [str(i), n.name, n.village, n.kind, n.award_form, n.summary]
        rows.append([paragraph(c, s["cell"]) for c in cells])
    table = Table(rows, colWidths=WIDTHS, repeatRows=1)
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return table


def notice_pdf(notice, nominees: list[PublicNominee], address: str) -> bytes:
    """The notice listing ``nominees``; ``address`` is the page where comments are taken."""
    s, commune, today = _styles(), notice.commune, timezone.localdate()
    issuer = f"Ủy ban nhân dân {in_sentence(commune.name)}"  # "Ủy ban nhân dân xã Mang Yang" in a sentence
    left = [paragraph("ỦY BAN NHÂN DÂN", s["head"]), paragraph(commune.name.upper(), s["head"])]
    left += [paragraph("Số: …/TB-UBND", s["centre"])]
    right = [
        paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s["head"]),
        paragraph("Độc lập - Tự do - Hạnh phúc", s["head"]),
        paragraph(f"{place(commune)}, {long_date(today)}", s["date"]),
    ]
    period = f"từ {long_date(notice.opens_on)} đến hết {long_date(notice.closes_on)}"
    story = [
        side_by_side(left, right, HEADER_WIDTHS),
        paragraph("THÔNG BÁO", s["title"]),
        paragraph(
            f"Về việc niêm yết công khai danh sách tập thể, cá nhân, hộ gia đình được đề nghị khen thưởng "
            f"trong {MOVEMENT} ({notice.round.name})",
            s["subject"],
        ),
        HRFlowable(width="25%", thickness=0.7, color="black", spaceBefore=2, spaceAfter=6),
        paragraph(
            f"Thực hiện nguyên tắc công khai trong công tác thi đua, khen thưởng, {issuer} "
            f"thông báo danh sách {len(nominees)} tập thể, cá nhân, hộ gia đình được đề nghị khen thưởng "
            "như sau:",
            s["body"],
        ),
        _table(nominees, s),
        Spacer(1, 4 * mm),
        paragraph(f"Thời gian niêm yết: {period}.", s["body"]),
        paragraph(
            "Trong thời gian niêm yết, mọi ý kiến góp ý (ghi rõ họ tên, số điện thoại hoặc thư điện tử) xin "
            f"gửi trực tiếp tới {issuer} hoặc qua trang: {address}",
            s["body"],
        ),
        paragraph(f"{issuer} thông báo để Nhân dân biết và tham gia ý kiến./.", s["body"]),
        Spacer(1, 6 * mm),
    ]
    recipients = [paragraph("Nơi nhận:", s["to"])] + [
        paragraph(line, s["to_line"])
        for line in ("- Niêm yết tại trụ sở UBND xã;", "- Các thôn, tổ dân phố;", "- Lưu: VT.")
    ]
    sign = [paragraph("TM. ỦY BAN NHÂN DÂN", s["sign"]), paragraph("CHỦ TỊCH", s["sign"])]
    story.append(side_by_side(recipients, sign, FOOTER_WIDTHS))
    return a4_pdf(story, "Thông báo niêm yết công khai")
