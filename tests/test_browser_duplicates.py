"""The appraiser meets a duplicate flag on the dossier page and records a decision on it, in a real browser."""

import pytest

from .browser import Session, chromium, needs_chromium, server  # noqa: F401 (fixtures)
from .test_duplicates import REASON, flagged_in_appraisal

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]


def test_the_appraiser_decides_on_a_duplicate_flag_on_the_page(chromium, server):  # noqa: F811
    dossier = flagged_in_appraisal()
    appraiser = Session(chromium, server, "huyen.noivu")
    appraiser.go(f"/dossiers/{dossier.pk}/")
    flag = appraiser.page.locator("[data-testid=flag-duplicate]")
    assert "Trùng đề nghị trong cùng đợt" in flag.inner_text()
    flag.locator("select[name=verdict]").select_option("withdrawn")
    flag.locator("input[name=reason]").fill(REASON)
    flag.locator("button[type=submit]").click()
    appraiser.page.wait_for_load_state()
    decided = appraiser.page.locator("[data-testid=flag-decision]").inner_text()
    assert "Rút đề nghị" in decided and REASON in decided
    appraiser.shot("18-canh-bao-trung")
    appraiser.go(f"/dossiers/{dossier.pk}/history/")
    assert "Quyết định về cảnh báo trùng hoặc khen lại" in appraiser.page.inner_text("body")
