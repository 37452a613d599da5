"""Nominees from a spreadsheet: the template, every bad row named, nothing imported unless all are good."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from . import builders as b
from .pages import browser, text

HEADERS = ["Đối tượng", "Tên người / tập thể được đề nghị", "Hình thức khen thưởng", "Tóm tắt thành tích"]


def workbook(*rows, headers=HEADERS):
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("danh-sach.xlsx", buffer.getvalue())


def test_the_template_has_vietnamese_headers_and_the_accepted_values(demo):
    response = browser("truongthon.a1").get("/dossiers/import-template.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book.worksheets[0][1]] == HEADERS
    assert "Giấy khen của Chủ tịch UBND huyện" in [c.value for c in book.worksheets[1]["B"]]


def test_a_valid_sheet_adds_every_row_to_the_draft_and_is_recorded(demo):
    dossier = b.new_dossier()
    upload = workbook(
        ("Hộ gia đình", "Hộ bà Rơ Châm H'Lan", "Giấy khen của Chủ tịch UBND xã", "Thoát nghèo"),
        ("ca nhan", "Đinh Văn Hlơm", "giay_khen_huyen", ""),
    )
    response = browser("truongthon.a1").post(f"/dossiers/{dossier.pk}/import/", {"file": upload}, follow=True)
    assert "Đã thêm 2 đề nghị" in text(response)
    names = list(
        dossier.nominations.order_by("pk").values_list("nominee_name", "nominee_kind", "award_form__code")
    )
    assert names[1:] == [
        ("Hộ bà Rơ Châm H'Lan", "household", "giay_khen_xa"),
        ("Đinh Văn Hlơm", "individual", "giay_khen_huyen"),
    ]
    assert dossier.events.filter(action="edit").exists()


def test_every_bad_row_is_named_and_nothing_is_imported(demo):
    dossier = b.new_dossier()
    upload = workbook(
        ("Hộ gia đình", "Hộ ông A", "Giấy khen của Chủ tịch UBND xã", ""),
        ("Người ngoài hành tinh", "", "Huy chương vàng", ""),
        ("Cá nhân", "Bà B", "Bằng khen của Chủ tịch UBND tỉnh", ""),
        ("Tập thể", "x" * 301, "giay_khen_xa", ""),
    )
    page = text(
        browser("truongthon.a1").post(f"/dossiers/{dossier.pk}/import/", {"file": upload}, follow=True)
    )
    assert (
        "Dòng 3:" in page
        and "Người ngoài hành tinh" in page
        and "thiếu tên" in page
        and "Huy chương vàng" in page
    )
    assert "Dòng 5:" in page and "300 ký tự" in page and "Dòng 2:" not in page
    assert dossier.nominations.count() == 1


def test_a_wrong_file_or_a_dossier_that_left_the_village_is_refused(demo):
    dossier = b.new_dossier()
    head = browser("truongthon.a1")
    not_excel = SimpleUploadedFile("danh-sach.xlsx", b"not a spreadsheet")
    assert "không phải bảng tính" in text(
        head.post(f"/dossiers/{dossier.pk}/import/", {"file": not_excel}, follow=True)
    )
    wrong = workbook(("a", "b", "c", "d"), headers=["Tên", "Tuổi", "x", "y"])
    assert "Dòng 1 phải là tiêu đề" in text(
        head.post(f"/dossiers/{dossier.pk}/import/", {"file": wrong}, follow=True)
    )
    b.to_submitted(dossier)
    upload = workbook(("Hộ gia đình", "Hộ ông C", "giay_khen_xa", ""))
    assert "chỉ được sửa" in text(head.post(f"/dossiers/{dossier.pk}/import/", {"file": upload}, follow=True))
    assert (
        browser("truongthon.b1").post(f"/dossiers/{dossier.pk}/import/", {"file": upload}).status_code == 404
    )
    assert dossier.nominations.count() == 1
