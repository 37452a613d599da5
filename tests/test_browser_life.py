"""A whole dossier life in a real browser, as the demo officials would live it."""

import pytest

from dossiers.models import Dossier

from .browser import PHONE, Session, chromium, needs_chromium, server  # noqa: F401 (fixtures)
from .builders import TODAY, user_id
from .files import tiny_pdf

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "bao-cao-thanh-tich.pdf"
    path.write_bytes(tiny_pdf())
    return path


def create_dossier(head, report):
    head.go("/dossiers/new/")
    head.shot("01-tao-ho-so-dien-thoai")
    page = head.page
    page.fill("#id_title", "Đề nghị khen thưởng tổng kết 2021–2025")
    page.select_option("#id_round", label="Tổng kết 2021–2025")
    for index, (kind, name) in enumerate(
        [("household", "Hộ ông Nguyễn Văn Đức"), ("individual", "Bà Rơ Châm H'Lan")]
    ):
        page.select_option(f"#id_n-{index}-nominee_kind", kind)
        page.fill(f"#id_n-{index}-nominee_name", name)
        page.select_option(f"#id_n-{index}-award_form", label="Giấy khen của Chủ tịch UBND huyện")
        page.fill(f"#id_n-{index}-achievement_summary", "Thoát nghèo bền vững, giúp 5 hộ khác có việc làm")
        page.set_input_files(f"#id_n-{index}-report", str(report))
        if index == 0:
            page.click("#add-nomination")
    page.click("button.big[type=submit]")
    page.wait_for_load_state()
    assert "Đã lưu hồ sơ" in head.text(), head.text()[:2000]
    return Dossier.objects.get()


def test_a_dossier_lives_from_the_village_to_the_chairs_decision(chromium, server, report):  # noqa: F811
    head = Session(chromium, server, "truongthon.a1", viewport=PHONE)
    dossier = create_dossier(head, report)
    head.shot("02-ho-so-nhap-dien-thoai")
    head.act("submit")
    assert "Đã thực hiện “Gửi hồ sơ lên xã”" in head.text()

    officer = Session(chromium, server, "xa.a.canbo")
    officer.go("/inbox/?tab=unit&q=nguyen+van+duc")
    assert dossier.code in officer.text()
    officer.shot("03-viec-can-xu-ly")
    officer.go(f"/dossiers/{dossier.pk}/")
    officer.act("return_to_village", fill={"textarea": ""})
    assert "Vui lòng ghi lý do" in officer.text()
    officer.act("return_to_village", fill={"textarea": "Thiếu xác nhận của trưởng thôn trong báo cáo"})
    assert "Thôn lập / sửa hồ sơ" in officer.text()

    head.go(f"/dossiers/{dossier.pk}/edit/")
    head.page.fill("#id_title", "Đề nghị khen thưởng tổng kết 2021–2025 (đã bổ sung)")
    head.page.click("button.big[type=submit]")
    head.page.wait_for_load_state()
    head.act("submit")

    officer.go(f"/dossiers/{dossier.pk}/")
    officer.upload("to_trinh", report)
    officer.upload("bien_ban", report)
    chair = Session(chromium, server, "xa.a.chutich")
    chair.go(f"/dossiers/{dossier.pk}/")
    votes = {f"input[name$=votes_{n.pk}]": 6 for n in dossier.nominations.all()}
    chair.act(
        "commune_approve",
        fill={
            "input[name$=held_on]": TODAY.strftime("%d/%m/%Y"),
            "input[name$=members_total]": 7,
            "input[name$=members_present]": 6,
            **votes,
        },
        check=["input[name*=approved_]"],
    )
    assert "Phòng LĐ-TB&XH tổng hợp" in chair.text(), chair.text()[:3000]

    labour = Session(chromium, server, "huyen.ldtbxh")
    labour.go(f"/dossiers/{dossier.pk}/")
    labour.act("compile")
    appraiser = Session(chromium, server, "huyen.noivu")
    appraiser.go(f"/dossiers/{dossier.pk}/")
    appraiser.act("appraise", check=["input[name*=eligible_]", "input[name*=criteria_]"])
    appraiser.shot("04-tham-dinh")

    district_chair = Session(chromium, server, "huyen.chutich")
    district_chair.go("/inbox/?tab=unit")
    district_chair.shot("05-chu-tich-huyen")
    district_chair.go(f"/dossiers/{dossier.pk}/")
    district_chair.act(
        "approve",
        fill={
            "input[name$=decision_number]": "123/QĐ-UBND",
            "input[name$=decision_date]": TODAY.strftime("%d/%m/%Y"),
        },
        select={"select[name$=signer]": str(user_id("huyen.phochutich"))},
    )
    assert "Đã quyết định" in district_chair.text()
    district_chair.shot("06-ho-so-da-quyet-dinh")
    # The vice-chair chosen signs: the decisions list names her with the titles the PDF prints.
    district_chair.go("/decisions/")
    signer_line = district_chair.page.locator("[data-testid=signer]").first.inner_text()
    assert signer_line == "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH Trương Thị Ngọc Ánh", signer_line
    district_chair.shot("06b-quyet-dinh-pho-chu-tich-ky")
    dossier.refresh_from_db()
    assert dossier.status == "decided"

    head.go(f"/dossiers/{dossier.pk}/history/")
    head.shot("07-lich-su")
    history = head.text()
    for step in (
        "Tạo hồ sơ",
        "Trả lại thôn",
        "Thiếu xác nhận của trưởng thôn",
        "Xã duyệt (họp xét)",
        "Tổng hợp, chuyển Phòng Nội vụ",
        "Hoàn thành thẩm định",
        "Phê duyệt, ban hành quyết định",
    ):
        assert step in history, step

    stranger = Session(chromium, server, "xa.b.canbo")
    assert stranger.go(f"/dossiers/{dossier.pk}/").status == 404
    stranger.go("/dossiers/")
    assert dossier.code not in stranger.text()
    for session in (head, officer, chair, labour, appraiser, district_chair, stranger):
        session.close()
