"""The decisions page stays light however many a chair signs: twenty decisions a page, each with its first
awardees and the number of all those the user may see, and a page of its own (``/decisions/?decision=<id>``)
that pages through exactly those awardees. Its queries do not grow with the decisions or their awardees."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from lxml import html
from viewflow.workflow.models import Task

from dossiers.services.access import membership_grant
from permissions.models import Membership, Unit
from web.pages import decisions as view
from workflows.services.batch import decision_issue

from . import builders as b
from .pages import browser

# Unique names, none containing another, so that a name found in a page is that awardee.
A_NAMES = [f"Hộ ông Đinh Văn Thơm A{i:02d}" for i in range(12)]  # Làng Đê Kôn, Xã Đak Djrăng
B_NAMES = ["Hộ bà Ksor Thị Bia B01", "Hộ bà Ksor Thị Bia B02"]  # Làng Đê Hrel, Xã Lơ Pang
NUMBER = "31/QĐ-UBND"
HUGE = "99999999999999999999999"


def named(dossier, names):
    for nomination, name in zip(dossier.nominations.order_by("pk"), names, strict=True):
        nomination.nominee_name = name
        nomination.save(update_fields=["nominee_name"])
    return dossier


def awaiting_in_commune_a(names):
    dossier = named(b.new_dossier(award_forms=("giay_khen_huyen",) * len(names)), names)
    b.to_district_decision(dossier)
    return dossier


def awaiting_in_commune_b(names):
    forms = ("giay_khen_huyen",) * len(names)
    dossier = named(b.new_dossier(award_forms=forms, head="truongthon.b1", village="GL-MY-LP-01"), names)
    b.fire("truongthon.b1", dossier, "submit")
    b.commune_documents(dossier, username="xa.b.canbo")
    b.fire("xa.b.chutich", dossier, "commune_approve", **b.commune_approve_payload(dossier))
    b.fire("huyen.ldtbxh", dossier, "compile")
    b.fire("huyen.noivu", dossier, "appraise", **b.appraise_payload(dossier))
    return dossier


def issue(number, dossiers):
    (chair,) = b.users("huyen.chutich")
    ids = [d.pk for d in dossiers]
    return decision_issue(user=chair, number=number, date=b.TODAY, signer_capacity="chair", dossier_ids=ids)


@pytest.fixture
def shared(demo):
    """One district decision awarding twelve of Xã Đak Djrăng and two of Xã Lơ Pang."""
    return issue(NUMBER, [awaiting_in_commune_a(A_NAMES), awaiting_in_commune_b(B_NAMES)])


class Reading:
    """What a decisions page shows: its decisions' headings, awardees, counts, and links."""

    def __init__(self, response):
        assert response.status_code == 200, response.status_code
        self.tree = html.fromstring(response.content).find(".//main")
        self.text = self.tree.text_content()

    def all(self, testid):
        return [" ".join(e.text_content().split()) for e in self.tree.xpath(f'.//*[@data-testid="{testid}"]')]

    @property
    def awardees(self):
        return [
            row.xpath("./td")[0].text_content() for row in self.tree.xpath('.//*[@data-testid="awardee"]')
        ]

    def link(self, label):
        (href,) = self.tree.xpath(f'.//a[contains(., "{label}")]/@href')
        return href


def test_the_list_shows_a_decisions_first_ten_awardees_how_many_and_a_link_to_all(shared):
    page = Reading(browser("huyen.chutich").get("/decisions/"))
    assert page.all("decision")[0].startswith(f"Quyết định số {NUMBER} ngày {b.TODAY:%d/%m/%Y}")
    assert page.awardees == A_NAMES[:10]
    assert page.all("awardee-count") == ["14 người / tập thể được khen thưởng"]
    assert page.all("more-awardees") == [
        "Và 4 người / tập thể khác. Xem cả danh sách khen thưởng của quyết định"
    ]
    assert page.link("Xem cả danh sách") == f"/decisions/?decision={shared.pk}"


def test_the_decisions_own_page_pages_through_all_the_awardees_the_user_may_see(shared, monkeypatch):
    monkeypatch.setattr(view, "AWARDEES_PER_PAGE", 5)
    chair, seen = browser("huyen.chutich"), []
    page = Reading(chair.get(f"/decisions/?decision={shared.pk}"))
    assert page.all("awardee-count") == ["14 người / tập thể được khen thưởng"]
    assert "Trang 1/3" in page.text and page.tree.xpath(".//h1")[0].text_content().startswith("Quyết định số")
    for _ in range(2):
        seen += page.awardees
        page = Reading(chair.get("/decisions/" + page.link("Sau")))  # the pager keeps to this decision
    assert seen + page.awardees == A_NAMES + B_NAMES
    assert "Trang 3/3" in page.text and not page.tree.xpath('.//a[contains(., "Sau")]')


def test_a_commune_officer_sees_and_counts_only_their_communes_awardees_of_a_shared_decision(
    shared, monkeypatch
):
    officer = browser("xa.b.canbo")
    page = Reading(officer.get("/decisions/"))
    assert page.awardees == B_NAMES and page.all("awardee-count") == ["2 người / tập thể được khen thưởng"]
    assert page.all("more-awardees") == []  # all they may see is already there
    assert not any(name in page.text for name in A_NAMES)
    monkeypatch.setattr(view, "AWARDEES_ON_LIST", 1)
    page = Reading(officer.get("/decisions/"))
    assert page.awardees == B_NAMES[:1]
    assert page.all("more-awardees")[0].startswith("Và 1 người / tập thể khác.")
    own = Reading(officer.get(page.link("Xem cả danh sách")))
    assert own.awardees == B_NAMES and own.all("awardee-count") == ["2 người / tập thể được khen thưởng"]
    assert not any(name in own.text for name in A_NAMES)


def test_the_role_acted_in_decides_which_awardees_are_listed_and_counted(shared, admin):
    """truongthon.b1, village head in Xã Lơ Pang, is also Xã Đak Djrăng's commune officer."""
    user = get_user_model().objects.get(username="truongthon.b1")
    unit = Unit.objects.get(code="GL-MY-DD")
    officer = membership_grant(by=admin, user=user, role="commune_officer", unit=unit)
    head = Membership.objects.get(user=user, role="village_head")
    client = browser("truongthon.b1")
    for membership, names, count in ((head, B_NAMES, "2"), (officer, A_NAMES, "12")):
        session = client.session
        session["acting_membership"] = membership.pk
        session.save()
        listed = Reading(client.get("/decisions/"))
        assert listed.awardees == names[:10] and listed.all("awardee-count")[0].startswith(count + " ")
        assert Reading(client.get(f"/decisions/?decision={shared.pk}")).awardees == names


@pytest.mark.parametrize("username", ["truongthon.a2", "xa.my.vhxh", "tinh.chutich"])
def test_it_returns_404_to_a_user_who_may_see_none_of_the_decisions_awardees(shared, username):
    client = browser(username)
    assert client.get(f"/decisions/?decision={shared.pk}").status_code == 404
    assert Reading(client.get("/decisions/")).all("decision") == []


def test_it_returns_404_to_a_user_without_any_role(shared, outsider):
    client = browser(outsider.username)
    assert client.get(f"/decisions/?decision={shared.pk}").status_code == 404


@pytest.mark.parametrize("wanted", ["", "abc", "-1", "1.5", HUGE, "0"])
def test_it_returns_404_for_a_decision_that_is_no_id(shared, wanted):
    assert browser("huyen.chutich").get(f"/decisions/?decision={wanted}").status_code == 404


def test_it_sends_a_visitor_without_an_account_to_log_in(shared):
    response = Client().get(f"/decisions/?decision={shared.pk}")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_list_makes_as_many_queries_for_many_decisions_and_awardees_as_for_one(demo, monkeypatch):
    monkeypatch.setattr(view, "AWARDEES_ON_LIST", 2)
    issue("1/QĐ-UBND", [awaiting_in_commune_a(["Hộ ông Một"])])
    chair = browser("huyen.chutich")
    queries(chair, "/decisions/")  # the first request of a session reads what later ones keep
    one = queries(chair, "/decisions/")
    issue("2/QĐ-UBND", [awaiting_in_commune_a(["Hộ ông Hai", "Hộ ông Ba", "Hộ ông Bốn"])])
    issue(
        "3/QĐ-UBND",
        [awaiting_in_commune_a(["Hộ ông Năm"]), awaiting_in_commune_b(["Hộ bà Sáu", "Hộ bà Bảy"])],
    )
    assert queries(chair, "/decisions/") == one
    page = Reading(chair.get("/decisions/"))
    assert page.awardees == ["Hộ ông Năm", "Hộ bà Sáu", "Hộ ông Hai", "Hộ ông Ba", "Hộ ông Một"]
    assert page.all("awardee-count") == [f"{n} người / tập thể được khen thưởng" for n in (3, 3, 1)]


def test_a_decisions_own_page_makes_as_many_queries_for_many_awardees_as_for_one(demo, monkeypatch):
    monkeypatch.setattr(view, "AWARDEES_PER_PAGE", 2)
    few = issue("1/QĐ-UBND", [awaiting_in_commune_a(["Hộ ông Một"])])
    many = issue("2/QĐ-UBND", [awaiting_in_commune_a(["Hộ ông Hai", "Hộ ông Ba", "Hộ ông Bốn"])])
    chair = browser("huyen.chutich")
    queries(chair, "/decisions/")
    one = queries(chair, f"/decisions/?decision={few.pk}")
    assert queries(chair, f"/decisions/?decision={many.pk}") == one


def test_a_chair_issues_a_decision_in_the_inbox_and_reads_all_its_awardees_through_the_links(
    demo, monkeypatch
):
    monkeypatch.setattr(view, "AWARDEES_ON_LIST", 2)
    monkeypatch.setattr(view, "AWARDEES_PER_PAGE", 3)
    names = ["Hộ ông Y Một", "Hộ ông Y Hai", "Hộ ông Y Ba", "Hộ ông Y Bốn"]
    dossier = awaiting_in_commune_a(names)
    chair = browser("huyen.chutich")
    task = Task.objects.get(process=dossier.process, status="NEW", flow_task_type="HUMAN")
    fields = {"decision-number": "77/QĐ-UBND", "decision-date": b.TODAY.strftime("%d/%m/%Y")}
    issued = chair.post(
        "/decisions/new/", {"task": [task.pk], **fields, "decision-signer": b.user_id("huyen.chutich")}
    )
    assert issued.status_code == 302 and issued.url == "/decisions/"

    listed = Reading(chair.get(issued.url))
    assert listed.awardees == names[:2]
    assert listed.all("more-awardees")[0].startswith("Và 2 người / tập thể khác.")
    first = Reading(chair.get(listed.link("Xem cả danh sách")))
    second = Reading(chair.get("/decisions/" + first.link("Sau")))
    assert first.awardees + second.awardees == names
    back = Reading(chair.get(second.link("Quyết định khen thưởng")))
    assert back.all("decision")[0].startswith(f"Quyết định số 77/QĐ-UBND ngày {b.TODAY:%d/%m/%Y}")
