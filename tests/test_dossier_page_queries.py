"""The dossier page reads what it shows in a fixed number of queries (at most 15) for every role at the
stage it works on, however many nominations, documents, events and citizens' comments the dossier holds;
what it shows is unchanged (who holds it, why it was sent back), and nothing is kept from one request to the
next: a role taken away closes the page at once."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from permissions.models import Agency, Membership
from publicity.models import PublicNotice
from workflows import queues
from workflows.services.handlers import appraised_nominations

from . import builders as b
from .pages import browser, text
from .test_public_notice import comment, open_notice

MOST = 15
TODAY = timezone.localdate()
ONE_WEEK = datetime.timedelta(days=7)
AT_APPRAISAL = [
    "truongthon.a1",
    "xa.a.canbo",
    "xa.a.chutich",
    "huyen.ldtbxh",
    "huyen.noivu",
    "huyen.chutich",
    "huyen.thanhtra",
]


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    cache.clear()  # the comments' hourly window counter


def page_queries(username, dossier) -> int:
    client = browser(username)
    client.get(f"/dossiers/{dossier.pk}/")  # the session's first page settles the chosen role
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/dossiers/{dossier.pk}/")
    assert response.status_code == 200, (username, response.status_code)
    return len(captured)


def fresh(dossier):
    dossier.refresh_from_db()  # the builders move the row; the tests read its stage
    return dossier


def draft():
    return b.new_dossier()


def brought(to_stage, award_forms=("giay_khen_xa",)):
    """A new dossier with ``award_forms``, moved by the builder ``to_stage``."""
    dossier = b.new_dossier(award_forms=award_forms)
    to_stage(dossier)
    return fresh(dossier)


def submitted():
    return brought(b.to_submitted)


def at_commune_decision():
    return brought(b.to_commune_decision)


def at_compile():
    return brought(b.to_commune_approved, ("giay_khen_huyen",))


def at_appraisal():
    return brought(b.to_appraisal, ("giay_khen_huyen", "giay_khen_xa"))


def at_district_decision():
    return brought(b.to_district_decision, ("giay_khen_huyen",))


def at_province():
    return brought(b.to_forwarded, ("giay_khen_huyen", "bang_khen_tinh"))


def decided():
    dossier = at_district_decision()
    b.fire("huyen.chutich", dossier, "approve", **b.decision_payload())
    return fresh(dossier)


@pytest.mark.parametrize(
    ("username", "make"),
    [
        ("truongthon.a1", draft),
        ("xa.a.canbo", submitted),
        ("xa.a.chutich", at_commune_decision),
        ("huyen.ldtbxh", at_compile),
        ("huyen.noivu", at_appraisal),
        ("huyen.chutich", at_district_decision),
        ("huyen.thanhtra", at_appraisal),
        ("tinh.noivu", at_province),
        ("xa.a.canbo", decided),
    ],
)
def test_it_reads_the_page_in_at_most_15_queries_for_each_role_at_its_stage(demo, username, make):
    assert page_queries(username, make()) <= MOST


def _through_the_commune(dossier, *, returns):
    """Sent to the commune after ``returns`` round trips back to the village (two events each)."""
    for i in range(returns):
        b.to_submitted(dossier)
        b.fire("xa.a.canbo", dossier, "return_to_village", comment=f"Bổ sung hồ sơ lần {i + 1}")
    b.to_submitted(dossier)


def _on_a_notice(dossiers_and_comments):
    """The dossiers listed on one public notice, each nominee commented on ``comments`` times."""
    notice = open_notice(dossiers_and_comments[0][0])
    for dossier, comments in dossiers_and_comments:
        for nomination in dossier.nominations.all():
            for i in range(comments):
                comment(notice, nomination, address_hash=f"{nomination.pk:032d}{i:032d}")
    return notice


def _to_appraisal(dossier, *, uploads):
    """Voted on by the council and compiled, after ``uploads`` rounds of the commune's documents (each upload
    of a kind replaces the one before, which stays listed as replaced)."""
    for _ in range(uploads):
        b.commune_documents(dossier)
    b.fire("xa.a.chutich", dossier, "commune_approve", **b.commune_approve_payload(dossier))
    b.fire("huyen.ldtbxh", dossier, "compile")


def _same_and_few(usernames, few, many):
    for username in usernames:
        small, large = page_queries(username, few), page_queries(username, many)
        assert small == large <= MOST, (username, small, large)


def test_the_page_costs_the_same_queries_however_much_the_dossier_holds(demo):
    few = b.new_dossier(award_forms=("giay_khen_huyen",))
    many = b.new_dossier(award_forms=("giay_khen_huyen",) * 6)
    _through_the_commune(few, returns=1)
    _through_the_commune(many, returns=4)
    notice = _on_a_notice([(few, 1), (many, 3)])
    _same_and_few(["truongthon.a1", "xa.a.canbo", "xa.a.chutich", "huyen.thanhtra"], few, many)
    # The council meets once the notice has ended, as the page advises; the comments stay with the dossiers.
    PublicNotice.objects.filter(pk=notice.pk).update(
        opens_on=TODAY - ONE_WEEK * 3, closes_on=TODAY - ONE_WEEK
    )
    _to_appraisal(few, uploads=1)
    _to_appraisal(many, uploads=4)
    assert many.nominations.count() == 6 and many.events.count() > few.events.count() + 20
    assert many.documents.count() > few.documents.count() + 10
    _same_and_few(AT_APPRAISAL, few, many)


def test_the_province_officers_page_costs_the_same_queries_however_many_awards_went_up(demo):
    few = b.new_dossier(award_forms=("giay_khen_huyen", "bang_khen_tinh"))
    many = b.new_dossier(award_forms=("giay_khen_huyen",) + ("bang_khen_tinh",) * 4)
    for dossier in (few, many):
        b.to_forwarded(dossier)
    _same_and_few(["tinh.noivu", "huyen.noivu"], fresh(few), fresh(many))


def test_the_nominees_an_appraisal_weighs_are_the_same_taken_from_the_pages_read_as_queried(demo):
    district = b.new_dossier(award_forms=("giay_khen_huyen", "giay_khen_huyen"))
    b.to_submitted(district)
    b.commune_documents(district)
    payload = b.commune_approve_payload(district)
    payload["verdicts"][1].update(approved=False, votes_for=2)  # the council turned one down
    b.fire("xa.a.chutich", district, "commune_approve", **payload)
    b.fire("huyen.ldtbxh", district, "compile")
    province = at_province()  # its Giấy khen decided by the district, its Bằng khen forwarded
    for dossier in (fresh(district), province):
        queried = list(appraised_nominations(dossier).values_list("pk", flat=True))
        assert [n.pk for n in appraised_nominations(dossier, list(dossier.nominations.all()))] == queried
        assert len(queried) == 1


def test_a_role_taken_away_closes_the_page_at_the_next_request(demo):
    dossier = at_appraisal()
    appraiser = browser("huyen.noivu")
    assert appraiser.get(f"/dossiers/{dossier.pk}/").status_code == 200
    Membership.objects.filter(user__username="huyen.noivu").delete()
    assert appraiser.get(f"/dossiers/{dossier.pk}/").status_code == 404


def test_it_names_the_agency_the_dossier_waits_in_and_offers_the_claim_only_where_colleagues_share_it(demo):
    deciding, appraised = at_district_decision(), at_appraisal()
    for dossier, username, offered in [(deciding, "huyen.chutich", True), (appraised, "huyen.noivu", False)]:
        page = text(browser(username).get(f"/dossiers/{dossier.pk}/"))
        agency = Agency.objects.get(pk=queues.task_agency_id(queues.stage_task(dossier)))
        assert f"<strong>{agency.name}</strong>" in page
        assert ('data-testid="claim"' in page) is offered  # the appraiser is alone in Phòng Nội vụ


def test_it_names_an_agency_outside_the_dossiers_units_that_a_reorganisation_gave_the_work_to(demo):
    dossier = at_appraisal()
    task = queues.stage_task(dossier)
    elsewhere = Agency.objects.exclude(
        unit_id__in=[dossier.village_id, dossier.commune_id, dossier.district_id, dossier.province_id]
    ).first()
    queues.move_to_queue(task, elsewhere.pk)
    task.save()
    page = text(browser("huyen.thanhtra").get(f"/dossiers/{dossier.pk}/"))
    assert f"<strong>{elsewhere.name}</strong>" in page


def test_the_reason_for_a_return_shows_while_the_dossier_is_where_it_was_sent(demo):
    dossier = submitted()
    b.fire("xa.a.canbo", dossier, "return_to_village", comment="Thiếu xác nhận của thôn")
    head = browser("truongthon.a1")
    assert "Thiếu xác nhận của thôn" in text(head.get(f"/dossiers/{dossier.pk}/"))
    b.to_submitted(dossier)
    page = text(browser("xa.a.canbo").get(f"/dossiers/{dossier.pk}/"))
    assert 'data-testid="sent-back"' not in page and "Thiếu xác nhận của thôn" not in page


def test_the_chairs_send_back_shows_at_the_appraisal_it_came_back_to(demo):
    dossier = at_district_decision()
    b.fire("huyen.chutich", dossier, "send_back", comment="Thẩm định lại tiêu chí thoát nghèo")
    page = text(browser("huyen.noivu").get(f"/dossiers/{dossier.pk}/"))
    assert 'data-testid="sent-back"' in page and "Thẩm định lại tiêu chí thoát nghèo" in page
