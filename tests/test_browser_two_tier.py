"""Today's government (from 1 July 2025) in a real browser: a two-tier dossier with a commune award and a
province award goes from the village (on a phone) to the commune chair's decision, signed by a vice-chair,
and on to the province chair's, with a supplement request at each level, every step through the pages."""

import pytest

from dossiers.models import Dossier
from workflows.routes import TITLES, TWO_TIER

from .browser import PHONE, Session, chromium, needs_chromium, server  # noqa: F401 (fixtures)
from .builders import TODAY, user_id
from .files import tiny_pdf

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]

HOUSEHOLD, INDIVIDUAL = "Hộ bà Đinh Thị Lan", "Ông Rơ Mah Blếch"
COMMUNE_AWARD, PROVINCE_AWARD = "Giấy khen của Chủ tịch UBND xã", "Bằng khen của Chủ tịch UBND tỉnh"


def label(stage_name):
    """A two-tier stage's name as the progress bar, the inbox and the chart print it (the route's own)."""
    return str(TWO_TIER.stages_by_name[stage_name].label)


PREPARE, INTAKE, ECONOMIC, COUNCIL = map(label, ("prepare", "intake", "economic_opinion", "council"))
COMMUNE_APPRAISAL, VILLAGE_SUPPLEMENT = label("commune_appraisal"), label("village_supplement")
COMMUNE_DECISION, PROVINCE_APPRAISAL = label("commune_decision"), label("province_appraisal")
PROVINCE_SUPPLEMENT, PROVINCE_DECISION = label("province_supplement"), label("province_decision")
# Words of the three-tier ladder that have no place on a two-tier dossier's page.
THREE_TIER_WORDS = ("huyện", "Phòng Nội vụ", "Phòng LĐ-TB&XH", "Xã xét duyệt")


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "bao-cao-thanh-tich.pdf"
    path.write_bytes(tiny_pdf())
    return path


def progress(session):
    return [li.inner_text() for li in session.page.locator("[data-testid=progress] li").all()]


def actions(session):
    return [d.get_attribute("data-action") for d in session.page.locator("details[data-action]").all()]


def expect_stage(session, dossier, stage, *, done=(), can=()):
    """The official opens the dossier: the progress bar marks ``stage`` as current and the stages of ``done``
    as passed, names no three-tier office, and the page offers exactly the steps of ``can``."""
    session.go(f"/dossiers/{dossier.pk}/")
    bar = progress(session)
    assert f"▶ {stage}" in bar, (session.username, bar)
    for passed in done:
        assert f"✓ {passed}" in bar, (session.username, passed, bar)
    where = session.page.locator("section[aria-labelledby=where]").inner_text()
    for word in THREE_TIER_WORDS:
        assert word not in where, (session.username, word, where)
    assert actions(session) == list(can), (session.username, actions(session))


def create_dossier(head, report):
    """The village head fills the form on the phone. The award list offers no district award (the 2026
    round has no district); a refused save (no title) keeps the reports already chosen."""
    head.go("/dossiers/new/")
    page = head.page
    offered = page.locator("#id_n-0-award_form option").all_inner_texts()
    assert COMMUNE_AWARD in offered and PROVINCE_AWARD in offered
    assert not any("huyện" in label for label in offered), offered
    page.select_option("#id_round", label="Khen thưởng hằng năm 2026")
    nominees = [("household", HOUSEHOLD, COMMUNE_AWARD), ("individual", INDIVIDUAL, PROVINCE_AWARD)]
    for index, (kind, name, award) in enumerate(nominees):
        page.select_option(f"#id_n-{index}-nominee_kind", kind)
        page.fill(f"#id_n-{index}-nominee_name", name)
        page.select_option(f"#id_n-{index}-award_form", label=award)
        page.fill(f"#id_n-{index}-achievement_summary", "Thoát nghèo bền vững, giúp 5 hộ khác có việc làm")
        page.set_input_files(f"#id_n-{index}-report", str(report))
        if index == 0:
            page.click("#add-nomination")
    head.shot("2t-01-tao-ho-so-dien-thoai")
    page.click("button.big[type=submit]")
    page.wait_for_load_state()
    assert not Dossier.objects.exists()
    assert head.text().count("Đã nhận tệp") == 2, head.text()[:3000]
    page.fill("#id_title", "Đề nghị khen thưởng năm 2026")
    page.click("button.big[type=submit]")
    page.wait_for_load_state()
    assert "Đã lưu hồ sơ" in head.text(), head.text()[:3000]
    dossier = Dossier.objects.get()
    assert dossier.route == "two_tier" and dossier.documents.filter(kind="bao_cao_thanh_tich").count() == 2
    return dossier


def check_chart(session, dossier):
    """The flow chart on the dossier page is the two-tier route's."""
    session.go(f"/dossiers/{dossier.pk}/")
    session.page.locator("[data-testid=route-chart] summary").click()
    image = session.page.locator("[data-testid=route-chart] img")
    image.scroll_into_view_if_needed()
    session.page.wait_for_function(
        "image => image.complete && image.naturalWidth > 0", arg=image.element_handle()
    )
    svg = session.page.request.get(f"{session.server}/dossiers/{dossier.pk}/chart.svg").text()
    for label in ("Phòng Kinh tế cho ý", "Hội đồng TĐKT xã họp", "Thôn bổ sung hồ sơ", PROVINCE_APPRAISAL):
        assert label in svg, label
    for word in ("LĐ-TB&amp;XH", "huyện"):
        assert word not in svg, word


def village_to_council(head, officer, economist, chair, dossier, report):
    head.shot("2t-02-ho-so-nhap-dien-thoai")
    expect_stage(head, dossier, PREPARE, can=["submit", "withdraw"])
    head.act("submit")
    assert f"chuyển sang bước “{INTAKE}”" in head.text()

    officer.go("/inbox/?tab=unit")
    assert dossier.code in officer.text() and INTAKE in officer.text()
    expect_stage(officer, dossier, INTAKE, can=["return_to_village", "receive"])
    officer.act("receive")
    assert f"chuyển sang bước “{ECONOMIC}”" in officer.text()

    expect_stage(officer, dossier, ECONOMIC, can=[])  # the opinion is Phòng Kinh tế's, not hers
    expect_stage(economist, dossier, ECONOMIC, done=[INTAKE], can=["give_opinion"])
    economist.act("give_opinion", fill={"textarea": ""})
    assert "Vui lòng ghi" in economist.text()  # the opinion is the step's content
    economist.act("give_opinion", fill={"textarea": "Hộ đã thoát nghèo bền vững 3 năm, đúng tiêu chí."})
    assert f"chuyển sang bước “{COUNCIL}”" in economist.text()

    # The chair records the council's vote; without the submission and the minutes it is refused, in words.
    expect_stage(chair, dossier, COUNCIL, done=[ECONOMIC], can=["council_vote", "council_reject"])
    vote = {
        "input[name$=held_on]": TODAY.strftime("%d/%m/%Y"),
        "input[name$=members_total]": 9,
        "input[name$=members_present]": 8,
        **{f"input[name$=votes_{n.pk}]": 8 for n in dossier.nominations.all()},
    }
    chair.act("council_vote", fill=vote, check=["input[name*=approved_]"])
    assert "Chưa có tờ trình của xã trong hồ sơ." in chair.text(), chair.text()[:3000]
    assert "Chưa có biên bản họp xét của xã trong hồ sơ." in chair.text()
    officer.go(f"/dossiers/{dossier.pk}/")
    officer.upload("to_trinh", report)
    officer.upload("bien_ban", report)
    chair.go(f"/dossiers/{dossier.pk}/")
    chair.act("council_vote", fill=vote, check=["input[name*=approved_]"])
    assert f"chuyển sang bước “{COMMUNE_APPRAISAL}”" in chair.text(), chair.text()[:3000]


def commune_appraisal(head, officer, dossier, report):
    """Phòng Văn hóa – Xã hội asks the village for a supplement (once), then appraises."""
    expect_stage(
        officer,
        dossier,
        COMMUNE_APPRAISAL,
        done=[COUNCIL],
        can=["request_supplement", "appraise", "appraisal_reject"],
    )
    officer.act("request_supplement", fill={"textarea": "Bổ sung giấy xác nhận thoát nghèo của hộ."})
    assert f"chuyển sang bước “{VILLAGE_SUPPLEMENT}”" in officer.text()

    head.go("/inbox/")
    assert dossier.code in head.text() and VILLAGE_SUPPLEMENT in head.text()
    expect_stage(head, dossier, VILLAGE_SUPPLEMENT, can=["withdraw", "resubmit"])
    assert "Bổ sung giấy xác nhận thoát nghèo của hộ." in head.text()  # why it came back
    head.shot("2t-03-thon-bo-sung-dien-thoai")
    head.upload("khac", report)
    head.act("resubmit", fill={"textarea": "Đã bổ sung giấy xác nhận."})
    assert f"chuyển sang bước “{COMMUNE_APPRAISAL}”" in head.text()

    expect_stage(officer, dossier, COMMUNE_APPRAISAL, can=["appraise", "appraisal_reject"])  # asked once
    officer.act("appraise", check=["input[name*=eligible_]", "input[name*=criteria_]"])
    assert f"chuyển sang bước “{COMMUNE_DECISION}”" in officer.text(), officer.text()[:3000]


def commune_decision(chair, dossier):
    """The commune chair decides the commune's award, signed by the vice-chair, and submits the other."""
    chair.go("/inbox/?tab=unit")
    assert dossier.code in chair.text() and COMMUNE_DECISION in chair.text()
    expect_stage(
        chair, dossier, COMMUNE_DECISION, done=[COMMUNE_APPRAISAL], can=["approve", "reject", "send_back"]
    )
    signers = chair.page.locator(
        "details[data-action=approve] select[name$=signer] option"
    ).all_text_contents()
    assert signers == ["Lê Quang Vinh – Chủ tịch UBND xã", "Siu Thị Hằng – Phó Chủ tịch UBND xã"], signers
    chair.shot("2t-04-chu-tich-xa-quyet-dinh")
    chair.act(
        "approve",
        fill={
            "input[name$=decision_number]": "15/QĐ-UBND",
            "input[name$=decision_date]": TODAY.strftime("%d/%m/%Y"),
        },
        select={"select[name$=signer]": str(user_id("xa.my.phochutich"))},
    )
    assert f"chuyển sang bước “{PROVINCE_APPRAISAL}”" in chair.text(), chair.text()[:3000]
    decisions = chair.page.locator("[data-testid=decision]").all_inner_texts()
    assert len(decisions) == 1 and "15/QĐ-UBND" in decisions[0] and "Xã Mang Yang" in decisions[0]


def province_appraisal(officer, province, province_chair, dossier, report):
    """Sở Nội vụ asks the commune for a supplement (once), then appraises the award submitted to it."""
    expect_stage(province_chair, dossier, PROVINCE_APPRAISAL, can=[])  # not the decider's turn yet
    province.go("/inbox/?tab=unit")
    assert dossier.code in province.text() and PROVINCE_APPRAISAL in province.text()
    expect_stage(
        province,
        dossier,
        PROVINCE_APPRAISAL,
        done=[COMMUNE_DECISION],
        can=["province_request_supplement", "province_appraise", "province_appraisal_reject"],
    )
    province.act("province_request_supplement", fill={"textarea": "Bổ sung báo cáo thành tích có xác nhận."})
    assert f"chuyển sang bước “{PROVINCE_SUPPLEMENT}”" in province.text()

    officer.go("/inbox/?tab=unit")
    assert dossier.code in officer.text() and PROVINCE_SUPPLEMENT in officer.text()
    expect_stage(officer, dossier, PROVINCE_SUPPLEMENT, can=["province_resubmit"])
    assert "Bổ sung báo cáo thành tích có xác nhận." in officer.text()
    officer.upload("khac", report)
    officer.act("province_resubmit", fill={"textarea": "Đã bổ sung báo cáo có xác nhận."})
    assert f"chuyển sang bước “{PROVINCE_APPRAISAL}”" in officer.text()

    expect_stage(
        province, dossier, PROVINCE_APPRAISAL, can=["province_appraise", "province_appraisal_reject"]
    )
    province.page.locator("details[data-action=province_appraise] summary").click()
    household, individual = (dossier.nominations.get(nominee_name=name) for name in (HOUSEHOLD, INDIVIDUAL))
    panel = province.page.locator("details[data-action=province_appraise]")
    # Sở Nội vụ weighs only what the commune submitted: the household's award was the commune's to give.
    assert panel.locator(f"input[name$=eligible_{individual.pk}]").count() == 1
    assert panel.locator(f"input[name$=eligible_{household.pk}]").count() == 0, (
        "the province's appraisal form offers the household the commune already awarded"
    )
    province.shot("2t-05-so-noi-vu-tham-dinh")
    province.act("province_appraise", check=["input[name*=eligible_]", "input[name*=criteria_]"])
    assert f"chuyển sang bước “{PROVINCE_DECISION}”" in province.text(), province.text()[:3000]


def province_decision(chair, province_chair, dossier):
    expect_stage(chair, dossier, PROVINCE_DECISION, can=[])  # the commune chair has decided his part
    province_chair.go("/inbox/?tab=unit")
    assert dossier.code in province_chair.text() and PROVINCE_DECISION in province_chair.text()
    expect_stage(
        province_chair,
        dossier,
        PROVINCE_DECISION,
        done=[COMMUNE_DECISION, PROVINCE_APPRAISAL],
        can=["approve", "reject", "send_back"],
    )
    province_chair.act(
        "approve",
        fill={
            "input[name$=decision_number]": "1234/QĐ-UBND",
            "input[name$=decision_date]": TODAY.strftime("%d/%m/%Y"),
        },
    )
    assert "hồ sơ đã có quyết định khen thưởng" in province_chair.text(), province_chair.text()[:3000]
    decisions = province_chair.page.locator("[data-testid=decision]").all_inner_texts()
    assert len(decisions) == 2 and any("1234/QĐ-UBND" in d and "Tỉnh Gia Lai" in d for d in decisions)
    province_chair.shot("2t-06-ho-so-da-quyet-dinh")


def check_decisions(head):
    head.go("/decisions/")
    signers = head.page.locator("[data-testid=signer]").all_inner_texts()
    assert sorted(signers) == ["CHỦ TỊCH Hồ Văn Niên", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH Siu Thị Hằng"], signers


# The steps of the dossier's life, in order, as its history lists them (by the titles the route gives them).
STEPS = [
    "submit",
    "receive",
    "give_opinion",
    "council_vote",
    "request_supplement",
    "resubmit",
    "appraise",
    "approve",
    "province_request_supplement",
    "province_resubmit",
    "province_appraise",
    "approve",
]


def check_history(head, dossier):
    head.go(f"/dossiers/{dossier.pk}/history/")
    head.shot("2t-07-lich-su-dien-thoai")
    steps = head.page.locator("[data-testid=history] > li > strong").all_inner_texts()
    assert steps[0] == "Tạo hồ sơ" and "Tải tài liệu lên" in steps
    assert [s for s in steps[1:] if s != "Tải tài liệu lên"] == [str(TITLES[name]) for name in STEPS], steps
    history = head.text()
    for said in ("Hộ đã thoát nghèo bền vững 3 năm", "Bổ sung giấy xác nhận", "Bổ sung báo cáo thành tích"):
        assert said in history, said


def test_a_two_tier_dossier_reaches_the_commune_and_the_province_decisions(chromium, server, report):  # noqa: F811
    head = Session(chromium, server, "truongthon.my1", viewport=PHONE)
    dossier = create_dossier(head, report)
    officer = Session(chromium, server, "xa.my.vhxh")
    economist = Session(chromium, server, "xa.my.kinhte")
    chair = Session(chromium, server, "xa.my.chutich")
    village_to_council(head, officer, economist, chair, dossier, report)
    check_chart(officer, dossier)
    officer.shot("2t-08-so-do-quy-trinh-hai-cap")
    commune_appraisal(head, officer, dossier, report)
    commune_decision(chair, dossier)

    province = Session(chromium, server, "tinh.noivu")
    province_chair = Session(chromium, server, "tinh.chutich")
    province_appraisal(officer, province, province_chair, dossier, report)
    province_decision(chair, province_chair, dossier)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.stage) == ("decided", "")
    assert dict(dossier.nominations.values_list("nominee_name", "decision__number")) == {
        HOUSEHOLD: "15/QĐ-UBND",
        INDIVIDUAL: "1234/QĐ-UBND",
    }
    check_decisions(head)
    check_history(head, dossier)

    stranger = Session(chromium, server, "xa.a.canbo")  # a three-tier commune's officer
    assert stranger.go(f"/dossiers/{dossier.pk}/").status == 404
    for session in (head, officer, economist, chair, province, province_chair, stranger):
        session.close()
