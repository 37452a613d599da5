"""Accounts: lockout after repeated failures; tokens that die with logout, deactivation, a new password or
their age; deploy checks."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from config.middleware import REFRESHED_AT

from .api import Official
from .pages import browser, text

ROOT = Path(__file__).resolve().parent.parent


def token_for(username, password="demo12345"):
    return APIClient().post("/api/auth/token/", {"username": username, "password": password}, format="json")


def test_repeated_failed_logins_lock_the_account_for_a_while(demo, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert token_for("xa.a.canbo", "sai-mat-khau").status_code == 400
    assert token_for("xa.a.canbo", "sai-mat-khau").status_code == 429  # the last allowed failure locks
    locked = token_for("xa.a.canbo")  # even the right password, now
    assert locked.status_code == 429 and "tạm bị khoá" in locked.json()["detail"]
    page = Client().post("/accounts/login/", {"username": "xa.a.canbo", "password": "demo12345"})
    assert page.status_code == 429 and "tạm bị khoá" in text(page)
    assert token_for("xa.a.chutich").status_code == 200  # one account's lock leaves the others alone


def test_a_token_is_useless_after_logout(demo):
    official = Official("xa.a.canbo")
    assert official.get("/api/me/").status_code == 200
    assert official.post("/api/auth/logout/").status_code == 204
    assert official.get("/api/me/").status_code in (401, 403)


def test_logging_out_of_the_pages_revokes_the_api_token_too(demo):
    official = Official("xa.a.canbo")
    pages = browser("xa.a.canbo")
    pages.post("/accounts/logout/")
    assert official.get("/api/me/").status_code in (401, 403)
    assert pages.get("/inbox/").status_code == 302


def test_a_deactivated_official_loses_access_at_once(demo):
    official, pages = Official("xa.a.canbo"), browser("xa.a.canbo")
    assert official.get("/api/dossiers/").status_code == 200 and pages.get("/inbox/").status_code == 200
    get_user_model().objects.filter(username="xa.a.canbo").update(is_active=False)
    assert official.get("/api/dossiers/").status_code in (401, 403)
    assert pages.get("/inbox/").status_code == 302


def test_pages_carry_a_content_security_policy(demo):
    response = browser("xa.a.canbo").get("/inbox/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_production_settings_pass_djangos_deploy_checks():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {"DEBUG": "0", "SECRET_KEY": "k" * 20 + "-a-long-random-production-key-0123456789"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"} | {"DEBUG": "0"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_an_absurd_username_is_refused_before_it_reaches_the_database(demo):
    for username in ("x" * 5000, "a\x00b"):
        assert token_for(username, "x").status_code == 400


def _session_writes(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]


def test_an_active_officials_session_is_extended_without_writing_it_on_every_page(demo, settings):
    official = Client()
    assert (
        official.post("/accounts/login/", {"username": "xa.a.canbo", "password": "demo12345"}).status_code
        == 302
    )
    key = official.cookies[settings.SESSION_COOKIE_NAME].value
    first_expiry = Session.objects.get(pk=key).expire_date
    assert _session_writes(official, "/inbox/") == []  # signed in a moment ago: nothing to write

    session = official.session
    session[REFRESHED_AT] -= settings.SESSION_REFRESH_SECONDS  # five minutes pass
    session.save()
    Session.objects.filter(pk=key).update(expire_date=first_expiry - datetime.timedelta(minutes=5))
    assert _session_writes(official, "/inbox/")  # written once …
    assert Session.objects.get(pk=key).expire_date > first_expiry - datetime.timedelta(minutes=1)
    assert _session_writes(official, "/inbox/") == []  # … and not again on the next page


def test_a_token_request_makes_no_session(demo):
    token = token_for("xa.a.canbo").json()["token"]
    before = Session.objects.count()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/inbox/").status_code == 200
    assert Session.objects.count() == before and "sessionid" not in client.cookies


def _age_token(username, by):
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user__username=username).update(created=timezone.now() - by)


def test_a_token_expires_after_its_lifetime_with_a_401_that_says_to_get_a_new_one(demo, settings):
    official = Official("xa.a.canbo")
    _age_token("xa.a.canbo", settings.API_TOKEN_LIFETIME - datetime.timedelta(minutes=1))
    assert official.get("/api/me/").status_code == 200  # still within its working week
    _age_token("xa.a.canbo", settings.API_TOKEN_LIFETIME + datetime.timedelta(minutes=1))
    expired = official.get("/api/me/")
    assert expired.status_code == 401 and "hết hạn" in expired.json()["detail"]
    assert expired["WWW-Authenticate"] == "Token"
    assert official.get("/api/me/").status_code == 401  # the expired token is gone, not just refused once


def test_signing_in_again_after_the_token_expired_issues_a_new_one(demo, settings):
    old = Official("xa.a.canbo")
    _age_token("xa.a.canbo", settings.API_TOKEN_LIFETIME + datetime.timedelta(minutes=1))
    fresh = Official("xa.a.canbo")  # not the dead token handed back
    assert fresh.get("/api/me/").status_code == 200 and old.get("/api/me/").status_code == 401


def test_a_revoked_token_is_answered_401_in_vietnamese(demo):
    official = Official("xa.a.canbo")
    official.post("/api/auth/logout/")
    refused = official.get("/api/me/")
    assert refused.status_code == 401 and "đã bị thu hồi" in refused.json()["detail"]


def _change_password_in_the_admin(username, password="mat-khau-moi-2025"):
    user = get_user_model().objects.get(username=username)
    admin = browser("admin")
    response = admin.post(
        f"/admin/auth/user/{user.pk}/password/",
        {"password1": password, "password2": password, "usable_password": "true"},
    )
    assert response.status_code == 302, text(response)
    return admin


def test_a_new_password_set_by_the_administrator_revokes_the_tokens_and_other_sessions(demo):
    official, pages = Official("xa.a.canbo"), browser("xa.a.canbo")
    assert official.get("/api/me/").status_code == 200 and pages.get("/inbox/").status_code == 200
    admin = _change_password_in_the_admin("xa.a.canbo")
    assert official.get("/api/me/").status_code == 401
    assert pages.get("/inbox/").status_code == 302  # signed out: Django's session check on the password
    assert admin.get("/admin/").status_code == 200  # the administrator's own session is untouched
    assert token_for("xa.a.canbo", "mat-khau-moi-2025").status_code == 200


def test_a_password_changed_by_any_other_way_revokes_the_tokens_too(demo):
    official = Official("xa.a.canbo")
    user = get_user_model().objects.get(username="xa.a.canbo")
    user.set_password("mat-khau-moi-2025")  # as `manage.py changepassword` and the reset views do
    user.save()
    assert official.get("/api/me/").status_code == 401


def test_signing_in_again_or_saving_the_user_otherwise_keeps_the_token(demo):
    official = Official("xa.a.canbo")
    Official("xa.a.canbo")  # a second program of the same official shares the live token
    user = get_user_model().objects.get(username="xa.a.canbo")
    user.first_name = "Lan"
    user.save()
    assert official.get("/api/me/").status_code == 200
