"""The dossier pages in a real browser: the edit page of a returned dossier (its reason, current reports,
replacing one, removing a nominee after the question), a decided dossier's decision and certificates, and the
question before sending a dossier to the commune."""

import pytest

from dossiers.models import Dossier

from . import builders as b
from .browser import PHONE, Session, chromium, needs_chromium, server  # noqa: F401 (fixtures)
from .files import tiny_pdf

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def new_report(tmp_path):
    path = tmp_path / "bao-cao-moi.pdf"
    path.write_bytes(tiny_pdf())
    return path


def current_files(page, index):
    return page.locator(f"fieldset.nomination:has(#id_n-{index}-id) [data-testid=current-file] a")


def test_the_returned_dossiers_edit_page_shows_why_and_what_is_there_and_changes_it_safely(
    chromium,  # noqa: F811
    server,  # noqa: F811 (fixture)
    new_report,
):
    dossier = b.new_dossier(award_forms=("giay_khen_xa", "giay_khen_xa"))
    b.to_submitted(dossier)
    b.fire("xa.a.canbo", dossier, "return_to_village", comment="Báo cáo thiếu chữ ký của trưởng thôn")
    head = Session(chromium, server, "truongthon.a1", viewport=PHONE)
    head.go(f"/dossiers/{dossier.pk}/edit/")
    reason = head.page.locator("[data-testid=sent-back]").inner_text()
    assert "Báo cáo thiếu chữ ký của trưởng thôn" in reason and "Nguyễn Thị Lan" in reason, reason
    assert current_files(head.page, 0).all_inner_texts() == ["bao-cao.pdf"]
    assert current_files(head.page, 1).all_inner_texts() == ["bao-cao.pdf"]
    head.shot("10-sua-ho-so-bi-tra-lai")

    head.page.set_input_files("#id_n-0-report", str(new_report))
    head.page.click("button.big[type=submit]")
    head.page.wait_for_load_state()
    assert "Đã lưu hồ sơ" in head.text()
    head.go(f"/dossiers/{dossier.pk}/edit/")
    assert current_files(head.page, 0).all_inner_texts() == ["bao-cao-moi.pdf"]  # once: the old one replaced

    remove = head.page.locator("#id_n-1-DELETE")
    assert "Bỏ đề nghị này (xoá “Hộ ông Nguyễn Văn Đức 2” khỏi hồ sơ)" in head.text()
    questions = []
    head.page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    remove.click()
    assert not remove.is_checked() and "Bỏ đề nghị “Hộ ông Nguyễn Văn Đức 2” khỏi hồ sơ?" in questions[0]
    head.page.once("dialog", lambda dialog: dialog.accept())
    remove.click()
    assert remove.is_checked()
    head.shot("11-bo-de-nghi")
    head.page.click("button.big[type=submit]")
    head.page.wait_for_load_state()
    assert "Đã lưu hồ sơ" in head.text()
    assert [n.nominee_name for n in dossier.nominations.all()] == ["Hộ ông Nguyễn Văn Đức 1"]
    head.shot("12-ho-so-sau-khi-sua")
    head.close()


def test_a_decided_dossier_opens_its_decision_and_certificates(chromium, server):  # noqa: F811
    dossier = b.new_dossier()
    b.to_commune_decision(dossier)
    b.fire("xa.a.chutich", dossier, "approve", **b.decision_payload("7/QĐ-UBND"))
    head = Session(chromium, server, "truongthon.a1")
    head.go(f"/dossiers/{dossier.pk}/")
    head.shot("13-ho-so-co-quyet-dinh")
    for link in ("Xem quyết định (PDF)", "Xem giấy khen (PDF)"):
        with head.page.expect_response(lambda response: "/decisions/" in response.url) as answer:
            head.page.get_by_role("link", name=link).click()
        response = answer.value
        assert response.status == 200 and response.headers["content-type"] == "application/pdf", link
        head.go(f"/dossiers/{dossier.pk}/")
    head.close()


def test_sending_to_the_commune_asks_first_and_no_keeps_the_draft(chromium, server):  # noqa: F811
    dossier = b.new_dossier()
    head = Session(chromium, server, "truongthon.a1", viewport=PHONE)
    head.go(f"/dossiers/{dossier.pk}/")
    questions = []
    head.page.on("dialog", lambda dialog: questions.append(dialog.message))
    head.act("submit", confirm=False)
    assert Dossier.objects.get(pk=dossier.pk).status == "draft"
    assert questions and questions[0].startswith(f"Gửi hồ sơ {dossier.code} lên xã?"), questions
    head.shot("14-hoi-truoc-khi-gui")
    head.act("submit")
    assert Dossier.objects.get(pk=dossier.pk).status == "submitted"
    assert f"cho hồ sơ {dossier.code}; hồ sơ chuyển sang bước “Xã xét duyệt”." in head.text()
    head.close()
