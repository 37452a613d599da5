"""The dashboard's charts: labels read whole, the level of an award form included."""

import re

from web.pages.dashboard import LABEL_CHARS, bars

from . import builders as b
from .pages import browser, text


def svg_labels(page):
    """The label lines drawn in the charts (not the hidden table beside each one)."""
    return re.findall(r'<text class="label"[^>]*>([^<]*)</text>', page)


def test_award_form_labels_are_drawn_whole_so_the_level_tells_them_apart(demo):
    commune = b.new_dossier(award_forms=("giay_khen_xa",))
    b.to_commune_decision(commune)
    b.fire("xa.a.chutich", commune, "approve", **b.decision_payload())
    b.to_forwarded(b.new_dossier(award_forms=("giay_khen_huyen",)))

    page = text(browser("huyen.thanhtra").get("/dashboard/"))

    labels = svg_labels(page)
    assert "Giấy khen của Chủ tịch UBND xã" in labels and "Giấy khen của Chủ tịch UBND huyện" in labels
    assert not [label for label in labels if "…" in label]
    assert "<title>Giấy khen của Chủ tịch UBND huyện: 1</title>" in page


def test_a_label_too_long_for_one_line_wraps_and_one_too_long_for_two_keeps_its_full_name_in_the_title():
    agency = "Phòng Lao động – Thương binh và Xã hội huyện Mang Yang"
    longer = " ".join(["Hội đồng Thi đua – Khen thưởng"] * 4)

    wrapped, cut = bars([(agency, 3), (longer, 1)])["rows"]

    assert " ".join(line for line, _y in wrapped["lines"]) == agency and len(wrapped["lines"]) == 2
    assert len(cut["lines"]) == 2 and cut["lines"][-1][0].endswith("…") and cut["label"] == longer
    assert all(len(line) <= LABEL_CHARS for row in (wrapped, cut) for line, _y in row["lines"])
    # Each row starts below the one before: two-line labels never overlap the next bar.
    assert cut["lines"][0][1] > wrapped["bar_y"] and wrapped["percent"] == 80 and cut["percent"] == 27


def test_the_charts_are_drawn_at_their_own_size_not_scaled_down_to_a_phone(demo):
    b.to_submitted(b.new_dossier())
    page = text(browser("huyen.thanhtra").get("/dashboard/"))
    assert '<svg class="bars"' in page and "viewBox" not in page.split('<div class="charts">', 1)[1]


def test_the_communes_chart_counts_each_commune_in_vietnamese_alphabetical_order(demo):
    """Counted by commune, then named (a district's communes, not the country's units, are read), in the
    order a Vietnamese reader expects: "Xã Đak Djrăng" before "Xã Lơ Pang" (Đ comes after D, before E)."""
    from dossiers.text import sort_key
    from permissions.models import Unit

    for _ in range(2):
        b.to_submitted(b.new_dossier())
    b.fire("truongthon.b1", b.new_dossier(head="truongthon.b1", village="GL-MY-LP-01"), "submit")
    first, second = sorted(
        Unit.objects.filter(code__in=["GL-MY-DD", "GL-MY-LP"]), key=lambda u: sort_key(u.name)
    )
    assert first.name.startswith("Xã Đ") and second.name.startswith("Xã L")

    page = text(browser("huyen.thanhtra").get("/dashboard/"))

    chart = page.split("Hồ sơ theo xã", 1)[1].split("Việc quá hạn theo cơ quan", 1)[0]
    counts = {"GL-MY-DD": 2, "GL-MY-LP": 1}
    assert f"<title>{first.name}: {counts[first.code]}</title>" in chart
    assert f"<title>{second.name}: {counts[second.code]}</title>" in chart
    assert chart.index(f"<title>{first.name}") < chart.index(f"<title>{second.name}")
