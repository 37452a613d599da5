"""The pages' menu offers what the acting role may open, as permissions.rules answers it (web.pages.menu)."""

from django.contrib.auth import get_user_model

from dossiers.services.access import membership_grant
from permissions.models import Unit

from .pages import browser, text

CREATE = 'href="/dossiers/new/"'
AUDIT = 'href="/audit/"'


def test_only_a_village_head_is_offered_to_open_a_dossier(demo):
    head = text(browser("truongthon.a1").get("/dossiers/"))
    assert head.count(CREATE) == 2  # the menu entry and the list's button
    for username in ("xa.a.canbo", "huyen.thanhtra", "admin"):
        assert CREATE not in text(browser(username).get("/dossiers/"))


def test_the_inspector_and_the_administrator_are_offered_the_audit_log_and_no_one_else(demo):
    for username in ("huyen.thanhtra", "admin"):
        assert AUDIT in text(browser(username).get("/inbox/"))
    for username in ("truongthon.a1", "xa.a.canbo", "huyen.chutich"):
        assert AUDIT not in text(browser(username).get("/inbox/"))


def test_an_administrator_acting_as_a_village_head_is_offered_what_the_village_head_may_open(demo, admin):
    membership_grant(by=admin, user=admin, role="village_head", unit=Unit.objects.get(code="GL-MY-DD-02"))
    client = browser("admin")
    page = text(client.get("/dossiers/"))
    # The audit pages answer in the acting role (404 here), so the menu does not offer them either.
    assert CREATE in page and AUDIT not in page
    assert client.get("/audit/").status_code == 404


def test_a_user_who_has_not_chosen_a_role_yet_is_offered_nothing_of_either_role(demo, admin):
    user = get_user_model().objects.get(username="huyen.thanhtra")
    membership_grant(by=admin, user=user, role="village_head", unit=Unit.objects.get(code="GL-MY-DD-02"))
    page = text(browser("huyen.thanhtra").get("/role/"))
    assert "Chọn vai trò" in page
    assert CREATE not in page and AUDIT not in page


def test_only_those_who_work_in_a_queue_are_offered_the_inbox(demo):
    for username in ("truongthon.a1", "xa.a.canbo", "huyen.chutich", "huyen.phochutich"):
        assert 'href="/inbox/"' in text(browser(username).get("/dossiers/")), username
    for username in ("huyen.thanhtra", "admin"):  # they land on what they read (the audit log)
        assert 'href="/inbox/"' not in text(browser(username).get("/dossiers/")), username
