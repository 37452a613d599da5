"""Nominees from a spreadsheet: the template, every bad row named, nothing imported unless all are good."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from dossiers.errors import InvalidInput
from dossiers.services.importing import read_nominees

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


# What a spreadsheet may unpack to is bounded before it is parsed.

SHARED_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def with_shared_strings(*chunks, rows=()):
    """A valid workbook (the headers, then ``rows``) with a shared-strings part written from ``chunks``,
    packed with DEFLATE as Excel does; the chunks are streamed so the test never holds the whole part."""
    source = zipfile.ZipFile(io.BytesIO(workbook(*rows).read()))
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", SHARED_STRINGS_TYPE + b"</Types>")
            archive.writestr(part.filename, data)
        with archive.open("xl/sharedStrings.xml", "w") as part:
            for chunk in chunks:
                part.write(chunk)
    return SimpleUploadedFile("danh-sach.xlsx", packed.getvalue())


def bomb(megabytes):
    """A valid workbook whose one shared string unpacks to ``megabytes`` MB of the same letter."""
    megabyte = b"a" * 1024 * 1024
    head = b'<sst xmlns="' + MAIN + b'" count="1" uniqueCount="1"><si><t>'
    return with_shared_strings(head, *[megabyte] * megabytes, b"</t></si></sst>")


def refusal_of(upload):
    with pytest.raises(InvalidInput) as refused:
        read_nominees(upload)
    return " ".join([refused.value.message, *refused.value.errors["file"]])


def test_a_zip_bomb_is_refused_before_it_is_unpacked_and_memory_stays_small(db):
    upload = bomb(40)
    assert upload.size < 400 * 1024  # small on the wire, 40 MB unpacked
    tracemalloc.start()
    try:
        started = time.monotonic()
        message = refusal_of(upload)
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "quá lớn khi giải nén" in message and "8 MB" in message
    assert peak < 20 * 1024 * 1024, f"peak {peak / 1024 / 1024:.1f} MB"
    assert elapsed < 5


def test_a_zip_bomb_posted_to_the_import_page_is_refused_with_what_to_do(demo):
    dossier = b.new_dossier()
    page = text(
        browser("truongthon.a1").post(f"/dossiers/{dossier.pk}/import/", {"file": bomb(40)}, follow=True)
    )
    assert "quá lớn khi giải nén" in page and "chia danh sách" in page
    assert dossier.nominations.count() == 1


def test_a_part_packed_far_too_tightly_is_refused_as_abnormal_even_under_the_size_limit(db):
    assert "cấu trúc bất thường" in refusal_of(bomb(2))  # 2 MB of one letter packs about 1000×


def test_a_shared_string_table_with_a_dtd_is_refused_because_its_entities_could_expand(db):
    upload = with_shared_strings(
        b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<sst xmlns="' + MAIN + b'" count="1" uniqueCount="1"><si><t>&b;</t></si></sst>',
        rows=[("Hộ gia đình", "Hộ ông A", "giay_khen_xa", "")],
    )
    assert "cấu trúc bất thường" in refusal_of(upload)


def test_a_sheet_with_too_many_cells_is_refused_before_openpyxl_reads_it(demo):
    dossier = b.new_dossier()
    wide = ("x",) * 10_000  # two rows of 10 004 cells: within Excel's columns, over the 20 000 cells
    upload = workbook(("Hộ gia đình", "Hộ ông A", "giay_khen_xa", "", *wide), headers=HEADERS + list(wide))
    page = text(
        browser("truongthon.a1").post(f"/dossiers/{dossier.pk}/import/", {"file": upload}, follow=True)
    )
    assert "quá 20000 ô" in page and "4 cột" in page
    assert dossier.nominations.count() == 1


def test_more_rows_than_one_import_allows_are_refused_naming_the_limit(demo):
    dossier = b.new_dossier()
    upload = workbook(*[("Hộ gia đình", f"Hộ ông {i}", "giay_khen_xa", "") for i in range(201)])
    page = text(
        browser("truongthon.a1").post(f"/dossiers/{dossier.pk}/import/", {"file": upload}, follow=True)
    )
    assert "quá 200 dòng đề nghị" in page and "chia danh sách" in page
    assert dossier.nominations.count() == 1


def test_an_over_long_cell_is_named_with_its_row_column_and_limit_and_not_echoed(demo):
    dossier = b.new_dossier()
    upload = workbook(
        ("Hộ gia đình", "Hộ ông A", "giay_khen_xa", "Thoát nghèo. " * 160),  # 2080 characters
        ("Hộ gia đình", "Hộ ông B", "z" * 2001, ""),
    )
    page = text(
        browser("truongthon.a1").post(f"/dossiers/{dossier.pk}/import/", {"file": upload}, follow=True)
    )
    assert "Dòng 2: ô ở cột D dài quá 2000 ký tự" in page
    assert "Dòng 3: ô ở cột C dài quá 2000 ký tự" in page and "z" * 100 not in page
    assert dossier.nominations.count() == 1


def test_rows_below_the_size_the_sheet_claims_are_read_too(demo):
    dossier = b.new_dossier()
    upload = workbook(
        ("Hộ gia đình", "Hộ ông A", "giay_khen_xa", ""), ("Cá nhân", "Bà B", "giay_khen_xa", "")
    )
    source = zipfile.ZipFile(io.BytesIO(upload.read()))
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in source.infolist():
            data = source.read(part)
            archive.writestr(
                part.filename, data.replace(b'<dimension ref="A1:D3"/>', b'<dimension ref="A1:D1"/>')
            )
    upload = SimpleUploadedFile("danh-sach.xlsx", packed.getvalue())
    page = text(
        browser("truongthon.a1").post(f"/dossiers/{dossier.pk}/import/", {"file": upload}, follow=True)
    )
    assert "Đã thêm 2 đề nghị" in page
