"""Delegation in a real browser: the commune chair lends the role to the vice-chair before leave; the vice-chair
chooses to act for the chair, takes up a dossier in the council's queue, and its history says for whom."""

import pytest
from django.utils import timezone

from . import builders as b
from .browser import PHONE, Session, chromium, needs_chromium, server  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]


def test_the_vice_chair_acts_for_the_chair_on_leave_and_the_history_says_so(chromium, server):  # noqa: F811
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    today = timezone.localdate()
    chair = Session(chromium, server, "xa.a.chutich", viewport=PHONE)
    chair.go("/delegations/")
    form = chair.page.locator("[data-testid=delegation-form]")
    form.locator("select[name=membership]").select_option(
        label="Chủ tịch UBND xã – Xã Đak Djrăng (Trần Văn Đức)"
    )
    form.locator("select[name=delegate]").select_option(label="Y Blim Niê – Phó Chủ tịch UBND xã")
    form.locator("input[name=ends_on]").fill((today + b.ONE_DAY * 5).strftime("%d/%m/%Y"))
    form.locator("textarea[name=reason]").fill("Nghỉ phép năm")
    form.locator("button[type=submit]").click()
    chair.page.wait_for_load_state()
    row = chair.page.locator("[data-testid=delegations] tbody tr").first
    assert "Y Blim Niê" in row.inner_text() and "Đang có hiệu lực" in row.inner_text()
    chair.shot("18-uy-quyen-chu-tich")

    deputy = Session(chromium, server, "xa.a.phochutich", viewport=PHONE)
    assert "thay mặt Trần Văn Đức" in deputy.text()  # the role chooser: two roles, one lent
    deputy.page.locator("label", has_text="thay mặt").click()
    deputy.page.locator("button.big").click()
    deputy.page.wait_for_load_state()
    assert "thay mặt Trần Văn Đức" in deputy.page.locator("[data-testid=acting]").inner_text()
    deputy.go(f"/dossiers/{dossier.pk}/")
    deputy.page.locator("[data-testid=claim] button[type=submit]").click()
    deputy.page.wait_for_load_state()
    deputy.go(f"/dossiers/{dossier.pk}/history/")
    assert "Y Blim Niê, thay mặt Trần Văn Đức (ủy quyền từ" in deputy.text()
    deputy.shot("18-uy-quyen-lich-su")
    chair.close()
    deputy.close()
