"""Refusals and failures answer with the site's own Vietnamese pages (JSON under /api/), never a 500 for a
bad request and never Django's debug pages unless a developer asks for them; a body above the limit is
refused before it is read."""

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import Client
from django.urls import path

from config import urls as site_urls

from .pages import browser, text

ROOT = Path(__file__).resolve().parent.parent
HUGE = "99999999999999999999999"  # beyond any 64-bit id: SQLite cannot even bind it


def heading(response):
    found = re.search(r"<h1>(.*?)</h1>", text(response))
    return found.group(1) if found else None


def _boom(request):
    raise RuntimeError("a failure inside a view")


# This module doubles as a URLconf (ROOT_URLCONF below): the site's URLs, its error handlers, and a failing view.
urlpatterns = [*site_urls.urlpatterns, path("boom/", _boom)]
handler400, handler404, handler500 = site_urls.handler400, site_urls.handler404, site_urls.handler500


@pytest.mark.parametrize(
    "url",
    [
        f"/workflow/award/dossier/{HUGE}/",
        f"/workflow/award/dossier/{HUGE}/chart/",
        f"/dossiers/{HUGE}/",
        f"/dossiers/{HUGE}/history/",
        f"/dossiers/{HUGE}/documents/{HUGE}/",
        f"/files/{HUGE}/",
        f"/decisions/{HUGE}/pdf/",
    ],
)
def test_an_impossibly_large_id_in_a_url_is_the_sites_404_page(demo, url):
    # viewflow's own pages are for administrators only: an official is refused there before any id is read.
    response = browser("admin" if url.startswith("/workflow/") else "xa.a.canbo").get(url)
    assert response.status_code == 404 and heading(response) == "Không tìm thấy trang"


def test_an_impossibly_large_id_in_an_api_url_is_a_json_404(demo):
    from .api import Official

    official = Official("xa.a.canbo")
    for url in (f"/api/dossiers/{HUGE}/", f"/api/dossiers/{HUGE}/history/", f"/api/decisions/{HUGE}/pdf/"):
        response = official.get(url)
        assert response.status_code == 404 and response.json()["detail"].startswith("Không tìm thấy")


def test_an_unknown_api_address_is_a_json_404(demo):
    response = Client().get("/api/khong-co/")
    assert response.status_code == 404 and response.json()["detail"] == "Không tìm thấy."


def test_a_missing_page_keeps_the_sites_menu_for_a_signed_in_official(demo):
    response = browser("xa.a.canbo").get("/khong-co-trang-nay/")
    assert response.status_code == 404 and heading(response) == "Không tìm thấy trang"
    assert "Tra cứu hồ sơ" in text(response)


def test_an_unknown_host_is_a_400_page_in_vietnamese_not_a_500(db):
    for url in ("/", "/accounts/login/", "/static/workflows/app.css"):
        response = Client(HTTP_HOST="evil.example").get(url)
        assert response.status_code == 400 and heading(response) == "Yêu cầu không hợp lệ", url
    api = Client(HTTP_HOST="evil.example").get("/api/me/")
    assert api.status_code == 400 and api.json()["detail"] == "Yêu cầu không hợp lệ."


def test_a_failure_inside_a_view_is_the_sites_500_page_drawn_without_the_database(
    db, settings, django_assert_num_queries
):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get("/boom/")
    assert response.status_code == 500 and heading(response) == "Hệ thống đang gặp sự cố"
    assert "RuntimeError" not in text(response)


def test_a_form_refused_by_the_csrf_check_says_to_reload_in_vietnamese(db):
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403 and "tải lại trang" in text(response)


MIB = 1024 * 1024


@pytest.mark.parametrize("url", ["/accounts/login/", "/api/dossiers/1/documents/"])
def test_a_body_above_the_limit_is_refused_with_413_before_it_is_read(db, url):
    # The declared 60 MB never arrive: the test client fails the request if anything tries to read them.
    response = Client().generic(
        "POST",
        url,
        data=b"--x\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(60 * MIB),
    )
    assert response.status_code == 413
    body = response.json()["detail"] if url.startswith("/api/") else text(response)
    assert "quá lớn" in body and "51 MB" in body


def test_a_body_within_the_limit_goes_through(db, settings):
    settings.REQUEST_MAX_BYTES = 2000
    assert Client().post("/accounts/login/", {"username": "x" * 1500}).status_code == 200
    assert Client().post("/accounts/login/", {"username": "x" * 2500}).status_code == 413


def test_the_readmes_proxy_limit_is_the_applications_limit(settings):
    readme = (ROOT / "README.md").read_text()
    proxy = re.search(r"client_max_body_size (\d+)m;", readme)
    assert proxy and int(proxy.group(1)) * MIB == settings.REQUEST_MAX_BYTES
    assert settings.REQUEST_MAX_BYTES >= settings.DOCUMENT_MAX_BYTES + MIB


def _settings_seen_with(**env):
    code = (
        "from django.conf import settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE, bool(s.SECRET_KEY))"
    )
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")} | env
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    return result.stdout.splitlines()[-1].split()  # after the shell's note on what it imported


def test_the_embedded_default_shows_debug_pages_only_when_asked_for():
    assert _settings_seen_with() == ["False", "False", "True"]  # plain HTTP on this machine, no debug pages
    assert _settings_seen_with(DEBUG="1") == ["True", "False", "True"]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _wait_for(url, server):
    for _ in range(120):
        if server.poll() is not None:
            raise AssertionError(server.stdout.read())
        try:
            return _fetch(url)
        except OSError:
            time.sleep(0.25)
    raise AssertionError("the server did not start")


def test_make_run_serves_the_sites_own_pages_and_its_static_files(tmp_path):
    port = _free_port()
    recipe = subprocess.run(
        ["make", "-n", "run", f"PORT={port}"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    command = shlex.split(next(line for line in reversed(recipe) if "runserver" in line))
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    server = subprocess.Popen(
        [*command, "--noreload"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        status, page = _wait_for(f"http://127.0.0.1:{port}/khong-co-trang-nay/", server)
        assert status == 404 and "<h1>Không tìm thấy trang</h1>" in page and "URLconf" not in page
        status, css = _fetch(f"http://127.0.0.1:{port}/static/workflows/app.css")
        assert status == 200 and ".topbar" in css
    finally:
        server.terminate()
        server.wait(timeout=10)
