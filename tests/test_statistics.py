"""Statistics per round: by stage, commune, award form and nominee kind, approval rates, working days."""

import datetime
import io
import zoneinfo
from html.parser import HTMLParser

from openpyxl import load_workbook
from viewflow.workflow.models import Task

from workflows.routes import THREE_TIER

from . import builders as b
from .pages import browser, text

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


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
    assert sheet_rows(book["Theo xã"]) == [("Xã Đak Djrăng", 1, 2, 2, 0, 0, 100.0)]
    stages = {row[0]: row[1] for row in sheet_rows(book["Thời gian xử lý"])}
    assert stages["Xã xét duyệt"] == 1 and stages["Chủ tịch UBND xã quyết định"] == 1
    assert "Xã Đak Djrăng" not in text(browser("xa.b.canbo").get(f"/statistics/?round={decided.round_id}"))


def sheet_rows(sheet):
    """A statistics sheet's table: the rows under the headers, down to the blank row before the caption."""
    rows = []
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if not any(value is not None for value in row):
            break
        rows.append(row)
    return rows


class Tables(HTMLParser):
    """The statistics page's tables as {title: (rows of cell texts, caption)}."""

    def __init__(self, page):
        super().__init__()
        self.tables, self.title, self.cells, self.text, self.where = {}, "", None, "", None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "td", "p"):
            self.where, self.text = tag, ""
        elif tag == "tr":
            self.cells = []

    def handle_data(self, data):
        self.text += data if self.where else ""

    def handle_endtag(self, tag):
        text, self.where = " ".join(self.text.split()), None if tag == self.where else self.where
        if tag == "h2":
            self.title = text
            self.tables[text] = ([], "")
        elif tag == "td" and self.cells is not None:
            self.cells.append(text)
        elif tag == "tr" and self.cells:
            self.tables[self.title][0].append(self.cells)
            self.cells = None
        elif tag == "p" and self.title in self.tables:
            self.tables[self.title] = (self.tables[self.title][0], text)


def known_round():
    """Nine nominations, every one a household, with a known outcome each, as the district's inspector sees
    them (an inspector sees every dossier of the district, drafts included):

    Xã Đak Djrăng: A1 district + province form → 1 awarded, 1 forwarded to the province (no result yet);
                   A2 two commune forms, decided by the commune → 2 awarded;
                   A3 two district forms, one found ineligible → 1 awarded, 1 not awarded.
    Xã Lơ Pang:    B1 rejected by the commune → 1 not awarded; B2 only submitted → 1 pending.
    A4 a draft, not yet sent: 1 pending.
    """
    a1 = b.new_dossier(award_forms=("giay_khen_huyen", "bang_khen_tinh"))
    b.to_forwarded(a1)
    a2 = b.new_dossier(award_forms=("giay_khen_xa", "giay_khen_xa"))
    b.to_commune_decision(a2)
    b.fire("xa.a.chutich", a2, "approve", **b.decision_payload("16/QĐ-UBND"))
    a3 = b.new_dossier(award_forms=("giay_khen_huyen", "giay_khen_huyen"))
    b.to_appraisal(a3)
    payload = b.appraise_payload(a3)
    payload["verdicts"][1]["eligible"] = False
    b.fire("huyen.noivu", a3, "appraise", **payload)
    b.fire("huyen.chutich", a3, "approve", **b.decision_payload("17/QĐ-UBND"))
    lo_pang = {"head": "truongthon.b1", "village": "GL-MY-LP-01"}
    b1 = b.new_dossier(**lo_pang)
    b.fire("truongthon.b1", b1, "submit")
    b.fire("xa.b.chutich", b1, "commune_reject", comment="Chưa đủ thành tích")
    b2 = b.new_dossier(award_forms=("giay_khen_huyen",), **lo_pang)
    b.fire("truongthon.b1", b2, "submit")
    b.new_dossier(award_forms=("giay_khen_xa",))
    # Every finished step took Tuesday 06:00 to Thursday 17:00, Vietnam time: two working days.
    start = datetime.datetime(2025, 6, 10, 6, 0, tzinfo=VIETNAM)
    finished = start + datetime.timedelta(days=2, hours=11)
    Task.objects.filter(status="DONE").update(created=start, finished=finished)
    return a1.round_id


COMMUNE_ROWS = [
    # commune, dossiers, nominations, awarded, not awarded, no result yet, rate (awarded / nominations)
    ("Xã Đak Djrăng", 4, 7, 4, 1, 2, 57.1),
    ("Xã Lơ Pang", 2, 2, 0, 1, 1, 0.0),
]
FORM_ROWS = [
    ("Giấy khen của Chủ tịch UBND xã", 4, 2, 1, 1, 50.0),
    ("Giấy khen của Chủ tịch UBND huyện", 4, 2, 1, 1, 50.0),
    ("Bằng khen của Chủ tịch UBND tỉnh", 1, 0, 0, 1, 0.0),
]
KIND_ROWS = [
    ("Tập thể", 0, 0, 0, 0, None),
    ("Cá nhân", 0, 0, 0, 0, None),
    ("Hộ gia đình", 9, 4, 2, 3, 44.4),
    ("Doanh nghiệp, hợp tác xã, ngân hàng", 0, 0, 0, 0, None),
]
STATUS_ROWS = {
    "Đang soạn": (1, 1),
    "Đã gửi xã": (1, 1),
    "Đã trình tỉnh": (1, 2),
    "Đã quyết định": (2, 4),
    "Không được đề nghị": (1, 1),
}
STEPS_DONE = {
    "prepare": 5,
    "commune_review": 4,
    "compile": 2,
    "appraisal": 2,
    "commune_decision": 1,
    "district_decision": 2,
}


def test_the_figures_of_a_known_round_are_exact_in_the_workbook(demo):
    round_id = known_round()
    response = browser("huyen.thanhtra").get(f"/statistics/?round={round_id}&format=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert sheet_rows(book["Theo xã"]) == COMMUNE_ROWS
    assert sheet_rows(book["Theo hình thức"]) == FORM_ROWS
    assert sheet_rows(book["Theo đối tượng"]) == KIND_ROWS
    statuses = {row[0]: row[1:] for row in sheet_rows(book["Theo trạng thái"])}
    assert {k: v for k, v in statuses.items() if v != (0, 0)} == STATUS_ROWS
    steps = {row[0]: row[1:] for row in sheet_rows(book["Thời gian xử lý"])}
    for stage in THREE_TIER.stages:
        done = STEPS_DONE.get(stage.name, 0)
        assert steps[str(stage.label)] == (done, 2.0 if done else None), stage.name
    caption = book["Theo xã"].cell(row=len(COMMUNE_ROWS) + 3, column=1).value
    assert caption.startswith("Tỷ lệ được khen (%) = số đề nghị được khen thưởng / tổng số đề nghị × 100")


def page_value(value):
    return "—" if value is None else str(value).replace(".", ",")


def test_the_figures_of_a_known_round_are_exact_on_the_page_with_each_rate_defined(demo):
    round_id = known_round()
    tables = Tables(text(browser("huyen.thanhtra").get(f"/statistics/?round={round_id}"))).tables
    expected_tables = {"Theo xã": COMMUNE_ROWS, "Theo hình thức": FORM_ROWS, "Theo đối tượng": KIND_ROWS}
    for title, expected in expected_tables.items():
        rows, caption = tables[title]
        assert rows == [[page_value(v) for v in row] for row in expected], title
        assert "Tỷ lệ được khen (%) = số đề nghị được khen thưởng / tổng số đề nghị × 100" in caption
        assert "kể cả đề nghị chưa có kết quả" in caption
    assert "số ngày làm việc" in tables["Thời gian xử lý"][1]


def test_two_awarded_of_four_nominations_is_fifty_per_cent_not_a_hundred(demo):
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",) * 2 + ("bang_khen_tinh",) * 2)
    b.to_forwarded(dossier)  # two awarded by the district, two waiting for the province
    page = text(browser("huyen.chutich").get(f"/statistics/?round={dossier.round_id}"))
    rows, _ = Tables(page).tables["Theo xã"]
    assert rows == [["Xã Đak Djrăng", "1", "4", "2", "0", "2", "50,0"]]
    assert 'data-label="Tỷ lệ được khen (%)">50,0</td>' in page


def test_a_steps_working_days_are_counted_between_local_dates(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    # Tuesday 06:00 to 17:00 in Vietnam, the same working day; in UTC it began on Monday.
    start = datetime.datetime(2025, 6, 10, 6, 0, tzinfo=VIETNAM)
    Task.objects.filter(status="DONE").update(created=start, finished=start + datetime.timedelta(hours=11))
    book = load_workbook(
        io.BytesIO(browser("xa.a.canbo").get(f"/statistics/?round={dossier.round_id}&format=xlsx").content)
    )
    steps = {row[0]: row[1:] for row in sheet_rows(book["Thời gian xử lý"])}
    assert steps["Thôn lập / sửa hồ sơ"] == (1, 0.0)
