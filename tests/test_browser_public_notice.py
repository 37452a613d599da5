"""The public notice in a real browser: the commune's officer posts the list, a citizen comments from a phone
without an account, and the comment is before the council's chair at the vote and on the officer's page."""

import pytest
from django.core.cache import cache

from publicity.models import PublicComment

from . import two_tier as t
from .browser import PHONE, SHOTS, Session, chromium, needs_chromium, server  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]
COMMENT = "Gia đình bà Lan đã giúp 3 hộ nghèo trong thôn vay vốn, tôi đồng ý đề nghị."


def test_a_citizen_comments_from_a_phone_and_the_council_sees_it(chromium, server):  # noqa: F811
    cache.clear()
    dossier = t.to_council(t.new_two_tier_dossier())
    officer = Session(chromium, server, t.OFFICER)
    officer.go("/dossiers/")
    officer.page.click("[data-testid=public-notice-manage-link]")
    officer.page.wait_for_load_state()
    panel = officer.page.locator("details[data-action=open-notice]")
    panel.locator("summary").click()
    panel.locator("button[type=submit]").click()
    officer.page.wait_for_load_state()
    assert "Đã niêm yết công khai" in officer.text()

    citizen = chromium.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True)
    page = citizen.new_page()
    page.goto(f"{server}/cong-khai/")
    page.fill("#q", "mang yang")
    page.click("form[role=search] button[type=submit]")
    page.click("text=Xã Mang Yang")
    page.wait_for_load_state()
    assert "Hộ bà Đinh Thị Lan 1" in page.inner_text("body")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    page.click("text=Góp ý về đề nghị này")
    page.wait_for_load_state()
    # The e-mail field is styled like the others: full width and a finger-sized height on a phone.
    for field in ("#id_commenter_name", "#id_email"):
        box = page.locator(field).bounding_box()
        assert box["height"] >= 44 and box["width"] >= PHONE["width"] - 60, field
    page.fill("#id_commenter_name", "Rơ Châm Hiền")
    page.fill("#id_phone", "09123")
    page.fill("#id_text", COMMENT)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "Số điện thoại không hợp lệ" in page.inner_text("body")
    assert page.input_value("#id_text") == COMMENT  # nothing typed is lost
    page.fill("#id_phone", "0912 345 678")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "Cán bộ xét hồ sơ sẽ xem góp ý trước khi Hội đồng họp xét" in page.inner_text("body")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "18-niem-yet-dien-thoai.png"), full_page=True)
    citizen.close()
    assert PublicComment.objects.get().phone == "0912345678"

    officer.go(f"/dossiers/{dossier.pk}/")
    assert COMMENT in officer.page.inner_text("[data-testid=public-notice-panel]")
    chair = Session(chromium, server, t.CHAIR)
    chair.go(f"/dossiers/{dossier.pk}/")
    step = chair.page.locator("details[data-action=council_vote]")
    step.locator("summary").click()
    assert COMMENT in step.locator("[data-testid=step-public-comments]").inner_text()
    assert "Hội đồng nên họp xét sau khi hết thời gian niêm yết" in step.inner_text()
    chair.shot("18-niem-yet-hoi-dong")
    officer.close()
    chair.close()
