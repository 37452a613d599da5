"""Drafts officials no longer retype: the commune's submission (tờ trình) and the appraisal report, as PDF and
DOCX, pre-filled from the dossier. The number is left as '…' for the office to fill in."""

import io
from dataclasses import dataclass, field

from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from ..criteria import checklists
from ..duplicates import DUPLICATE, flags_of
from ..models import LegalBasis
from ..states import AuthorityLevel, RouteName
from .common import (
    FOOTER_WIDTHS,
    HEADER_WIDTHS,
    a4_pdf,
    fonts,
    long_date,
    paragraph,
    place,
    side_by_side,
    word_text,
)

MOVEMENT = "Phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau”"


@dataclass
class Draft:
    issuer: list[str]
    number: str
    place_date: str
    title: str
    subject: str
    to: str
    basis: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    sign: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)


def _nominees(dossier, approved_only):
    nominations = dossier.nominations.select_related("award_form").order_by("pk")
    return [n for n in nominations if not approved_only or n.commune_approved is not False]


# Awards a chair below the province grants (the district's too: since 1 July 2025 the commune chair's).
BELOW_PROVINCE = (AuthorityLevel.COMMUNE, AuthorityLevel.DISTRICT)


@dataclass(frozen=True)
class Addressee:
    """Who a draft goes to: the chair whose decision it asks for, named with their unit."""

    unit: object
    words: str  # "Chủ tịch Ủy ban nhân dân {unit}"


def _chair(unit) -> Addressee:
    return Addressee(unit, f"Chủ tịch Ủy ban nhân dân {unit.name}")


def _submitted_to(dossier, nominees) -> Addressee:
    """The commune submits to the district chair on three tiers; on two tiers (from 1 July 2025, no
    district) to the province chair when an award is beyond the commune's authority, else to its own chair."""
    if dossier.route != RouteName.TWO_TIER:
        return _chair(dossier.district)
    above = any(n.award_form.authority_level != AuthorityLevel.COMMUNE for n in nominees)
    return _chair(dossier.province if above else dossier.commune)


def submission(dossier) -> Draft:
    commune, today = dossier.commune, timezone.localdate()
    nominees = _nominees(dossier, approved_only=True)
    to = _submitted_to(dossier, nominees)
    if to.unit == dossier.province:  # the commune's own chair decides the rest: the province gets its part
        nominees = [n for n in nominees if n.award_form.authority_level not in BELOW_PROVINCE]
    forms = ", ".join(dict.fromkeys(n.award_form.name for n in nominees))
    meeting = f" ngày {dossier.meeting_held_on:%d/%m/%Y}" if dossier.meeting_held_on else ""
    body = [
        f"Ủy ban nhân dân {commune.name} kính đề nghị {to.words} xem xét, tặng "
        f"{forms} cho {len(nominees)} tập thể, cá nhân, hộ gia đình, gồm:"
    ]
    body += [
        f"{i}. {n.nominee_name} ({n.get_nominee_kind_display().lower()}) - {dossier.village.name};"
        for i, n in enumerate(nominees, 1)
    ]
    body += [
        f"Đã có thành tích xuất sắc trong {MOVEMENT}.",
        "(Có báo cáo thành tích kèm theo)",
        f"Ủy ban nhân dân {commune.name} kính trình {to.words} xem xét, quyết định./.",
    ]
    return Draft(
        issuer=["ỦY BAN NHÂN DÂN", commune.name.upper()],
        number="Số: …/TTr-UBND",
        place_date=f"{place(commune)}, {long_date(today)}",
        title="TỜ TRÌNH",
        subject=f"Về việc đề nghị tặng {forms} trong {MOVEMENT}",
        to=f"Kính gửi: Chủ tịch UBND {to.unit.name}",
        basis=[f"{b.text};" for b in LegalBasis.in_force(today, issuer_level=to.unit.level)]
        + [f"Căn cứ kết quả họp xét của Hội đồng Thi đua - Khen thưởng {commune.name}{meeting}."],
        body=body,
        sign=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        recipients=["- Như trên;", "- Lưu: VT."],
    )


@dataclass(frozen=True)
class Appraiser:
    unit: object
    office: str  # as the header prints it
    name: str  # as a sentence names it
    number: str
    short: str  # the filing mark


def _appraiser(dossier) -> Appraiser:
    """Who appraises the dossier now: Sở Nội vụ once it is at the province; below, the district's Phòng Nội
    vụ on three tiers, the commune's Phòng Văn hóa - Xã hội on two (Decree 150/2025)."""
    if dossier.reached_level == "province":
        return Appraiser(dossier.province, "SỞ NỘI VỤ", "Sở Nội vụ", "Số: …/BC-SNV", "SNV")
    if dossier.route == RouteName.TWO_TIER:
        return Appraiser(
            dossier.commune, "PHÒNG VĂN HÓA - XÃ HỘI", "Phòng Văn hóa - Xã hội", "Số: …/BC-VHXH", "VHXH"
        )
    return Appraiser(dossier.district, "PHÒNG NỘI VỤ", "Phòng Nội vụ", "Số: …/BC-PNV", "NV")


def appraisal_report(dossier) -> Draft:
    today, by = timezone.localdate(), _appraiser(dossier)
    body = [
        f"{by.name} đã thẩm định hồ sơ {dossier.code} của {dossier.village.name}, {dossier.commune.name} "
        f"đề nghị khen thưởng trong {MOVEMENT}. Kết quả như sau:"
    ]
    kinds = checklists(dossier.round.movement_id)  # the movement's checklists, in one query
    nominees = _nominees(dossier, approved_only=True)
    if by.short == "SNV":  # the province weighs what was submitted to it, not what a chair below granted
        nominees = [n for n in nominees if n.award_form.authority_level not in BELOW_PROVINCE]
    for i, n in enumerate(nominees, 1):
        verdict = {True: "đủ điều kiện", False: "không đủ điều kiện", None: "chưa thẩm định"}[n.eligible]
        if n.eligible and n.eligibility_reason:  # eligible despite unmet criteria: the report says why
            verdict += f" (chưa đạt đủ tiêu chí; lý do vẫn đủ điều kiện: {n.eligibility_reason})"
        labels = dict(kinds.get(n.nominee_kind, []))
        checked = "; ".join(
            f"{'đạt' if ok else 'chưa đạt'}: {labels.get(k, k)}" for k, ok in n.criteria.items()
        )
        body.append(
            f"{i}. {n.nominee_name} - {n.award_form.name}: {verdict}."
            + (f" Tiêu chí: {checked}." if checked else "")
            + (f" Ghi chú: {n.appraisal_note}." if n.appraisal_note else "")
        )
    body += _flag_lines(dossier, nominees)
    body.append(f"{by.name} kính báo cáo Chủ tịch Ủy ban nhân dân xem xét, quyết định./.")
    return Draft(
        issuer=[f"UBND {by.unit.name.upper()}", by.office],
        number=by.number,
        place_date=f"{place(by.unit)}, {long_date(today)}",
        title="BÁO CÁO",
        subject=f"Kết quả thẩm định hồ sơ đề nghị khen thưởng {dossier.code}",
        to=f"Kính gửi: Chủ tịch UBND {by.unit.name}",
        body=body,
        sign=["GIÁM ĐỐC" if by.short == "SNV" else "TRƯỞNG PHÒNG"],
        recipients=["- Như trên;", f"- Lưu: VT, {by.short}."],
    )


FLAG_VERDICTS = {"kept": "giữ đề nghị", "withdrawn": "rút đề nghị"}


def _flag_lines(dossier, nominees) -> list[str]:
    """The duplicate and re-award flags on the nominees reported, with the appraiser's decision on each (the
    document is Vietnamese whatever the reader's language, so the lines are written here, not translated)."""
    flags = flags_of(dossier, nominees)
    if not flags:
        return []
    lines = ["Kiểm tra trùng đề nghị và khen thưởng lại:"]
    for flag in flags:
        other = flag.other
        if flag.kind == DUPLICATE:
            found = (
                f"được đề nghị cả trong hồ sơ {other.dossier.code} ({other.dossier.village.name}, "
                f"{other.dossier.commune.name}) cùng đợt"
            )
        else:
            found = (
                f"đã được tặng {other.award_form.name} theo Quyết định số {other.decision.number} "
                f"ngày {other.decision.date:%d/%m/%Y}"
            )
        decided = (
            f"; ý kiến thẩm định: {FLAG_VERDICTS[flag.decision.verdict]}, lý do: {flag.decision.reason}"
            if flag.decision
            else "; chưa có ý kiến thẩm định"
        )
        lines.append(f"- {flag.nomination.nominee_name}: {found}{decided}.")
    return lines


def to_pdf(draft: Draft) -> bytes:
    f = fonts()

    def st(name, font="", size=13, align=TA_JUSTIFY, **extra):
        return ParagraphStyle(
            name, fontName=f[font], fontSize=size, leading=size * 1.3, alignment=align, **extra
        )

    head, centre, italic = (
        st("h", "B", 11.5, TA_CENTER),
        st("c", "", 13, TA_CENTER),
        st("i", "I", 13, TA_CENTER),
    )
    left = [paragraph(line, head) for line in draft.issuer] + [paragraph(draft.number, centre)]
    right = [
        paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", head),
        paragraph("Độc lập - Tự do - Hạnh phúc", head),
        paragraph(draft.place_date, italic),
    ]
    header = side_by_side(left, right, HEADER_WIDTHS)
    story = [
        header,
        paragraph(draft.title, st("t", "B", 14, TA_CENTER, spaceBefore=12)),
        paragraph(draft.subject, st("s", "B", 13.5, TA_CENTER)),
        Spacer(1, 4 * mm),
        paragraph(draft.to, centre),
    ]
    story += [paragraph(line, st("b", "I", 13.5, firstLineIndent=10 * mm)) for line in draft.basis]
    story += [
        paragraph(line, st("p", "", 13.5, firstLineIndent=10 * mm, spaceAfter=4)) for line in draft.body
    ]
    sign = [paragraph(line, st("g", "B", 13, TA_CENTER)) for line in draft.sign]
    recipients = [paragraph("Nơi nhận:", st("r", "BI", 12, TA_LEFT))] + [
        paragraph(r, st("q", "", 11, TA_LEFT)) for r in draft.recipients
    ]
    story += [Spacer(1, 6 * mm), side_by_side(recipients, sign, FOOTER_WIDTHS)]
    return a4_pdf(story, draft.title)


def to_docx(draft: Draft) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = (
        Mm(30),
        Mm(15),
        Mm(20),
        Mm(20),
    )
    document.styles["Normal"].font.name, document.styles["Normal"].font.size = "Times New Roman", Pt(13)
    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.text = word_text("\n".join(draft.issuer + [draft.number]))
    right.text = word_text(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" + draft.place_date
    )
    for cell in (left, right):
        for block in cell.paragraphs:
            block.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, bold in ((draft.title, True), (draft.subject, True), (draft.to, False)):
        block = document.add_paragraph()
        block.alignment = WD_ALIGN_PARAGRAPH.CENTER
        block.add_run(word_text(text)).bold = bold
    for line in draft.basis:
        document.add_paragraph().add_run(word_text(line)).italic = True
    for line in draft.body:
        document.add_paragraph(word_text(line))
    footer = document.add_table(rows=1, cols=2)
    footer.rows[0].cells[0].text = word_text("Nơi nhận:\n" + "\n".join(draft.recipients))
    footer.rows[0].cells[1].text = word_text("\n".join(draft.sign))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
