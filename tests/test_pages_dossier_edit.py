"""The edit page of a returned dossier: why it came back, each nominee's current report, replacing and
removing a report, removing a nominee; a removed or replaced report leaves the dossier but stays in its history."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers.errors import ActionForbidden, StateConflict
from dossiers.models import Document
from dossiers.services.documents import document_remove

from . import builders as b
from .api import Official
from .files import tiny_pdf
from .pages import browser, text


def returned_dossier(award_forms=("giay_khen_xa",)):
    dossier = b.new_dossier(award_forms=award_forms)
    b.to_submitted(dossier)
    b.fire("xa.a.canbo", dossier, "return_to_village", comment="Báo cáo thiếu chữ ký của trưởng thôn")
    return dossier


def edit_data(dossier, title=None, **extra):
    """The edit form as the page posts it, each saved nomination unchanged."""
    nominations = list(dossier.nominations.order_by("pk"))
    data = {
        "title": dossier.title if title is None else title,
        "n-TOTAL_FORMS": len(nominations) + 1,
        "n-INITIAL_FORMS": len(nominations),
        "n-MIN_NUM_FORMS": 1,
        "n-MAX_NUM_FORMS": 1000,
    }
    for i, n in enumerate(nominations):
        data.update(
            {
                f"n-{i}-id": n.pk,
                f"n-{i}-nominee_kind": n.nominee_kind,
                f"n-{i}-nominee_name": n.nominee_name,
                f"n-{i}-award_form": n.award_form_id,
                f"n-{i}-achievement_summary": n.achievement_summary,
            }
        )
    return {**data, **extra}


def new_report(name="bao-cao-moi.pdf"):
    return SimpleUploadedFile(name, tiny_pdf(), content_type="application/pdf")


def current_reports(nomination):
    return list(nomination.documents.filter(removed_at__isnull=True).values_list("original_name", flat=True))


def test_the_edit_page_of_a_returned_dossier_says_who_returned_it_when_and_why(demo):
    dossier = returned_dossier()
    event = dossier.events.get(action="return_to_village")
    page = text(browser("truongthon.a1").get(f"/dossiers/{dossier.pk}/edit/"))
    assert "Lý do hồ sơ bị trả lại" in page and "Báo cáo thiếu chữ ký của trưởng thôn" in page
    assert "Nguyễn Thị Lan" in page and event.unit.name in page
    assert event.at.astimezone().strftime("%d/%m/%Y %H:%M") in page
    assert page.index("Lý do hồ sơ bị trả lại") < page.index('id="dossier-form"')  # at the top


def test_a_draft_that_never_came_back_shows_no_return_reason(demo):
    dossier = b.new_dossier()
    assert "Lý do hồ sơ bị trả lại" not in text(browser("truongthon.a1").get(f"/dossiers/{dossier.pk}/edit/"))


def test_the_edit_page_lists_each_nominees_current_report_with_replace_and_remove(demo):
    dossier = returned_dossier()
    document = dossier.documents.get()
    page = text(browser("truongthon.a1").get(f"/dossiers/{dossier.pk}/edit/"))
    assert f'href="/dossiers/{dossier.pk}/documents/{document.pk}/"' in page and "bao-cao.pdf" in page
    assert "Thay tệp" in page and "Gỡ tệp này khỏi hồ sơ" in page
    assert f'name="n-0-remove_reports" value="{document.pk}"' in page
    assert "Thay báo cáo bằng tệp mới" in page  # the file input says it replaces


def test_replacing_a_report_lists_the_new_one_once_and_keeps_the_old_one_in_the_history(demo):
    dossier = returned_dossier()
    (nomination,) = dossier.nominations.all()
    old = dossier.documents.get()
    head = browser("truongthon.a1")
    response = head.post(f"/dossiers/{dossier.pk}/edit/", edit_data(dossier, **{"n-0-report": new_report()}))
    assert response.status_code == 302, text(response)[-2000:]
    assert current_reports(nomination) == ["bao-cao-moi.pdf"]
    old.refresh_from_db()
    assert old.removed_at is not None and old.replaced_by.original_name == "bao-cao-moi.pdf"
    event = dossier.events.filter(action="upload_document").last()
    assert [d["name"] for d in event.changes["document"][0]] == ["bao-cao.pdf"]
    assert event.changes["document"][1]["name"] == "bao-cao-moi.pdf"
    edit_page = text(head.get(f"/dossiers/{dossier.pk}/edit/"))
    assert edit_page.count('data-testid="current-file"') == 1
    assert ">bao-cao-moi.pdf</a>" in edit_page and "bao-cao.pdf" not in edit_page
    detail = text(head.get(f"/dossiers/{dossier.pk}/"))
    listed, removed = detail.split('data-testid="removed-documents"')
    assert "bao-cao-moi.pdf" in listed and "bao-cao.pdf" not in listed
    assert "bao-cao.pdf" in removed and "được thay bằng" in removed
    assert head.get(f"/dossiers/{dossier.pk}/documents/{old.pk}/").status_code == 200  # still opens


def test_removing_a_report_takes_it_out_of_the_dossier_and_records_it(demo):
    dossier = returned_dossier()
    document = dossier.documents.get()
    head = browser("truongthon.a1")
    data = edit_data(dossier, **{"n-0-remove_reports": [document.pk]})
    assert head.post(f"/dossiers/{dossier.pk}/edit/", data).status_code == 302
    document.refresh_from_db()
    assert document.removed_at is not None and document.replaced_by is None
    event = dossier.events.get(action="remove_document")
    assert event.changes["document"] == [
        {"kind": "bao_cao_thanh_tich", "name": "bao-cao.pdf", "nomination": document.nomination_id},
        None,
    ]
    detail = text(head.get(f"/dossiers/{dossier.pk}/"))
    assert "Thiếu báo cáo thành tích" in detail  # the dossier cannot be sent without it now
    history = text(head.get(f"/dossiers/{dossier.pk}/history/"))
    assert "Gỡ tài liệu khỏi hồ sơ" in history and "bao-cao.pdf" in history


def test_the_remove_nominee_box_names_whom_it_removes_and_asks_first(demo):
    dossier = returned_dossier()
    page = text(browser("truongthon.a1").get(f"/dossiers/{dossier.pk}/edit/"))
    assert "Bỏ đề nghị này (xoá “Hộ ông Nguyễn Văn Đức 1” khỏi hồ sơ)" in page
    assert (
        'name="n-0-DELETE"' in page
        and 'data-confirm="Bỏ đề nghị “Hộ ông Nguyễn Văn Đức 1” khỏi hồ sơ?' in page
    )
    assert 'name="n-1-DELETE"' not in page  # the empty row is left out by leaving it empty
    assert ">Xoá<" not in page


def test_removing_a_nominee_takes_its_report_out_of_the_dossier_but_not_out_of_the_history(demo):
    dossier = returned_dossier(award_forms=("giay_khen_xa", "giay_khen_xa"))
    keep, drop = dossier.nominations.order_by("pk")
    dropped_report = drop.documents.get()
    data = edit_data(dossier, **{"n-1-DELETE": "on"})
    assert browser("truongthon.a1").post(f"/dossiers/{dossier.pk}/edit/", data).status_code == 302
    assert list(dossier.nominations.all()) == [keep]
    dropped_report.refresh_from_db()
    assert dropped_report.removed_at is not None and dropped_report.nomination is None
    event = dossier.events.filter(action="edit").last()
    assert event.changes[f"document:{dropped_report.pk}"][1] is None
    assert len(current_reports(keep)) == 1


def test_a_failed_save_keeps_the_ticked_removal_and_the_new_report(demo):
    dossier = returned_dossier(award_forms=("giay_khen_xa", "giay_khen_xa"))
    first, second = dossier.nominations.order_by("pk")
    old_first, second_report = first.documents.get(), second.documents.get()
    head = browser("truongthon.a1")
    data = edit_data(
        dossier, title="", **{"n-0-report": new_report(), "n-1-remove_reports": [second_report.pk]}
    )
    response = head.post(f"/dossiers/{dossier.pk}/edit/", data)
    page = text(response)
    assert response.status_code == 400 and "Đã nhận tệp" in page and "bao-cao-moi.pdf" in page
    ticked = re.search(r'<input type="checkbox" name="n-1-remove_reports"[^>]*>', page).group(0)
    assert " checked" in ticked
    assert not Document.objects.filter(removed_at__isnull=False).exists()  # nothing happened yet
    token = response.context["formset"].forms[0].data["n-0-report_token"]
    fixed = edit_data(dossier, **{"n-0-report_token": token, "n-1-remove_reports": [second_report.pk]})
    assert head.post(f"/dossiers/{dossier.pk}/edit/", fixed).status_code == 302
    assert current_reports(first) == ["bao-cao-moi.pdf"] and current_reports(second) == []
    old_first.refresh_from_db()
    assert old_first.replaced_by is not None


def test_a_report_is_removed_only_by_who_may_add_one_now_and_only_once(demo):
    dossier = returned_dossier()
    document = dossier.documents.get()
    (officer, head) = b.users("xa.a.canbo", "truongthon.a1")
    with pytest.raises(ActionForbidden):
        document_remove(user=officer, dossier_id=dossier.pk, document_id=document.pk)
    document_remove(user=head, dossier_id=dossier.pk, document_id=document.pk)
    with pytest.raises(StateConflict):
        document_remove(user=head, dossier_id=dossier.pk, document_id=document.pk)
    assert Document.objects.filter(pk=document.pk).exists()


def test_the_api_marks_a_replaced_report_as_the_dossier_page_does(demo):
    dossier = returned_dossier()
    old = dossier.documents.get()
    head = browser("truongthon.a1")
    head.post(f"/dossiers/{dossier.pk}/edit/", edit_data(dossier, **{"n-0-report": new_report()}))
    documents = {d["original_name"]: d for d in Official("truongthon.a1").dossier(dossier.pk)["documents"]}
    new = documents["bao-cao-moi.pdf"]
    assert new["removed_at"] is None and new["replaced_by"] is None
    assert documents["bao-cao.pdf"]["removed_at"] is not None
    assert documents["bao-cao.pdf"]["replaced_by"] == new["id"] and old.pk == documents["bao-cao.pdf"]["id"]


def test_the_village_head_records_a_nominees_year_of_birth_and_citizen_id_on_the_form(demo):
    dossier = returned_dossier()
    head = browser("truongthon.a1")
    data = edit_data(dossier, **{"n-0-birth_year": "1975", "n-0-citizen_id": "064075001234"})
    response = head.post(f"/dossiers/{dossier.pk}/edit/", data)
    assert response.status_code == 302, text(response)[:800]
    nomination = dossier.nominations.get()
    assert (nomination.birth_year, nomination.citizen_id) == (1975, "064075001234")
    refused = head.post(f"/dossiers/{dossier.pk}/edit/", edit_data(dossier, **{"n-0-citizen_id": "12345"}))
    assert refused.status_code == 400 and "12 chữ số" in text(refused)
    assert dossier.nominations.get().citizen_id == "064075001234"  # nothing saved from the refused post
