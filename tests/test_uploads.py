"""Uploads: only real PDF, image or Office files, within the size limit, by whoever may add them now."""

import pytest

from dossiers.models import Document

from . import builders as b
from .api import Official
from .files import PNG_1PX, tiny_pdf


@pytest.fixture
def draft(demo):
    return b.new_dossier(with_reports=False)


def nomination_id(dossier):
    return dossier.nominations.get().pk


def test_a_phone_photo_of_a_paper_report_is_accepted_and_stored_under_a_safe_name(draft):
    response = Official("truongthon.a1").upload(
        draft.pk,
        "bao_cao_thanh_tich",
        nomination=nomination_id(draft),
        name="../../ảnh báo cáo.png",
        content=PNG_1PX,
    )
    assert response.status_code == 201, response.content
    document = Document.objects.get(pk=response.json()["id"])
    assert document.original_name == "ảnh báo cáo.png"
    assert ".." not in document.file.name and document.file.name.startswith(f"documents/{draft.pk}/")
    assert document.content_type == "image/png"
    assert draft.events.filter(action="upload_document").count() == 1


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("rong.pdf", b"", "rỗng"),
        ("trang.pdf", b"<html><script>alert(1)</script></html>", "không đúng định dạng"),
        ("chuong-trinh.exe", b"MZ\x90\x00", "không được chấp nhận"),
        ("anh.pdf", PNG_1PX, "không đúng định dạng"),
    ],
)
def test_it_refuses_empty_disguised_and_unknown_files(draft, name, content, message):
    response = Official("truongthon.a1").upload(
        draft.pk, "bao_cao_thanh_tich", nomination=nomination_id(draft), name=name, content=content
    )
    assert response.status_code == 400
    assert message in response.json()["errors"]["file"][0]
    assert not Document.objects.exists() and not draft.events.filter(action="upload_document").exists()


def test_it_refuses_a_file_over_the_size_limit(draft, settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    response = Official("truongthon.a1").upload(
        draft.pk, "bao_cao_thanh_tich", nomination=nomination_id(draft), content=tiny_pdf() + b"%" * 2000
    )
    assert response.status_code == 400 and "quá lớn" in response.json()["errors"]["file"][0]


def test_an_achievement_report_must_name_a_nomination_of_this_dossier(draft):
    other = b.new_dossier(with_reports=False)
    head = Official("truongthon.a1")
    assert "nomination" in head.upload(draft.pk, "bao_cao_thanh_tich").json()["errors"]
    response = head.upload(draft.pk, "bao_cao_thanh_tich", nomination=nomination_id(other))
    assert response.status_code == 400 and "nomination" in response.json()["errors"]
    assert head.upload(draft.pk, "hinh_anh").status_code == 400


def test_only_the_official_of_the_current_stage_may_add_documents(draft):
    assert Official("xa.a.canbo").upload(draft.pk, "to_trinh").status_code == 404  # not at the commune yet
    b.new_dossier()  # a second dossier, unrelated
    Official("truongthon.a1").upload(draft.pk, "bao_cao_thanh_tich", nomination=nomination_id(draft))
    b.to_submitted(draft)
    assert Official("truongthon.a1").upload(draft.pk, "khac").status_code == 403
    assert Official("huyen.thanhtra").upload(draft.pk, "khac").status_code == 403
    assert Official("xa.b.canbo").upload(draft.pk, "to_trinh").status_code == 404
    assert Official("xa.a.canbo").upload(draft.pk, "to_trinh").status_code == 201


def test_documents_are_downloaded_only_through_the_permission_check(draft):
    head = Official("truongthon.a1")
    document = head.upload(draft.pk, "bao_cao_thanh_tich", nomination=nomination_id(draft)).json()
    response = head.get(document["url"])
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == tiny_pdf()
    assert Official("truongthon.a2").get(document["url"]).status_code == 404
    assert (
        Official("truongthon.b1").get(f"/api/dossiers/{draft.pk}/documents/{document['id'] + 1}/").status_code
        == 404
    )


def test_the_village_cannot_supply_the_communes_own_documents(draft):
    head = Official("truongthon.a1")
    for kind in ("to_trinh", "bien_ban"):
        assert head.upload(draft.pk, kind).status_code == 403
    assert head.upload(draft.pk, "danh_sach").status_code == 201
