"""The award decision and the certificates as PDF, read back: number, names with diacritics, capacity."""

import io
import unicodedata

import pytest
from pypdf import PdfReader

from dossiers.models import Decision

from . import builders as b
from .api import Official
from .pages import browser


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), unicodedata.normalize("NFC", " ".join(text.split()))


@pytest.fixture
def decision(demo):
    names = ["Hộ ông Nguyễn Văn Đức", "Bà Rơ Châm H'Lan", "Làng Đê Kôn"]
    dossiers = [b.new_dossier(award_forms=("giay_khen_huyen",)) for _ in names]
    for dossier, name in zip(dossiers, names, strict=True):
        dossier.nominations.update(nominee_name=name)
        b.to_district_decision(dossier)
    Official("huyen.chutich").post(
        "/api/decisions/",
        {
            "number": "5/QĐ-UBND",
            "date": b.TODAY.isoformat(),
            "signer": b.user_id("huyen.phochutich"),
            "dossiers": [d.pk for d in dossiers],
        },
    )
    return Decision.objects.get()


def test_the_decision_reads_back_with_its_number_awardees_and_signature(decision):
    response = Official("huyen.thanhtra").get(f"/api/decisions/{decision.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages, text = pdf_text(response.content)
    assert pages >= 2  # the annexed list starts on a new page
    for words in (
        "ỦY BAN NHÂN DÂN",
        "HUYỆN MANG YANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/QĐ-UBND",
        f"Mang Yang, ngày {b.TODAY:%d} tháng {b.TODAY:%m} năm {b.TODAY:%Y}",
        "QUYẾT ĐỊNH",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN MANG YANG",
        "Luật Thi đua, khen thưởng",
        "Điều 1.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trương Thị Ngọc Ánh",  # the vice-chair who signs, not the chair
        "Nơi nhận:",
        "Hộ ông Nguyễn Văn Đức",
        "Bà Rơ Châm H'Lan",
        "Làng Đê Kôn",
        "DANH SÁCH",
    ):
        assert words in text, words


def test_the_certificates_have_one_page_per_awardee(decision):
    response = browser("huyen.chutich").get(f"/decisions/{decision.pk}/certificates/")
    pages, text = pdf_text(response.content)
    assert pages == 3 and text.count("GIẤY KHEN") == 3
    assert "Bà Rơ Châm H'Lan" in text and "Số quyết định: 05/QĐ-UBND" in text and "KT. CHỦ TỊCH" in text
    assert text.count("Trương Thị Ngọc Ánh") == 3


def test_a_decision_is_printed_only_for_those_who_may_see_it(decision):
    assert Official("xa.b.canbo").get(f"/api/decisions/{decision.pk}/pdf/").status_code == 404
    assert browser("truongthon.b1").get(f"/decisions/{decision.pk}/certificates/").status_code == 404
    assert browser("truongthon.a1").get(f"/decisions/{decision.pk}/pdf/").status_code == 200


def docx_text(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_communes_submission_is_drafted_from_the_dossier_as_pdf_and_word(demo):
    dossier = b.new_dossier(award_forms=("giay_khen_huyen", "giay_khen_huyen"))
    dossier.nominations.filter(pk=dossier.nominations.first().pk).update(nominee_name="Bà Rơ Châm H'Lan")
    b.to_commune_approved(dossier)
    officer = browser("xa.a.canbo")
    _, pdf = pdf_text(officer.get(f"/dossiers/{dossier.pk}/drafts/to-trinh.pdf").content)
    word = docx_text(officer.get(f"/dossiers/{dossier.pk}/drafts/to-trinh.docx").content)
    for text in (pdf, word):
        for words in (
            "TỜ TRÌNH",
            "ỦY BAN NHÂN DÂN",
            "XÃ ĐAK DJRĂNG",
            "Kính gửi: Chủ tịch UBND Huyện Mang Yang",
            "Bà Rơ Châm H'Lan",
            "Số: …/TTr-UBND",
            "TM. ỦY BAN NHÂN DÂN",
            "Luật Thi đua, khen thưởng",
        ):
            assert words in text, words
    assert browser("truongthon.b1").get(f"/dossiers/{dossier.pk}/drafts/to-trinh.pdf").status_code == 404


def test_the_appraisal_report_lists_each_verdict_and_criteria(demo):
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_district_decision(dossier)
    word = docx_text(
        browser("huyen.noivu").get(f"/dossiers/{dossier.pk}/drafts/bao-cao-tham-dinh.docx").content
    )
    assert "BÁO CÁO" in word and "PHÒNG NỘI VỤ" in word and "đủ điều kiện" in word
    assert "Tự nguyện đăng ký thoát nghèo" in word and "Số: …/BC-PNV" in word


def test_the_annexed_list_gives_each_bonus_from_the_base_salary_in_force(decision):
    import datetime

    from dossiers.bonus import bonus_amount
    from dossiers.models import BaseSalary

    # A household's Giấy khen is 1.5 × the individual's 0.3 (issue 16): 0.45 × 2,530,000 (from 1 July 2026)
    # = 1,138,500, rounded up to the tens of thousands.
    nomination = decision.awarded_nominations.first()
    assert bonus_amount(nomination, decision.date) == 1_140_000
    BaseSalary.objects.create(amount=2_600_000, valid_from=decision.date - datetime.timedelta(days=1))
    assert bonus_amount(nomination, decision.date) == 1_170_000  # 0.45 × 2,600,000
    _, text = pdf_text(Official("huyen.chutich").get(f"/api/decisions/{decision.pk}/pdf/").content)
    assert "Số tiền" in text and "1.170.000" in text


def test_certificates_for_pre_printed_blanks_carry_only_the_fields(decision):
    _, full = pdf_text(Official("huyen.chutich").get(f"/api/decisions/{decision.pk}/certificates/").content)
    _, fields = pdf_text(
        Official("huyen.chutich").get(f"/api/decisions/{decision.pk}/certificates/?fields_only=1").content
    )
    assert "GIẤY KHEN" in full and "GIẤY KHEN" not in fields
    assert "Bà Rơ Châm H'Lan" in fields and "Số quyết định: 05/QĐ-UBND" in fields


def test_a_decision_pdf_keeps_its_vietnamese_file_name(decision):
    header = Official("huyen.chutich").get(f"/api/decisions/{decision.pk}/pdf/")["Content-Disposition"]
    assert header.startswith("inline; filename") and "=?utf-8?" not in header
