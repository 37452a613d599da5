"""The role a request acts in is resolved one way (web.acting_role) and honoured by every read and write: an API
client naming a role in X-Acting-Membership sees exactly what that role sees, on every endpoint; without the
header it reads in every role it holds; a role it does not hold is refused, reads included. viewflow's own
pages list what the role chosen for the session sees."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern
from drf_spectacular.views import SpectacularAPIView
from viewflow.workflow.models import Task

from dossiers.services.access import membership_grant
from permissions.models import Membership, Unit
from web.api import urls as api_urls
from web.api import views
from web.api.lookup import StatusLookupView
from web.api.publicity import PublicCommentView, PublicNoticeView
from web.api.verification import DecisionVerifyView
from workflows.inbox import tab_tasks
from workflows.services.claims import tasks_claim

from . import builders as b
from .api import Official
from .pages import administrator, text

REFUSED = {
    "detail": "Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại.",
    "errors": {"X-Acting-Membership": ["Bạn không giữ vai trò này."]},
}


@pytest.fixture
def world(demo):
    """truongthon.a1, village head in Xã Đak Djrăng, is also a commune officer of Xã Lơ Pang. Their own
    village's draft (`ours`) and a dossier a Lơ Pang village sent to its commune (`theirs`)."""
    ours = b.new_dossier()
    theirs = b.new_dossier(head="truongthon.b1", village="GL-MY-LP-01")
    b.fire("truongthon.b1", theirs, "submit")
    user = get_user_model().objects.get(username="truongthon.a1")
    admin = get_user_model().objects.get(username="admin")
    officer = membership_grant(
        by=admin, user=user, role="commune_officer", unit=Unit.objects.get(code="GL-MY-LP")
    )
    head = Membership.objects.get(user=user, role="village_head")
    return {"ours": ours, "theirs": theirs, "head": head, "officer": officer}


def get(client, path, membership=None):
    headers = {"HTTP_X_ACTING_MEMBERSHIP": str(membership.pk)} if membership is not None else {}
    return client.client.get(path, **headers)


def listed(client, path, key, membership=None):
    response = get(client, path, membership)
    assert response.status_code == 200, response.content
    return {item[key] for item in response.json()["results"]}


def test_without_the_header_the_api_reads_in_every_role_the_user_holds(world):
    client = Official("truongthon.a1")
    both = {world["ours"].pk, world["theirs"].pk}
    assert listed(client, "/api/dossiers/", "id") == both
    assert listed(client, "/api/inbox/", "dossier") == both


def test_the_list_shows_only_the_dossiers_the_named_role_sees(world):
    client = Official("truongthon.a1")
    assert listed(client, "/api/dossiers/", "id", world["head"]) == {world["ours"].pk}
    assert listed(client, "/api/dossiers/", "id", world["officer"]) == {world["theirs"].pk}


def test_the_inbox_lists_the_queue_of_the_named_role(world):
    client = Official("truongthon.a1")
    assert listed(client, "/api/inbox/", "dossier", world["head"]) == {world["ours"].pk}
    assert listed(client, "/api/inbox/", "dossier", world["officer"]) == {world["theirs"].pk}


@pytest.mark.parametrize("role, seen, unseen", [("head", "ours", "theirs"), ("officer", "theirs", "ours")])
def test_a_dossier_its_history_and_its_documents_open_only_in_a_role_that_sees_them(
    world, role, seen, unseen
):
    client, membership = Official("truongthon.a1"), world[role]
    for name, status in ((seen, 200), (unseen, 404)):
        dossier = world[name]
        document = dossier.documents.first()
        for path in (
            f"/api/dossiers/{dossier.pk}/",
            f"/api/dossiers/{dossier.pk}/history/",
            f"/api/dossiers/{dossier.pk}/documents/{document.pk}/",
        ):
            assert get(client, path, membership).status_code == status, (role, name, path)
    upload = client.client.post(
        f"/api/dossiers/{world[unseen].pk}/documents/",
        {"kind": "khac", "file": b.pdf_upload()},
        format="multipart",
        HTTP_X_ACTING_MEMBERSHIP=str(membership.pk),
    )
    assert upload.status_code == 404  # a write in a role that does not see the dossier: nothing to find


def test_the_allowed_transitions_of_a_dossier_are_those_of_the_named_role(demo, admin):
    user = get_user_model().objects.get(username="xa.a.canbo")
    chair = membership_grant(
        by=admin, user=user, role="commune_chair", unit=Unit.objects.get(code="GL-MY-DD")
    )
    officer = Membership.objects.get(user=user, role="commune_officer")
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    client, path = Official("xa.a.canbo"), f"/api/dossiers/{dossier.pk}/"
    assert "return_to_village" in get(client, path).json()["allowed_transitions"]
    assert "return_to_village" in get(client, path, officer).json()["allowed_transitions"]
    assert "return_to_village" not in get(client, path, chair).json()["allowed_transitions"]


def test_the_decisions_and_their_print_show_only_what_the_named_role_sees(world):
    theirs = world["theirs"]
    b.commune_documents(theirs, username="xa.b.canbo")
    b.fire("xa.b.chutich", theirs, "commune_approve", **b.commune_approve_payload(theirs))
    b.fire("xa.b.chutich", theirs, "approve", **b.decision_payload("5/QĐ-UBND"))
    decision = theirs.nominations.get().decision
    client = Official("truongthon.a1")
    assert listed(client, "/api/decisions/", "number", world["officer"]) == {"5/QĐ-UBND"}
    assert listed(client, "/api/decisions/", "number", world["head"]) == set()
    for path in (f"/api/decisions/{decision.pk}/pdf/", f"/api/decisions/{decision.pk}/certificates/"):
        assert get(client, path, world["officer"]).status_code == 200
        assert get(client, path, world["head"]).status_code == 404


def test_a_role_the_user_does_not_hold_is_refused_on_reads_too(world):
    client, dossier = Official("truongthon.a1"), world["ours"]
    someone_elses = Membership.objects.get(user__username="xa.b.canbo")
    for wanted in ("999999", str(someone_elses.pk), "abc"):
        for path in (
            "/api/dossiers/",
            f"/api/dossiers/{dossier.pk}/",
            f"/api/dossiers/{dossier.pk}/history/",
            f"/api/dossiers/{dossier.pk}/documents/{dossier.documents.first().pk}/",
            "/api/inbox/",
            "/api/decisions/",
            "/api/rounds/",
        ):
            response = client.client.get(path, HTTP_X_ACTING_MEMBERSHIP=wanted)
            assert (response.status_code, response.json()) == (400, REFUSED), (wanted, path)
    # Where a client finds its roles' ids answers whatever it names (a stale id must not lock it out).
    assert client.client.get("/api/me/", HTTP_X_ACTING_MEMBERSHIP="999999").status_code == 200


# Answer whoever asks, in any role: the token, ending the session, and where a client finds its roles.
# Views that act in no role: signing in and out, the user's own roles, the schema, and the public pages of
# anyone without an account: the check of a decision PDF, the look-up of a dossier's status, a commune's
# public notice and the comments left on it.
ROLELESS = {views.TokenView, views.LogoutView, views.MeView, SpectacularAPIView, DecisionVerifyView}
ROLELESS |= {StatusLookupView, PublicNoticeView, PublicCommentView}


def test_every_other_api_view_resolves_the_role_the_request_acts_in():
    classes = {pattern.callback.cls for pattern in api_urls.urlpatterns if isinstance(pattern, URLPattern)}
    assert ROLELESS <= classes
    assert {cls for cls in classes - ROLELESS if not issubclass(cls, views.ActsInRole)} == set()


def acting_as(client, membership):
    session = client.session
    session["acting_membership"] = membership.pk
    session.save()


def test_viewflows_own_pages_list_what_the_role_chosen_for_the_session_sees(world):
    ours, theirs = world["ours"], world["theirs"]
    client = administrator("truongthon.a1")
    flow = "/workflow/award/dossier"
    theirs_task = Task.objects.get(process=theirs.process, status="NEW", flow_task_type="HUMAN")
    for membership, seen, unseen in ((world["head"], ours, theirs), (world["officer"], theirs, ours)):
        acting_as(client, membership)
        for path in (f"{flow}/flows/", f"{flow}/tasks/"):
            page = text(client.get(path))
            assert seen.code in page and unseen.code not in page, (membership.role, path)
        assert client.get(f"{flow}/{seen.process.pk}/").status_code == 200
        assert client.get(f"{flow}/{unseen.process.pk}/").status_code == 404
    acting_as(client, world["head"])
    assert f"/{theirs_task.pk}/" not in text(client.get(f"{flow}/queue/"))
    acting_as(client, world["officer"])
    assert f"/{theirs_task.pk}/" in text(client.get(f"{flow}/queue/"))


def test_a_task_claimed_in_one_role_is_held_only_in_that_role(world):
    """A claim is made in a role: acting in another, the user's inbox does not list it as theirs."""
    user = get_user_model().objects.get(username="truongthon.a1")
    task = Task.objects.get(process__dossierprocess__dossier=world["theirs"], status="NEW")
    tasks_claim(user=user, task_ids=[task.pk], acting=world["officer"])
    client = Official("truongthon.a1")
    assert listed(client, "/api/inbox/", "dossier", world["officer"]) == {world["theirs"].pk}
    assert listed(client, "/api/inbox/", "dossier", world["head"]) == {world["ours"].pk}
    held = tab_tasks(user, world["head"], "mine").values_list("pk", flat=True)
    assert list(held) == []
    assert list(tab_tasks(user, world["officer"], "mine").values_list("pk", flat=True)) == [task.pk]
