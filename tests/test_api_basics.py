"""The API's entry points: token, me, rounds, schema."""

from django.core.management import call_command
from rest_framework.test import APIClient

from .api import Official


def test_a_token_is_issued_for_good_credentials_only(demo):
    client = APIClient()
    good = client.post("/api/auth/token/", {"username": "xa.a.canbo", "password": "demo12345"}, format="json")
    assert good.status_code == 200 and len(good.json()["token"]) == 40
    bad = client.post("/api/auth/token/", {"username": "xa.a.canbo", "password": "sai"}, format="json")
    assert bad.status_code == 400 and "Không thể đăng nhập" in str(bad.json())


def test_me_lists_every_membership_with_its_unit(demo):
    me = Official("xa.a.chutich").get("/api/me/").json()
    assert me["username"] == "xa.a.chutich" and me["full_name"] == "Trần Văn Đức"
    assert [(m["role"], m["unit"]) for m in me["memberships"]] == [
        ("commune_chair", {"code": "GL-MY-DD", "name": "Xã Đak Djrăng", "level": "commune"})
    ]


def test_rounds_are_listed_with_their_deadline_and_whether_they_are_open(demo):
    rounds = Official("truongthon.a1").get("/api/rounds/").json()["results"]
    final = next(r for r in rounds if r["name"] == "Tổng kết 2021–2025")
    assert {"id", "name", "kind", "year", "deadline", "is_open"} <= set(final)
    assert (final["kind"], final["year"], final["is_open"]) == ("final", 2025, True)


def test_the_openapi_schema_is_served_and_valid(demo):
    response = Official("truongthon.a1").get("/api/schema/", format="json")
    # one operation per step of the route, each with its own body (tests/test_route_declaration.py)
    assert response.status_code == 200 and b"/api/dossiers/{id}/transitions/approve/" in response.content
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=open("/dev/null", "w"))


def test_the_demo_seed_can_run_again_without_duplicating_anything(demo):
    from django.contrib.auth import get_user_model

    from permissions.models import Membership

    counts = (get_user_model().objects.count(), Membership.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert (get_user_model().objects.count(), Membership.objects.count()) == counts


def test_an_api_client_may_name_the_role_it_acts_in(demo, admin):
    from django.contrib.auth import get_user_model

    from dossiers.services.access import membership_grant
    from permissions.models import Unit

    from . import builders as b

    user = get_user_model().objects.get(username="xa.a.canbo")
    membership_grant(by=admin, user=user, role="commune_chair", unit=Unit.objects.get(code="GL-MY-DD"))
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    officer = Official("xa.a.canbo")
    ids = {m["role"]: m["id"] for m in officer.get("/api/me/").json()["memberships"]}
    officer.client.credentials(
        HTTP_AUTHORIZATION=officer.client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_ACTING_MEMBERSHIP=str(ids["commune_chair"]),
    )
    refused = officer.post(f"/api/dossiers/{dossier.pk}/transitions/return_to_village/", {"comment": "x"})
    assert refused.status_code == 403  # returning is the officer's, not the chair's
    officer.client.credentials(
        HTTP_AUTHORIZATION=officer.client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_ACTING_MEMBERSHIP="999999",
    )
    assert (
        officer.post(
            f"/api/dossiers/{dossier.pk}/transitions/return_to_village/", {"comment": "x"}
        ).status_code
        == 400
    )
