"""The village head prints a dossier's receipt on a phone, then anyone holding it looks the dossier up, without
an account, in a real browser on a 360-px screen."""

import pytest

from dossiers.lookup_keys import grouped

from . import builders as b
from .browser import PHONE, SHOTS, Session, chromium, needs_chromium, server  # noqa: F401 (fixtures)
from .test_documents import pdf_text

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]


def fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_village_head_prints_the_receipt_and_anyone_looks_the_dossier_up(chromium, server):  # noqa: F811
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    head = Session(chromium, server, "truongthon.a1", viewport=PHONE)
    head.go(f"/dossiers/{dossier.pk}/")
    shown = head.page.locator("[data-testid=lookup-key]").inner_text()
    assert shown == grouped(dossier.lookup_key)
    head.shot("18-ma-tra-cuu-tren-ho-so")
    link = head.page.locator("[data-testid=receipt] a", has_text="In giấy biên nhận hồ sơ")
    receipt = head.context.request.get(f"{server}{link.get_attribute('href')}")  # the session's cookies
    assert receipt.headers["content-type"] == "application/pdf"
    assert shown in pdf_text(receipt.body())[1]
    head.close()

    visitor = chromium.new_context(viewport=PHONE, locale="vi-VN")
    page = visitor.new_page()
    page.goto(f"{server}/dossiers/lookup/?code={dossier.code}")
    assert page.input_value("#id_code") == dossier.code  # the receipt's QR code fills in the code
    page.fill("#id_key", shown.lower().replace("-", " "))
    page.click("button[type=submit]")
    page.wait_for_load_state()
    result = page.locator("[data-testid=lookup-result]").inner_text()
    assert dossier.code in result and "Đã gửi xã" in result and "chưa có kết quả" in result
    assert "Nguyễn Văn Đức" not in page.inner_text("body")
    assert fits_the_phone(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "18-tra-cuu-ho-so.png"), full_page=True)

    page.fill("#id_key", "2222-2222-22" if dossier.lookup_key != "2" * 10 else "3333-3333-33")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "Không tìm thấy hồ sơ" in page.locator("[data-testid=lookup-error]").inner_text()
    assert page.locator("[data-testid=lookup-result]").count() == 0
    visitor.close()
