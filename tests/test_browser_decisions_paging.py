"""A chair reads a large decision on a 360-px phone: the list shows its first awardees and how many more,
the decision's own page pages through all of them, and neither scrolls sideways."""

import pytest

from web.pages import decisions as view

from . import builders as b
from .browser import PHONE, Session, chromium, needs_chromium, server  # noqa: F401 (fixtures)
from .test_decisions_paging import (
    A_NAMES,
    B_NAMES,
    NUMBER,
    awaiting_in_commune_a,
    awaiting_in_commune_b,
    issue,
)

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_chair_on_a_phone_reads_a_large_decision_page_by_page(chromium, server, monkeypatch):  # noqa: F811
    monkeypatch.setattr(view, "AWARDEES_PER_PAGE", 8)
    issue(NUMBER, [awaiting_in_commune_a(A_NAMES), awaiting_in_commune_b(B_NAMES)])
    chair = Session(chromium, server, "huyen.chutich", viewport=PHONE)
    page = chair.page
    chair.go("/decisions/")
    heading = page.locator("[data-testid=decision] h2").inner_text()
    assert heading == f"Quyết định số {NUMBER} ngày {b.TODAY:%d/%m/%Y}", heading
    assert page.locator("[data-testid=awardee]").count() == 10
    assert "14 người / tập thể được khen thưởng" in chair.text() and fits(page)
    assert "Và 4 người / tập thể khác." in page.locator("[data-testid=more-awardees]").inner_text()
    chair.shot("quyet-dinh-nhieu-nguoi-dien-thoai")

    page.click("text=Xem cả danh sách khen thưởng của quyết định")
    page.wait_for_load_state()
    seen = page.locator("[data-testid=awardee] td:first-child").all_inner_texts()
    assert "Trang 1/2" in chair.text() and fits(page)
    chair.shot("quyet-dinh-danh-sach-dien-thoai")
    page.click("text=Sau ›")
    page.wait_for_load_state()
    seen += page.locator("[data-testid=awardee] td:first-child").all_inner_texts()
    assert seen == A_NAMES + B_NAMES and fits(page)
    chair.close()
