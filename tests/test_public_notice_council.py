"""The public notice and the council: a notice lists only the nominees the council has still to weigh (on both
routes), the officer's page offers nothing past the council, the default period is 10 working days counting
the opening day, typed dd/mm/yyyy, and the council's vote warns while the notice still takes comments."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from dossiers.errors import StateConflict
from publicity.listing import public_nominees
from publicity.models import PublicNotice
from publicity.period import default_closes_on
from publicity.services import notice_close

from . import builders as b
from . import two_tier as t
from .pages import browser, text
from .test_public_notice import open_notice, submitted_dossier

TODAY = timezone.localdate()
D = datetime.date


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    cache.clear()


def listed_ids(notice) -> set[int]:
    return {n.id for n in public_nominees(notice)}


def nomination_ids(*dossiers) -> set[int]:
    return {pk for d in dossiers for pk in d.nominations.values_list("pk", flat=True)}


# Who is listed


def test_a_three_tier_notice_lists_only_the_nominees_waiting_for_the_communes_council(demo):
    waiting = submitted_dossier()
    voted = b.to_commune_decision(b.new_dossier())  # the council approved it: past the commune review
    notice = open_notice(waiting)
    assert listed_ids(notice) == nomination_ids(waiting)
    assert not listed_ids(notice) & nomination_ids(voted)


def test_a_two_tier_notice_lists_the_received_and_those_before_the_council_but_not_after(demo):
    sent = t.new_two_tier_dossier()
    b.fire(t.HEAD, sent, "submit")  # intake: Phòng Văn hóa – Xã hội has it
    before_council = t.to_council(t.new_two_tier_dossier())  # with Phòng Kinh tế or waiting for the council
    voted = t.to_commune_appraisal(t.new_two_tier_dossier())
    notice = open_notice(sent, username=t.OFFICER)
    assert listed_ids(notice) == nomination_ids(sent, before_council)
    assert not listed_ids(notice) & nomination_ids(voted)


def test_a_round_whose_dossiers_are_all_past_the_council_has_nothing_to_post(demo):
    voted = b.to_commune_decision(b.new_dossier())
    with pytest.raises(StateConflict, match="đang chờ Hội đồng họp xét"):
        open_notice(voted)
    assert not PublicNotice.objects.exists()


def test_the_officers_page_neither_offers_nor_counts_dossiers_past_the_council(demo):
    b.to_commune_decision(b.new_dossier())
    b.to_commune_decision(b.new_dossier())
    page = text(browser("xa.a.canbo").get("/public-notices/"))
    assert "Tổng kết 2021–2025" not in page and 'data-action="open-notice"' not in page
    waiting = submitted_dossier()
    page = text(browser("xa.a.canbo").get("/public-notices/"))
    section = page[page.index(f'data-round="{waiting.round_id}"') :]
    assert "1 đề nghị đang chờ Hội đồng xét, có thể niêm yết" in section
    assert 'data-action="open-notice"' in section


# The period


@pytest.mark.parametrize(
    ("opens_on", "closes_on"),
    [
        (D(2025, 12, 3), D(2025, 12, 16)),  # Wednesday: 3, 4, 5, 8 … 12, 15, 16 — ten days, the 3rd the first
        (D(2025, 12, 1), D(2025, 12, 12)),  # Monday: two whole weeks
        (D(2025, 12, 6), D(2025, 12, 19)),  # Saturday: counting starts on Monday the 8th
        (D(2025, 8, 29), D(2025, 9, 15)),  # 1 and 2 September (National Day) are not counted
    ],
)
def test_the_default_period_is_10_working_days_counting_the_opening_day(db, opens_on, closes_on):
    assert default_closes_on(opens_on) == closes_on


def test_the_page_takes_dates_typed_dd_mm_yyyy_and_says_how_the_default_is_counted(demo):
    dossier = submitted_dossier()
    officer = browser("xa.a.canbo")
    page = text(officer.get("/public-notices/"))
    assert 'type="date"' not in page and "Niêm yết từ ngày (dd/mm/yyyy)" in page
    assert f'value="{TODAY:%d/%m/%Y}"' in page and f'value="{default_closes_on(TODAY):%d/%m/%Y}"' in page
    assert "tính ngày bắt đầu niêm yết là ngày thứ nhất" in page
    prefix = f"open-{dossier.round_id}"
    fields = {"round_id": dossier.round_id, f"{prefix}-commune": dossier.commune_id}
    fields[f"{prefix}-round"] = dossier.round_id
    start, end = TODAY + datetime.timedelta(days=1), TODAY + datetime.timedelta(days=15)
    bad = officer.post(
        "/public-notices/open/", {**fields, f"{prefix}-opens_on": "31/02/2027", f"{prefix}-closes_on": ""}
    )
    assert bad.status_code == 400 and "dạng dd/mm/yyyy" in text(bad) and 'value="31/02/2027"' in text(bad)
    officer.post(
        "/public-notices/open/",
        {**fields, f"{prefix}-opens_on": f"{start:%d/%m/%Y}", f"{prefix}-closes_on": f"{end:%d/%m/%Y}"},
    )
    notice = PublicNotice.objects.get()
    assert (notice.opens_on, notice.closes_on) == (start, end)


def test_both_dates_left_empty_open_today_for_the_default_period(demo):
    dossier = submitted_dossier()
    prefix = f"open-{dossier.round_id}"
    browser("xa.a.canbo").post(
        "/public-notices/open/",
        {
            "round_id": dossier.round_id,
            f"{prefix}-commune": dossier.commune_id,
            f"{prefix}-round": dossier.round_id,
            f"{prefix}-opens_on": "",
            f"{prefix}-closes_on": "",
        },
    )
    notice = PublicNotice.objects.get()
    assert (notice.opens_on, notice.closes_on) == (TODAY, default_closes_on(TODAY))


# The council's vote while the notice runs

WARNING = "Hội đồng nên họp xét sau khi hết thời gian niêm yết để xem đủ góp ý"


def vote_step(page: str, step: str) -> str:
    return page[page.index(f'data-action="{step}"') :].split("</details>")[0]


def test_the_two_tier_councils_vote_warns_while_the_notice_runs_but_is_not_refused(demo):
    dossier = t.to_council(t.new_two_tier_dossier())
    notice = open_notice(dossier, username=t.OFFICER)
    step = vote_step(text(browser(t.CHAIR).get(f"/dossiers/{dossier.pk}/")), "council_vote")
    assert f"Danh sách đang niêm yết công khai đến hết ngày {notice.closes_on:%d/%m/%Y}; {WARNING}." in step
    b.commune_documents(dossier, username=t.OFFICER)
    voted = b.fire(t.CHAIR, dossier, "council_vote", **b.commune_approve_payload(dossier))
    assert voted.stage == "commune_appraisal"


def test_the_three_tier_commune_approval_warns_until_the_notice_ends(demo):
    dossier = submitted_dossier()
    notice = open_notice(dossier)
    chair = browser("xa.a.chutich")
    assert WARNING in vote_step(text(chair.get(f"/dossiers/{dossier.pk}/")), "commune_approve")
    assert WARNING not in vote_step(text(chair.get(f"/dossiers/{dossier.pk}/")), "commune_reject")
    (officer,) = b.users("xa.a.canbo")
    notice_close(user=officer, notice_id=notice.pk, reason="Đã đủ thời gian theo quy định")
    step = vote_step(text(chair.get(f"/dossiers/{dossier.pk}/")), "commune_approve")
    assert WARNING not in step and 'data-testid="step-public-comments"' in step


def test_a_notice_whose_last_day_has_passed_no_longer_warns(demo):
    dossier = submitted_dossier()
    notice = open_notice(dossier)
    PublicNotice.objects.filter(pk=notice.pk).update(
        opens_on=TODAY - datetime.timedelta(days=20), closes_on=TODAY - datetime.timedelta(days=1)
    )
    assert WARNING not in text(browser("xa.a.chutich").get(f"/dossiers/{dossier.pk}/"))


@pytest.mark.parametrize(
    ("username", "sees"), [("xa.a.canbo", True), ("xa.a.chutich", False), ("truongthon.a1", False)]
)
def test_only_the_communes_officer_gets_the_link_to_the_notice_page_on_the_dossier_list(demo, username, sees):
    page = text(browser(username).get("/dossiers/"))
    assert ('data-testid="public-notice-manage-link"' in page) is sees
