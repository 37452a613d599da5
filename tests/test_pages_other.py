"""The audit log, the dashboard, choosing the acting role, login and the language switch."""

import csv
import io

from django.contrib.auth import get_user_model
from django.test import Client

from dossiers.services.access import membership_grant
from permissions.models import Unit

from . import builders as b
from .pages import browser, text


def test_the_inspector_reads_every_event_of_the_district_and_exports_it(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    inspector = browser("huyen.thanhtra")
    page = text(inspector.get("/audit/"))
    assert dossier.code in page and "Gửi hồ sơ lên xã" in page
    assert dossier.code not in text(inspector.get("/audit/?action=return_to_village"))
    assert dossier.code in text(inspector.get("/audit/?actor=hlơm"))
    assert "Ngày kết thúc phải sau" in text(inspector.get("/audit/?date_from=02/01/2026&date_to=01/01/2026"))
    rows = list(csv.reader(io.StringIO(inspector.get("/audit/?format=csv").content.decode("utf-8-sig"))))
    assert any(row[1] == dossier.code and row[5] == "Gửi hồ sơ lên xã" for row in rows)


def test_the_audit_log_is_closed_to_everyone_else(demo):
    for username in ("truongthon.a1", "xa.a.canbo", "huyen.chutich"):
        assert browser(username).get("/audit/").status_code == 404
    assert browser("admin").get("/audit/").status_code == 200


def test_the_dashboard_draws_the_counts_as_svg(demo):
    dossier = b.new_dossier()
    b.to_commune_decision(dossier)
    b.fire("xa.a.chutich", dossier, "approve", **b.decision_payload())
    page = text(browser("huyen.thanhtra").get("/dashboard/"))
    assert "<svg" in page and "Hồ sơ theo trạng thái" in page and "Giấy khen của Chủ tịch UBND xã" in page
    assert "Tổng số hồ sơ bạn được xem: 1" in text(browser("xa.a.canbo").get("/dashboard/"))
    assert "Tổng số hồ sơ bạn được xem: 0" in text(browser("xa.b.canbo").get("/dashboard/"))


def test_a_user_with_two_roles_chooses_one_and_every_page_says_which(demo, admin):
    user = get_user_model().objects.get(username="xa.a.canbo")
    membership_grant(by=admin, user=user, role="village_head", unit=Unit.objects.get(code="GL-MY-DD-02"))
    client = browser("xa.a.canbo")
    response = client.get("/inbox/")
    assert response.status_code == 302 and response["Location"].startswith("/role/")
    choice = user.memberships.get(role="village_head")
    page = client.post("/role/", {"membership": choice.pk, "next": "/dossiers/"}, follow=True)
    assert "Trưởng thôn – Làng Dơ Nâu" in text(page)
    assert client.get("/dossiers/new/").status_code == 200
    dossier = b.new_dossier(head="truongthon.a2", village="GL-MY-DD-02")
    client.post(f"/dossiers/{dossier.pk}/actions/submit/", {"submit-transition": "submit"})
    event = dossier.events.get(action="submit")
    assert (event.actor, event.role) == (user, "village_head")


def test_login_page_in_vietnamese_and_a_wrong_password_is_explained(demo):
    client = Client()
    assert "Đăng nhập" in text(client.get("/accounts/login/"))
    wrong = client.post("/accounts/login/", {"username": "xa.a.canbo", "password": "sai"})
    assert wrong.status_code == 200 and "errorlist" in text(wrong)
    right = client.post("/accounts/login/", {"username": "xa.a.canbo", "password": "demo12345"})
    assert right.status_code == 302
    assert client.get("/").status_code == 200


def test_the_login_page_leads_a_citizen_to_the_pages_that_need_no_account(demo):
    client = Client()
    page = text(client.get("/accounts/login/"))
    for path in ("/dossiers/lookup/", "/cong-khai/", "/decisions/verify/"):
        assert f'href="{path}"' in page
        assert client.get(path).status_code == 200


def test_english_is_one_click_away(demo):
    client = browser("xa.a.canbo")
    client.post("/i18n/setlang/", {"language": "en", "next": "/dossiers/"})
    b.new_dossier()
    page = text(client.get("/dossiers/"))
    assert 'lang="en"' in page and "Find dossiers" in page and "Draft" in page
    client.post("/i18n/setlang/", {"language": "vi", "next": "/dossiers/"})
    assert "Tra cứu hồ sơ" in text(client.get("/dossiers/"))
