"""Playwright driving Debian's Chromium (/usr/bin/chromium); no browser is downloaded."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).parent / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

needs_chromium = pytest.mark.skipif(
    not shutil.which(CHROMIUM), reason="Debian's chromium is not installed (apt-get install chromium)"
)


@pytest.fixture
def server(live_server, demo):
    """The live service over the demo world (tests/conftest.py): the address the sessions open."""
    return live_server.url


@pytest.fixture(scope="module")
def chromium():
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class Session:
    """One official in their own browser context."""

    def __init__(self, chromium, server, username, viewport=DESKTOP):
        self.context = chromium.new_context(viewport=viewport, locale="vi-VN")
        self.page = self.context.new_page()
        self.server, self.username = server, username
        self.page.goto(f"{server}/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", "demo12345")
        self.page.click("button[type=submit]")
        self.page.wait_for_load_state()

    def go(self, path):
        response = self.page.goto(f"{self.server}{path}")
        self.page.wait_for_load_state()
        return response

    def shot(self, name):
        SHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def act(self, name, fill=None, check=(), select=None, confirm=True):
        """Open an action's panel on the dossier page, fill it and send it; an irreversible step's question
        (pages.js) is answered yes, or no with ``confirm=False``."""
        panel = self.page.locator(f"details[data-action={name}]")
        if not panel.evaluate("element => element.open"):  # a refused action comes back already open
            panel.locator("summary").click()
        for selector, value in (fill or {}).items():
            panel.locator(selector).fill(str(value))
        for selector in check:
            for box in panel.locator(selector).all():
                box.check()
        for selector, value in (select or {}).items():
            panel.locator(selector).select_option(value)
        button = panel.locator("button[type=submit]")
        if button.get_attribute("data-confirm"):
            self.page.once("dialog", lambda dialog: dialog.accept() if confirm else dialog.dismiss())
        button.click()
        self.page.wait_for_load_state()

    def upload(self, kind, path):
        panel = self.page.locator("details.action", has_text="Thêm tài liệu")
        panel.locator("summary").click()
        panel.locator("select[name=kind]").select_option(kind)
        panel.locator("input[type=file]").set_input_files(str(path))
        panel.locator("button[type=submit]").click()
        self.page.wait_for_load_state()

    def text(self):
        return self.page.inner_text("body")

    def close(self):
        self.context.close()
