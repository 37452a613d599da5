"""The dossier pages: list, detail with its actions, the village head's form, documents, history."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers.models import AwardForm, Document, Dossier, Round
from permissions.models import Unit

from . import builders as b
from .files import PNG_1PX, tiny_pdf
from .pages import browser, text


def form_data(open_round, rows, **extra):
    data = {
        "title": "Đề nghị khen thưởng năm 2025",
        "round": open_round.pk,
        "n-TOTAL_FORMS": len(rows),
        "n-INITIAL_FORMS": 0,
        "n-MIN_NUM_FORMS": 1,
        "n-MAX_NUM_FORMS": 1000,
        **extra,
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"n-{i}-{key}"] = value
    return data


def nominee(name, form="giay_khen_xa", kind="household", report=True):
    row = {
        "nominee_kind": kind,
        "nominee_name": name,
        "award_form": form,
        "achievement_summary": "Thoát nghèo",
    }
    if report:
        row["report"] = SimpleUploadedFile(f"{name}.pdf", tiny_pdf(), content_type="application/pdf")
    return row


def test_the_village_head_creates_a_dossier_with_two_nominations_and_their_reports(open_round, forms):
    head = browser("truongthon.a1")
    data = form_data(
        open_round,
        [nominee("Hộ ông Lý Văn Sáu"), nominee("Bà Đinh Thị Hoa", "giay_khen_huyen", "individual")],
    )
    data["n-0-award_form"], data["n-1-award_form"] = forms["giay_khen_xa"].pk, forms["giay_khen_huyen"].pk
    response = head.post("/dossiers/new/", data)
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/dossiers/{dossier.pk}/"
    assert [n.nominee_name for n in dossier.nominations.order_by("pk")] == [
        "Hộ ông Lý Văn Sáu",
        "Bà Đinh Thị Hoa",
    ]
    assert (
        Document.objects.filter(dossier=dossier, kind="bao_cao_thanh_tich", nomination__isnull=False).count()
        == 2
    )
    page = text(head.get(f"/dossiers/{dossier.pk}/"))
    assert "Gửi hồ sơ lên xã" in page and "Còn thiếu" not in page


def test_a_failed_save_keeps_what_was_typed_and_the_uploaded_report(open_round, forms):
    head = browser("truongthon.a1")
    rows = [
        nominee("Hộ ông Lý Văn Sáu"),
        {
            "nominee_kind": "household",
            "nominee_name": "",
            "award_form": forms["giay_khen_xa"].pk,
            "report": SimpleUploadedFile("b.png", PNG_1PX),
        },
    ]
    rows[0]["award_form"] = forms["giay_khen_xa"].pk
    response = head.post("/dossiers/new/", form_data(open_round, rows, title=""))
    page = text(response)
    assert response.status_code == 400 and not Dossier.objects.exists()
    assert "Hộ ông Lý Văn Sáu" in page and "Đã nhận tệp" in page and "Hộ ông Lý Văn Sáu.pdf" in page
    assert page.count("errorlist") >= 2  # next to the title and to the missing name
    token = response.context["formset"].forms[0].data["n-0-report_token"]

    fixed = form_data(
        open_round, [{**{k: v for k, v in rows[0].items() if k != "report"}, "report_token": token}]
    )
    assert head.post("/dossiers/new/", fixed).status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.documents.get().original_name == "Hộ ông Lý Văn Sáu.pdf"


def test_a_forged_pending_report_reference_is_ignored(open_round, forms):
    row = {
        **nominee("Hộ ông A", report=False),
        "award_form": forms["giay_khen_xa"].pk,
        "report_token": "pending/x.pdf:forged",
    }
    assert browser("truongthon.a1").post("/dossiers/new/", form_data(open_round, [row])).status_code == 302
    assert not Document.objects.exists()


def test_a_disguised_upload_is_refused_next_to_its_field(open_round, forms):
    row = {
        **nominee("Hộ ông A", report=False),
        "award_form": forms["giay_khen_xa"].pk,
        "report": SimpleUploadedFile("bao-cao.pdf", b"<html>not a pdf</html>"),
    }
    response = browser("truongthon.a1").post("/dossiers/new/", form_data(open_round, [row]))
    assert response.status_code == 400 and "không đúng định dạng" in text(response)


def test_only_a_village_head_opens_the_form_and_only_while_the_dossier_is_editable(demo):
    assert browser("xa.a.canbo").get("/dossiers/new/").status_code == 404
    dossier = b.new_dossier()
    assert browser("truongthon.a1").get(f"/dossiers/{dossier.pk}/edit/").status_code == 200
    assert browser("truongthon.a2").get(f"/dossiers/{dossier.pk}/edit/").status_code == 404
    b.to_submitted(dossier)
    assert browser("truongthon.a1").get(f"/dossiers/{dossier.pk}/edit/").status_code == 302


def test_editing_removes_and_adds_nominations_on_one_page(demo, forms):
    dossier = b.new_dossier(award_forms=("giay_khen_xa", "giay_khen_huyen"))
    keep, drop = dossier.nominations.order_by("pk")
    data = {
        "title": "Đề nghị đã sửa",
        "n-TOTAL_FORMS": 3,
        "n-INITIAL_FORMS": 2,
        "n-MIN_NUM_FORMS": 1,
        "n-MAX_NUM_FORMS": 1000,
    }
    for i, n in enumerate((keep, drop)):
        data.update(
            {
                f"n-{i}-id": n.pk,
                f"n-{i}-nominee_kind": n.nominee_kind,
                f"n-{i}-nominee_name": n.nominee_name,
                f"n-{i}-award_form": n.award_form_id,
            }
        )
    data["n-1-DELETE"] = "on"
    data.update(
        {
            "n-2-nominee_kind": "enterprise",
            "n-2-nominee_name": "HTX Đak Djrăng",
            "n-2-award_form": forms["giay_khen_xa"].pk,
        }
    )
    response = browser("truongthon.a1").post(f"/dossiers/{dossier.pk}/edit/", data)
    assert response.status_code == 302, text(response)[-2000:]
    assert [n.nominee_name for n in dossier.nominations.order_by("pk")] == [
        keep.nominee_name,
        "HTX Đak Djrăng",
    ]
    dossier.refresh_from_db()
    assert dossier.title == "Đề nghị đã sửa" and dossier.events.filter(action="edit").exists()


def test_the_dossier_page_shows_where_it_is_and_offers_only_this_users_actions(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    officer_page = text(browser("xa.a.canbo").get(f"/dossiers/{dossier.pk}/"))
    assert "Trả lại thôn" in officer_page and "Xã duyệt (họp xét)" not in officer_page
    assert "Hội đồng Thi đua – Khen thưởng Xã Đak Djrăng" in officer_page
    chair_page = text(browser("xa.a.chutich").get(f"/dossiers/{dossier.pk}/"))
    assert "Xã duyệt (họp xét)" in chair_page and "Trả lại thôn" not in chair_page
    inspector_page = text(browser("huyen.thanhtra").get(f"/dossiers/{dossier.pk}/"))
    assert "Việc bạn có thể làm" not in inspector_page
    assert browser("xa.b.canbo").get(f"/dossiers/{dossier.pk}/").status_code == 404
    assert browser("truongthon.a2").get(f"/dossiers/{dossier.pk}/history/").status_code == 404


def test_a_return_without_reason_stays_on_the_page_with_the_message_next_to_the_field(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    officer = browser("xa.a.canbo")
    url = f"/dossiers/{dossier.pk}/actions/return_to_village/"
    refused = officer.post(
        url, {"return_to_village-transition": "return_to_village", "return_to_village-comment": ""}
    )
    assert refused.status_code == 400 and "field-error" in text(refused)
    done = officer.post(
        url,
        {"return_to_village-transition": "return_to_village", "return_to_village-comment": "Thiếu ảnh"},
        follow=True,
    )
    assert "Đã thực hiện “Trả lại thôn”" in text(done) and "Thôn lập / sửa hồ sơ" in text(done)
    dossier.refresh_from_db()
    assert dossier.status == "returned"
    assert browser("xa.b.canbo").post(url, {"return_to_village-comment": "x"}).status_code == 404


def test_documents_open_only_for_those_who_see_the_dossier(demo):
    dossier = b.new_dossier()
    document = dossier.documents.get()
    url = f"/dossiers/{dossier.pk}/documents/{document.pk}/"
    response = browser("truongthon.a1").get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == tiny_pdf()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert browser("truongthon.b1").get(url).status_code == 404


def test_the_list_counts_dossiers_by_status_and_filters_them(demo):
    first, second = b.new_dossier(), b.new_dossier()
    b.to_submitted(first)
    page = text(browser("huyen.thanhtra").get("/dossiers/"))
    assert first.code in page and second.code in page and "Đã gửi xã" in page
    filtered = text(browser("huyen.thanhtra").get("/dossiers/?status=submitted"))
    assert first.code in filtered and second.code not in filtered
    assert first.code not in text(browser("truongthon.b1").get("/dossiers/"))


def test_the_history_page_and_its_csv_show_every_step(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    b.fire("xa.a.canbo", dossier, "return_to_village", comment="Thiếu xác nhận")
    head = browser("truongthon.a1")
    page = text(head.get(f"/dossiers/{dossier.pk}/history/"))
    for words in ("Tạo hồ sơ", "Gửi hồ sơ lên xã", "Trả lại thôn", "Thiếu xác nhận", "Nguyễn Thị Lan"):
        assert words in page
    rows = list(
        csv.reader(
            io.StringIO(head.get(f"/dossiers/{dossier.pk}/history/?format=csv").content.decode("utf-8-sig"))
        )
    )
    assert rows[0][0] == "Thời điểm" and [r[5] for r in rows[1:]][-1] == "Trả lại thôn"
    assert rows[-1][8] == "Thiếu xác nhận"


def test_the_village_head_sees_why_the_dossier_came_back(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    b.fire("xa.a.canbo", dossier, "return_to_village", comment="Thiếu chữ ký của trưởng thôn")
    page = text(browser("truongthon.a1").get(f"/dossiers/{dossier.pk}/"))
    assert "Lý do hồ sơ bị trả lại" in page and "Thiếu chữ ký của trưởng thôn" in page
    b.fire("truongthon.a1", dossier, "submit")
    assert "Lý do hồ sơ bị trả lại" not in text(browser("truongthon.a1").get(f"/dossiers/{dossier.pk}/"))


def test_the_inbox_opens_on_the_units_tasks_when_nothing_is_claimed(demo):
    draft = b.new_dossier()
    assert draft.code in text(browser("truongthon.a1").get("/"))


def test_the_commune_filter_offers_only_the_communes_the_official_oversees(demo):
    province = Unit.objects.get(code="GL")
    elsewhere = Unit.objects.create(code="GL-KB", name="Huyện Kbang", level="district", parent=province)
    outside = Unit.objects.create(code="GL-KB-01", name="Xã Ơ Rơ", level="commune", parent=elsewhere)
    inspector = browser("huyen.thanhtra")
    form = inspector.get("/dossiers/").context["form"]
    assert [label for _, label in form.fields["commune"].choices] == ["Tất cả", "Xã Đak Djrăng", "Xã Lơ Pang"]
    assert (
        "commune" not in browser("xa.a.canbo").get("/inbox/").context["form"].fields
    )  # one commune: no choice
    refused = inspector.get(f"/dossiers/?commune={outside.pk}")
    assert refused.status_code == 200 and "Hãy chọn một lựa chọn hợp lệ" in text(refused)


def test_the_filters_offer_the_newest_round_first_and_the_award_forms_in_their_set_order(demo):
    existing = Round.objects.get(name="Tổng kết 2021–2025")
    Round.objects.create(
        movement=existing.movement,
        name="Khen thưởng đột xuất 2027",
        kind="special",
        year=2027,
        deadline=existing.deadline,
    )
    # position 0, as the first demo form: the code decides, as in the catalogue's own order
    AwardForm.objects.create(
        code="zz_co_thi_dua", name="Cờ thi đua của UBND tỉnh", authority_level="province", position=0
    )
    form = browser("huyen.thanhtra").get("/dossiers/").context["form"]
    rounds = [label for _, label in form.fields["round"].choices]
    assert rounds[:2] == ["Tất cả", "Khen thưởng đột xuất 2027"] and rounds.index(existing.name) > 1
    award_forms = AwardForm.objects.order_by("position", "code").values_list("name", flat=True)
    assert [label for _, label in form.fields["award_form"].choices] == ["Tất cả", *award_forms]
    assert [label for _, label in form.fields["award_form"].choices][2] == "Cờ thi đua của UBND tỉnh"


def test_the_list_pages_through_every_match_and_counts_them_all_by_status(demo, settings):
    dossiers = [b.new_dossier(with_reports=i < 3) for i in range(27)]
    for dossier in dossiers[:3]:
        b.to_submitted(dossier)
    head = browser("truongthon.a1")
    first = head.get("/dossiers/")
    assert dict((s.value, n) for s, n in first.context["counts"]) == {"draft": 24, "submitted": 3}
    assert first.context["page"].paginator.num_pages == 2 and len(first.context["page"].object_list) == 25
    second = head.get("/dossiers/?page=2")
    # newest change first: the three submitted lead, the two oldest drafts end the list
    assert [d["pk"] for d in second.context["page"].object_list] == [dossiers[4].pk, dossiers[3].pk]
    assert dict((s.value, n) for s, n in second.context["counts"]) == {"draft": 24, "submitted": 3}
    for past_the_end in ("9", "400000000000000000000"):  # an old link or a forged one: the last page
        response = head.get(f"/dossiers/?page={past_the_end}")
        assert response.context["page"].number == 2 and len(response.context["page"].object_list) == 2
    filtered = head.get("/dossiers/?status=submitted&page=abc")
    assert dict((s.value, n) for s, n in filtered.context["counts"]) == {"submitted": 3}
    nothing = head.get("/dossiers/?q=khong-co-ai")
    assert nothing.context["counts"] == [] and "Không có hồ sơ nào." in text(nothing)
