"""The inspector's audit log (/audit/) and a dossier's history: filters that keep working when one is
mistyped, a search by name without diacritics, names instead of codes, and the inspector's landing page."""

import csv
import io

from django.contrib.auth import get_user_model

from dossiers.services.access import membership_grant
from permissions.models import Unit

from . import builders as b
from .pages import browser, text


def table(response, testid="audit"):
    """The events part of a page (the filter form above it lists every action as an option)."""
    return text(response).split(f'data-testid="{testid}"', 1)[1]


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]


def returned_dossier():
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    b.fire("xa.a.canbo", dossier, "return_to_village", comment="Thiếu xác nhận")
    return dossier


def test_an_invalid_date_is_explained_by_its_field_and_the_other_filters_still_apply(demo):
    returned_dossier()
    inspector = browser("huyen.thanhtra")
    query = "action=return_to_village&date_from=31/02/2026"

    response = inspector.get(f"/audit/?{query}")

    page = text(response)
    assert "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/03/2026." in page
    assert 'data-testid="ignored-filters"' in page and "“Từ ngày (dd/mm/yyyy)”" in page
    events = table(response)
    assert "Trả lại thôn" in events and "Gửi hồ sơ lên xã" not in events and "Tạo hồ sơ" not in events
    rows = csv_rows(inspector.get(f"/audit/?{query}&format=csv"))
    assert rows and {row[5] for row in rows} == {"Trả lại thôn"}


def test_dates_in_the_wrong_order_keep_the_start_date_and_the_other_filters(demo):
    returned_dossier()
    response = browser("huyen.thanhtra").get(
        "/audit/?action=return_to_village&date_from=01/01/2000&date_to=01/01/1999"
    )
    assert "Ngày kết thúc phải sau ngày bắt đầu." in text(response) and "“Đến ngày (dd/mm/yyyy)”" in text(
        response
    )
    events = table(response)
    assert "Trả lại thôn" in events and "Gửi hồ sơ lên xã" not in events


def test_a_person_is_found_with_or_without_diacritics_on_the_page_and_in_the_csv(demo):
    dossier = returned_dossier()
    inspector = browser("huyen.thanhtra")
    for typed in ("nguyen thi lan", "Nguyễn Thị Lan", "  NGUYEN   thi LAN ", "xa.a.canbo", "lan nguyen"):
        events = table(inspector.get("/audit/", {"actor": typed}))
        assert dossier.code in events and "Trả lại thôn" in events, typed
        assert "Đinh Văn Hlơm" not in events, typed  # the village head's own events are not hers
    assert "Trả lại thôn" not in table(inspector.get("/audit/", {"actor": "nguyen van khong co"}))
    rows = csv_rows(inspector.get("/audit/", {"actor": "nguyen thi lan", "format": "csv"}))
    assert rows and {row[2] for row in rows} == {"Nguyễn Thị Lan"}
    assert "Trả lại thôn" in {row[5] for row in rows}


def a_dossier_through_every_kind_of_change():
    """Edited, with documents of several kinds, approved by the commune, appraised with one criterion unmet,
    and decided by the district chair, who awards one nominee and forwards the other to the province."""
    from dossiers.services.drafting import dossier_update

    dossier = b.new_dossier(award_forms=("giay_khen_huyen", "bang_khen_tinh"))
    nominations = [
        {**{f: getattr(n, f) for f in ("nominee_kind", "award_form", "achievement_summary")}, "id": n.pk}
        | {"nominee_name": f"Hộ bà Rơ Châm H'Lan {i + 1}"}
        for i, n in enumerate(dossier.nominations.order_by("pk"))
    ]
    dossier_update(user=b.users("truongthon.a1")[0], dossier_id=dossier.pk, nominations=nominations)
    b.to_appraisal(dossier)
    payload = b.appraise_payload(dossier)
    payload["verdicts"][0]["criteria"]["voluntary_exit"] = False
    payload["verdicts"][0]["reason"] = "Gia đình vẫn giúp 5 hộ khác thoát nghèo trong năm"
    b.fire("huyen.noivu", dossier, "appraise", **payload)
    b.fire("huyen.chutich", dossier, "approve", **b.decision_payload())
    return dossier


# How the codes used to show (a document's file name, to_trinh.pdf, is the user's and stays).
CODES = (
    "voluntary_exit",
    "loại: to_trinh",
    "loại: bao_cao",
    "(giay_khen_huyen)",
    "(bang_khen_tinh)",
    "→ district",
)
NAMES = (
    "chưa đạt: “Tự nguyện đăng ký thoát nghèo”",
    "loại: Tờ trình",
    "loại: Báo cáo thành tích, tệp: bao-cao.pdf, đề nghị: Hộ bà Rơ Châm H'Lan 1",
    "Hộ bà Rơ Châm H'Lan 1 (Giấy khen của Chủ tịch UBND huyện)",
    "Cấp quyết định: — → Huyện",
    "Được khen thưởng: — → Hộ bà Rơ Châm H'Lan 1",
    "Trình tỉnh: — → Hộ bà Rơ Châm H'Lan 2",
    "Đề nghị “Hộ bà Rơ Châm H'Lan 2”: xã đồng ý",
)


def test_events_name_what_their_codes_stand_for_in_the_pages_and_the_csv(demo):
    from django.utils.html import escape

    dossier = a_dossier_through_every_kind_of_change()
    inspector = browser("huyen.thanhtra")
    pages = {
        "audit": table(inspector.get("/audit/")),
        "history": table(inspector.get(f"/dossiers/{dossier.pk}/history/"), "history"),
    }
    exports = {
        "audit csv": " ".join(row[9] for row in csv_rows(inspector.get("/audit/?format=csv"))),
        "history csv": " ".join(
            row[9] for row in csv_rows(inspector.get(f"/dossiers/{dossier.pk}/history/?format=csv"))
        ),
    }
    for where, shown in [*((w, p) for w, p in pages.items()), *exports.items()]:
        for name in NAMES:
            assert (escape(name) if where in pages else name) in shown, (where, name)
        for code in CODES:
            assert code not in shown, (where, code)


def test_role_grants_name_the_role_the_unit_and_the_agencies(demo, admin):
    user = get_user_model().objects.create_user("can.bo.moi", first_name="Mai", last_name="Trần Thị")
    membership_grant(by=admin, user=user, role="commune_officer", unit=Unit.objects.get(code="GL-MY-LP"))
    events = table(browser("admin").get("/audit/?action=grant_role&actor=quan tri"))
    assert "Người dùng: Trần Thị Mai" in events
    assert "Vai trò: — → Cán bộ thi đua – khen thưởng xã" in events and "Đơn vị: — → Xã Lơ Pang" in events
    assert "Cơ quan: " in events and "→ GL-MY-LP" not in events and "commune_officer" not in events


def test_the_inspector_lands_on_the_audit_log_not_on_claim_tabs(demo, admin):
    response = browser("huyen.thanhtra").get("/")
    assert response.status_code == 302 and response["Location"] == "/audit/"
    assert browser("admin").get("/")["Location"] == "/audit/"
    for username in ("truongthon.a1", "xa.a.canbo", "huyen.chutich"):
        page = browser(username).get("/")
        assert page.status_code == 200 and 'data-testid="audit"' not in text(page), username
    get_user_model().objects.create_user("nguoi.ngoai")
    assert browser("nguoi.ngoai").get("/")["Location"] == "/dossiers/"


def test_an_inspector_acting_as_a_village_head_lands_on_the_tasks_of_that_role(demo, admin):
    inspector = get_user_model().objects.get(username="huyen.thanhtra")
    head = membership_grant(
        by=admin, user=inspector, role="village_head", unit=Unit.objects.get(code="GL-MY-DD-02")
    )
    client = browser("huyen.thanhtra")
    client.post("/role/", {"membership": head.pk, "next": "/"})
    assert client.get("/").status_code == 200
    inspecting = inspector.memberships.exclude(pk=head.pk).get()
    client.post("/role/", {"membership": inspecting.pk, "next": "/"})
    assert client.get("/")["Location"] == "/audit/"


def test_the_unit_filter_offers_only_the_inspectors_district_and_its_communes(demo):
    inspector = browser("huyen.thanhtra")
    options = text(inspector.get("/audit/")).split('name="unit"', 1)[1].split("</select>", 1)[0]
    district = Unit.objects.get(code="GL-MY")
    for unit in [district, *Unit.objects.filter(parent=district)]:
        assert f'value="{unit.pk}"' in options
    for unit in Unit.objects.exclude(pk=district.pk).exclude(parent=district):  # villages, the province, …
        assert f'value="{unit.pk}"' not in options, unit.code


def test_a_unit_outside_the_inspectors_district_is_not_a_choice(demo):
    elsewhere = Unit.objects.get(code="GL")
    response = browser("huyen.thanhtra").get(f"/audit/?unit={elsewhere.pk}")
    assert response.status_code == 200
    assert "Chọn một đơn vị trong danh sách." in text(response)


def test_the_audit_log_reads_the_same_number_of_queries_however_many_events_and_names_it_shows(demo):
    """The names of a page's events (actor, unit, dossier) come in one query each after the page's rows are
    chosen, so more events, dossiers and officials cost no query more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    inspector = browser("huyen.thanhtra")
    returned_dossier()
    inspector.get("/audit/")  # the first page of a visit also refreshes the session
    with CaptureQueriesContext(connection) as few:
        inspector.get("/audit/")
    for _ in range(4):
        returned_dossier()
    with CaptureQueriesContext(connection) as many:
        page = inspector.get("/audit/")
    assert len(many) == len(few) <= 15
    assert text(page).count("Trả lại thôn") >= 5
