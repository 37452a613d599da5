"""Statistics per round: by stage, commune, award form and nominee kind, approval rates, working days."""

import io

from openpyxl import load_workbook

from . import builders as b
from .pages import browser, text


def test_the_round_statistics_count_what_the_user_sees_and_download_as_a_workbook(demo):
    decided = b.new_dossier(award_forms=("giay_khen_xa", "giay_khen_xa"))
    b.to_commune_decision(decided)
    b.fire("xa.a.chutich", decided, "approve", **b.decision_payload())
    b.new_dossier()  # a draft: the commune does not see it
    page = text(browser("xa.a.canbo").get(f"/statistics/?round={decided.round_id}"))
    assert "Theo xã" in page and "Xã Đak Djrăng" in page and "100,0" in page  # Vietnamese decimal comma
    book = load_workbook(
        io.BytesIO(browser("xa.a.canbo").get(f"/statistics/?round={decided.round_id}&format=xlsx").content)
    )
    assert book.sheetnames == [
        "Theo trạng thái",
        "Theo xã",
        "Theo hình thức",
        "Theo đối tượng",
        "Thời gian xử lý",
    ]
    statuses = {row[0]: row[1:] for row in book["Theo trạng thái"].iter_rows(min_row=2, values_only=True)}
    assert statuses["Đã quyết định"] == (1, 2) and statuses["Đang soạn"] == (0, 0)
    communes = list(book["Theo xã"].iter_rows(min_row=2, values_only=True))
    assert communes == [("Xã Đak Djrăng", 1, 2, 2, 100.0)]
    stages = {row[0]: row[1] for row in book["Thời gian xử lý"].iter_rows(min_row=2, values_only=True)}
    assert stages["Xã xét duyệt"] == 1 and stages["Chủ tịch UBND xã quyết định"] == 1
    assert "Xã Đak Djrăng" not in text(browser("xa.b.canbo").get(f"/statistics/?round={decided.round_id}"))
