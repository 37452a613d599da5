"""A citizen holding a decision PDF checks it on the public page, in a real browser and without an account."""

import threading

import pytest
from django.db import connections

from .browser import chromium, needs_chromium, server  # noqa: F401 (fixtures)
from .test_signed_decisions import ca, decision, download, keys  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]


def _downloaded(issued) -> bytes:
    """The chair's first download signs the decision. pyHanko runs its own event loop, which cannot start in
    this thread while Playwright's loop runs here, so the download runs in a thread of its own (as a request
    does in a real server)."""
    got = []

    def fetch():
        try:
            got.append(download(issued).content)
        finally:
            connections.close_all()  # this thread's own connection, or PostgreSQL cannot drop the test database

    worker = threading.Thread(target=fetch)
    worker.start()
    worker.join()
    return got[0]


def test_anyone_checks_a_signed_decision_on_the_public_page(chromium, server, decision, keys, tmp_path):  # noqa: F811
    signed = tmp_path / "quyet-dinh.pdf"
    signed.write_bytes(_downloaded(decision))
    forged = tmp_path / "quyet-dinh-sua.pdf"
    content = bytearray(signed.read_bytes())
    content[len(content) // 2] ^= 0x01
    forged.write_bytes(bytes(content))
    context = chromium.new_context(locale="vi-VN")
    page = context.new_page()
    for path, expected in ((signed, "Quyết định hợp lệ"), (forged, "Không xác thực được quyết định")):
        page.goto(f"{server}/decisions/verify/")
        page.set_input_files("input[type=file]", str(path))
        page.click("button[type=submit]")
        page.wait_for_load_state()
        body = page.inner_text("body")
        assert expected in body, body[:1500]
    context.close()
