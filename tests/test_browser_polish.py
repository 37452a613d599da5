"""In a real browser: the dossier form states its limits and keeps a too-long name whole (refused with a
message, never cut), and a page loads with its icon and no 404 in the console."""

import pytest

from dossiers.models import Dossier

from .browser import PHONE, Session, chromium, needs_chromium, server  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]


def help_of(page, field_id):
    return page.locator(f"#{field_id} ~ .helptext").first


def test_the_dossier_form_states_its_limits_and_keeps_a_long_name_whole(chromium, server):  # noqa: F811
    head = Session(chromium, server, "truongthon.a1", viewport=PHONE)
    head.go("/dossiers/new/")
    page = head.page
    assert "Tối đa 300 ký tự." in help_of(page, "id_title").inner_text()
    assert help_of(page, "id_n-0-nominee_name").inner_text() == "Tối đa 300 ký tự."
    assert help_of(page, "id_n-0-achievement_summary").is_visible()
    assert "Tối đa 2000 ký tự." in help_of(page, "id_n-0-achievement_summary").inner_text()
    head.shot("polish-01-gioi-han-tren-bieu-mau")
    page.fill("#id_title", "Đề nghị khen thưởng tổng kết 2021–2025")
    page.select_option("#id_round", label="Tổng kết 2021–2025")
    page.select_option("#id_n-0-nominee_kind", "household")
    page.select_option("#id_n-0-award_form", label="Giấy khen của Chủ tịch UBND xã")
    name = ", ".join(["Hộ ông Nguyễn Văn Đức"] * 14)  # 320 characters, as if pasted from another document
    page.focus("#id_n-0-nominee_name")
    page.keyboard.insert_text(name)  # what a paste does: a maxlength attribute would cut it silently
    assert len(page.input_value("#id_n-0-nominee_name")) == len(name)
    page.click("button.big[type=submit]")
    page.wait_for_load_state()
    assert "dài 320 ký tự, vượt giới hạn 300 ký tự" in head.text()
    assert page.input_value("#id_n-0-nominee_name") == name  # kept, to be shortened
    head.shot("polish-02-ten-qua-dai")
    assert not Dossier.objects.exists()
    head.close()


def test_the_inbox_loads_with_its_icon_and_no_404_in_the_console(chromium, server):  # noqa: F811
    officer = Session(chromium, server, "xa.a.canbo")
    missing, console = [], []
    officer.page.on("response", lambda r: r.status == 404 and missing.append(r.url))
    officer.page.on("console", lambda m: m.type == "error" and console.append(m.text))
    officer.go("/inbox/")
    icon = officer.page.evaluate("document.querySelector('link[rel=icon]').href")
    # The icon the page names, and /favicon.ico that a browser asks for on its own, as the browser fetches them.
    for url in (icon, f"{server}/favicon.ico"):
        fetched = officer.page.evaluate(
            "async url => { const r = await fetch(url); return [r.status, r.headers.get('content-type')]; }",
            url,
        )
        assert fetched[0] == 200 and fetched[1].startswith("image/svg+xml"), (url, fetched)
    assert missing == [] and not [m for m in console if "404" in m], (missing, console)
    officer.close()
