"""Small things every page has: an icon (no 404 in the log for /favicon.ico), counts that read right in
English ("1 item", "2 items"), and Vietnamese where Django would speak English on the dossier form."""

import html

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import loader

from . import builders as b
from .pages import browser, text

ICON = "/static/workflows/favicon.svg"


def test_favicon_ico_leads_to_the_sites_icon(db):
    from django.test import Client

    response = Client().get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == ICON
    found = finders.find("workflows/favicon.svg")
    assert found and open(found, encoding="utf-8").read().startswith("<svg")


def test_every_page_layout_names_its_icon(demo):
    link = f'<link rel="icon" href="{ICON}" type="image/svg+xml">'
    assert link in text(browser("xa.a.canbo").get("/inbox/"))  # base.html
    assert link in loader.render_to_string("500.html")  # errors/layout.html, drawn without a request


def pager(client):
    found = html.unescape(text(client.get("/dossiers/")))
    start = found.index('<nav class="pager"')
    return found[start : found.index("</nav>", start)]


def test_the_pager_counts_one_item_and_two_items_in_english(demo):
    b.new_dossier()
    head = browser("truongthon.a1")
    head.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Page 1/1 · 1 item<" in pager(head)
    b.new_dossier()
    assert "Page 1/1 · 2 items<" in pager(head)


def test_the_pager_counts_in_vietnamese_by_default(demo):
    b.new_dossier()
    assert "Trang 1/1 · 1 mục" in pager(browser("truongthon.a1"))


def test_a_dossier_form_without_any_nomination_says_so_in_vietnamese(open_round):
    data = {
        "title": "Đề nghị khen thưởng năm 2025",
        "round": open_round.pk,
        "n-TOTAL_FORMS": 1,
        "n-INITIAL_FORMS": 0,
        "n-MIN_NUM_FORMS": 1,
        "n-MAX_NUM_FORMS": 1000,
    }
    page = html.unescape(text(browser("truongthon.a1").post("/dossiers/new/", data)))
    assert "Hồ sơ cần ít nhất một người hoặc tập thể được đề nghị" in page
    assert "Please submit" not in page


def test_a_dossier_form_with_too_many_rows_says_so_in_vietnamese(open_round):
    data = {"title": "Đề nghị", "round": open_round.pk, "n-TOTAL_FORMS": 2001, "n-INITIAL_FORMS": 0}
    page = html.unescape(text(browser("truongthon.a1").post("/dossiers/new/", data)))
    assert "Một hồ sơ có tối đa 200 đề nghị" in page and "Please submit" not in page
