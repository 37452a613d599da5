"""The hand-off inside the commune in a real browser: the officer claims from the dossier page, the chair sees
who holds it (never under "chưa ai nhận"), and the officer's done tab keeps it once the chair has acted."""

import pytest

from . import builders as b
from .browser import Session, chromium, needs_chromium, server  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]


def test_the_officer_claims_from_the_dossier_page_and_the_chair_sees_who_holds_it(chromium, server):  # noqa: F811
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    officer = Session(chromium, server, "xa.a.canbo")
    officer.go(f"/dossiers/{dossier.pk}/")
    officer.page.locator("[data-testid=claim] button[type=submit]").click()
    officer.page.wait_for_load_state()
    assert f"Bạn đã nhận xử lý hồ sơ {dossier.code}" in officer.text()
    assert "cán bộ Nguyễn Thị Lan đang xử lý" in officer.text()
    officer.shot("claim-01-can-bo-nhan-tu-trang-ho-so")

    chair = Session(chromium, server, "xa.a.chutich")
    chair.go("/inbox/?tab=unit")
    assert dossier.code not in chair.text()
    chair.go("/inbox/?tab=held")
    row = chair.page.locator("[data-testid=inbox] tbody tr", has_text=dossier.code)
    assert "Đang do Nguyễn Thị Lan" in row.inner_text()
    chair.shot("claim-02-chu-tich-thay-nguoi-dang-xu-ly")

    b.commune_documents(dossier)
    b.fire("xa.a.chutich", dossier, "commune_approve", **b.commune_approve_payload(dossier))
    officer.go("/inbox/?tab=done")
    row = officer.page.locator("[data-testid=inbox] tbody tr", has_text=dossier.code)
    assert "Đã xử lý: Xã duyệt (họp xét) — Trần Văn Đức" in row.inner_text()
    assert "Đang do" not in officer.text()
    officer.shot("claim-03-can-bo-da-xu-ly")
    officer.close()
    chair.close()
