"""The award decision (Quyết định khen thưởng) with its annexed list, in the layout of Decree 30/2020."""

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, PageBreak, Spacer, Table, TableStyle

from permissions.names import full_name

from ..bonus import bonus_amounts
from ..models import LegalBasis
from ..states import NomineeKind, RouteName
from .common import (
    FOOTER_WIDTHS,
    HEADER_WIDTHS,
    a4_pdf,
    authority,
    certificate_word,
    fonts,
    labelled,
    long_date,
    padded_number,
    paragraph,
    place,
    side_by_side,
    signature_titles,
    text_style,
)

MOVEMENT = "Phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau”"
KIND_WORDS = {
    NomineeKind.COLLECTIVE: "tập thể",
    NomineeKind.INDIVIDUAL: "cá nhân",
    NomineeKind.HOUSEHOLD: "hộ gia đình",
    NomineeKind.ENTERPRISE: "doanh nghiệp, hợp tác xã",
}
# Who proposed the decision ("Xét đề nghị của …") and which office carries it out (Điều 3), by the issuer's
# level; at the commune it depends on the route: since 1 July 2025 its Phòng Văn hóa - Xã hội appraises and
# submits to the chair (Decree 150/2025), before that the commune's council proposed.
OFFICES = {
    ("province", ""): ("Giám đốc Sở Nội vụ", "Giám đốc Sở Nội vụ"),
    ("district", ""): ("Trưởng phòng Nội vụ", "Trưởng phòng Nội vụ"),
    ("commune", RouteName.TWO_TIER): ("Trưởng phòng Văn hóa - Xã hội", "Trưởng phòng Văn hóa - Xã hội"),
    ("commune", ""): (
        "Hội đồng Thi đua - Khen thưởng xã",
        "Công chức phụ trách công tác thi đua, khen thưởng",
    ),
}


def _certificates(awardees) -> str:
    """ "Giấy khen", "Bằng khen" (or both) as the awardees receive them."""
    return ", ".join(dict.fromkeys(certificate_word(n.award_form.name) for n in awardees))


def _styles():
    style = text_style
    return {
        "head": style("head", "B", 11.5, TA_CENTER),
        "small": style("small", "", 13, TA_CENTER),
        "date": style("date", "I", 13, TA_CENTER),
        "title": style("title", "B", 14, TA_CENTER, spaceBefore=12),
        "subject": style("subject", "B", 13.5, TA_CENTER),
        "basis": style("basis", "I", 13.5, firstLineIndent=10 * mm, spaceAfter=3),
        "body": style("body", "", 13.5, firstLineIndent=10 * mm, spaceAfter=6),
        "sign": style("sign", "B", 13, TA_CENTER),
        "recipients": style("recipients", "BI", 12, TA_LEFT),
        "recipient": style("recipient", "", 11, TA_LEFT),
        "cell": style("cell", "", 12, TA_LEFT),
        "cellhead": style("cellhead", "B", 12, TA_CENTER),
    }


def _header(decision, s):
    left = [
        paragraph("ỦY BAN NHÂN DÂN", s["head"]),
        paragraph(decision.issuer.name.upper(), s["head"]),
        HRFlowable(width="40%", thickness=0.7, color="black", spaceBefore=1, spaceAfter=4),
        paragraph(f"Số: {padded_number(decision.number)}", s["small"]),
    ]
    right = [
        paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s["head"]),
        paragraph("Độc lập - Tự do - Hạnh phúc", s["head"]),
        HRFlowable(width="60%", thickness=0.7, color="black", spaceBefore=1, spaceAfter=4),
        paragraph(f"{place(decision.issuer)}, {long_date(decision.date)}", s["date"]),
    ]
    return side_by_side(left, right, HEADER_WIDTHS)


def _counts(awardees) -> str:
    counted = {}
    for n in awardees:
        counted[n.nominee_kind] = counted.get(n.nominee_kind, 0) + 1
    return ", ".join(f"{counted[k]:02d} {word}" for k, word in KIND_WORDS.items() if counted.get(k))


def _forms(awardees) -> str:
    return ", ".join(dict.fromkeys(n.award_form.name for n in awardees))


# The office that keeps a copy ("Lưu: VT, …"): the one that proposed the decision.
FILED_WITH = {("commune", RouteName.TWO_TIER): "VHXH", ("commune", ""): "TĐKT"}


def _signature(decision, s, route=""):
    sign = [paragraph(title, s["sign"]) for title in signature_titles(decision)]
    sign += [Spacer(1, 22 * mm), paragraph(_signer_name(decision), s["sign"])]
    recipients = [
        paragraph("Nơi nhận:", s["recipients"]),
        paragraph("- Như Điều 3;", s["recipient"]),
        paragraph(f"- Lưu: VT, {_filed_with(decision.issuer.level, route)}.", s["recipient"]),
    ]
    return side_by_side(recipients, sign, FOOTER_WIDTHS)


def _filed_with(level, route) -> str:
    return FILED_WITH.get((level, route)) or FILED_WITH.get((level, ""), "NV")


def _signer_name(decision) -> str:

    return full_name(decision.signer) if decision.signer else ""


def _annex(decision, awardees, s):
    rows = [
        [
            paragraph(h, s["cellhead"])
            for h in (
                "STT",
                "Tên tập thể, cá nhân, hộ gia đình",
                "Chức vụ, đơn vị hoặc địa chỉ",
                "Hình thức",
                "Số tiền (đồng)",
            )
        ]
    ]
    amounts = bonus_amounts(awardees, decision.date)
    for i, n in enumerate(awardees, 1):
        amount = amounts[n.pk]
        rows.append(
            [
                paragraph(str(i), s["cell"]),
                paragraph(n.nominee_name, s["cell"]),
                paragraph(f"{n.dossier.village.name}, {n.dossier.commune.name}", s["cell"]),
                paragraph(n.award_form.name, s["cell"]),
                paragraph(f"{amount:,}".replace(",", ".") if amount else "", s["cell"]),
            ]
        )
    # The amount column holds "8.860.000" (a Bằng khen of the Prime Minister) on one line.
    table = Table(rows, colWidths=[11 * mm, 48 * mm, 43 * mm, 36 * mm, 27 * mm], repeatRows=1)
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return [
        PageBreak(),
        paragraph("DANH SÁCH TẬP THỂ, CÁ NHÂN, HỘ GIA ĐÌNH ĐƯỢC KHEN THƯỞNG", s["title"]),
        paragraph(
            f"(Kèm theo Quyết định số {padded_number(decision.number)} {long_date(decision.date)} "
            f"của Chủ tịch UBND {decision.issuer.name})",
            s["date"],
        ),
        Spacer(1, 6 * mm),
        table,
    ]


def decision_pdf(decision, awardees=None) -> bytes:
    """The decision listing ``awardees``: the part of its awardees the reader may see (all of them if None)."""
    s = _styles()
    awardees = list(
        (decision.awarded_nominations if awardees is None else awardees)
        .select_related("award_form", "dossier__village", "dossier__commune")
        .order_by("pk")
    )
    story = [
        _header(decision, s),
        *_extract_notice(decision, awardees, s),
        paragraph("QUYẾT ĐỊNH", s["title"]),
        paragraph(
            f"Về việc tặng {_forms(awardees)} cho các tập thể, cá nhân, hộ gia đình có thành tích "
            f"xuất sắc trong {MOVEMENT}",
            s["subject"],
        ),
        HRFlowable(width="25%", thickness=0.7, color="black", spaceBefore=2, spaceAfter=6),
        paragraph(authority(decision), s["subject"]),
        Spacer(1, 4 * mm),
    ]
    # The law in force on the decision's date, and the lines of its decider's level (Decree 129/2025 for
    # a commune chair): never today's law on an older decision.
    bases = LegalBasis.in_force(decision.date, decision.issuer.level)
    story += [paragraph(f"{basis.text};", s["basis"]) for basis in bases]
    proposer, executor = _offices(decision, awardees)
    story += [
        paragraph(f"Xét đề nghị của {proposer}.", s["basis"]),
        paragraph("QUYẾT ĐỊNH:", s["title"]),
        labelled(
            "Điều 1.",
            f"Tặng {_forms(awardees)} cho {_counts(awardees)} (có danh sách kèm theo), "
            f"đã có thành tích xuất sắc trong {MOVEMENT}.",
            s["body"],
        ),
        labelled(
            "Điều 2.",
            f"Kèm theo {_certificates(awardees)} là tiền thưởng theo quy định, trích từ Quỹ thi đua, "
            "khen thưởng của địa phương.",
            s["body"],
        ),
        labelled(
            "Điều 3.",
            f"Chánh Văn phòng, {executor}, Thủ trưởng các cơ quan, đơn vị liên "
            "quan và các tập thể, cá nhân, hộ gia đình có tên tại Điều 1 chịu trách nhiệm thi hành "
            "Quyết định này./.",
            s["body"],
        ),
        Spacer(1, 6 * mm),
        _signature(decision, s, awardees[0].dossier.route if awardees else ""),
    ]
    story += _annex(decision, awardees, s)
    return a4_pdf(story, f"Quyết định {decision.number}", on_later_pages=_page_number)


def _offices(decision, awardees) -> tuple[str, str]:
    level = decision.issuer.level
    route = awardees[0].dossier.route if awardees else ""
    return OFFICES.get((level, route)) or OFFICES.get((level, ""), OFFICES[("commune", "")])


# A reader who may see only some of the awardees (a commune's officials, of a district decision covering
# several communes) gets an extract, and the print says so: it must never pass for the decision as issued.
EXTRACT_NOTICE = (
    "BẢN TRÍCH: chỉ gồm các tập thể, cá nhân, hộ gia đình thuộc phạm vi người in được xem; "
    "không thay thế quyết định đã ban hành."
)


def _extract_notice(decision, awardees, s) -> list:
    if len(awardees) == decision.awarded_nominations.count():
        return []
    return [Spacer(1, 3 * mm), paragraph(EXTRACT_NOTICE, s["subject"])]


def _page_number(canvas, document):
    canvas.setFont(fonts()[""], 12)
    canvas.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, str(document.page))
