"""The inspector in a real browser: lands on the audit log, finds a person typed without diacritics, and
reads the dashboard's chart labels whole at phone width."""

import pytest

from . import builders as b
from .browser import DESKTOP, Session, chromium, needs_chromium, server  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]

PHONE_390 = {"width": 390, "height": 844}

# Every chart label's font size as drawn on the screen (its CSS size times the scale of its chart: a chart
# shrunk to a phone's width shrinks its text too), and whether it lies inside its chart (not clipped).
MEASURE_LABELS = """() => [...document.querySelectorAll("svg.bars text:not(.value)")].map(label => {
    const chart = label.ownerSVGElement.getBoundingClientRect(), box = label.getBoundingClientRect();
    return {
        text: label.textContent,
        size: parseFloat(getComputedStyle(label).fontSize) * label.getScreenCTM().a,
        height: box.height,
        inside: box.left >= chart.left - 0.5 && box.right <= chart.right + 0.5,
    };
})"""


def history_to_search_and_chart():
    returned = b.new_dossier()
    b.to_submitted(returned)
    b.fire("xa.a.canbo", returned, "return_to_village", comment="Thiếu xác nhận của trưởng thôn")
    commune = b.new_dossier(award_forms=("giay_khen_xa",))
    b.to_commune_decision(commune)
    b.fire("xa.a.chutich", commune, "approve", **b.decision_payload())
    b.to_forwarded(b.new_dossier(award_forms=("giay_khen_huyen",)))
    return returned


def test_the_inspector_lands_on_the_audit_log_and_finds_a_name_typed_without_diacritics(
    chromium,  # noqa: F811
    server,  # noqa: F811 (fixture)
):
    returned = history_to_search_and_chart()
    inspector = Session(chromium, server, "huyen.thanhtra")
    assert inspector.page.url == f"{server}/audit/", inspector.page.url
    assert "Nhật ký xử lý" in inspector.text() and "Nhận việc" not in inspector.text()

    inspector.page.fill("#id_actor", "nguyen thi lan")
    inspector.page.click("form.filters button[type=submit]")
    inspector.page.wait_for_load_state()
    events = inspector.page.inner_text("[data-testid=audit]")
    assert returned.code in events and "Trả lại thôn" in events and "Nguyễn Thị Lan" in events
    assert "Đinh Văn Hlơm" not in events
    inspector.shot("inspector-01-nhat-ky-tim-khong-dau")

    inspector.page.fill("#id_date_from", "31/02/2026")
    inspector.page.click("form.filters button[type=submit]")
    inspector.page.wait_for_load_state()
    assert "Nhập ngày theo dạng dd/mm/yyyy" in inspector.text()
    assert "Trả lại thôn" in inspector.page.inner_text("[data-testid=audit]")  # the name filter still holds
    inspector.shot("inspector-02-nhat-ky-ngay-sai")
    inspector.close()


@pytest.mark.parametrize("viewport", [PHONE_390, DESKTOP], ids=["phone", "desktop"])
def test_the_dashboards_chart_labels_are_read_whole_at_12_px_or_more(chromium, server, viewport):  # noqa: F811
    history_to_search_and_chart()
    inspector = Session(chromium, server, "huyen.thanhtra", viewport=viewport)
    inspector.go("/dashboard/")
    inspector.page.evaluate("document.fonts.ready")
    labels = inspector.page.evaluate(MEASURE_LABELS)
    inspector.shot(f"inspector-03-thong-ke-{'dien-thoai' if viewport is PHONE_390 else 'may-tinh'}")

    texts = [label["text"] for label in labels]
    assert "Giấy khen của Chủ tịch UBND xã" in texts and "Giấy khen của Chủ tịch UBND huyện" in texts
    for label in labels:
        assert label["size"] >= 12 and label["height"] >= 12, label
        assert label["inside"], label
    inspector.close()
