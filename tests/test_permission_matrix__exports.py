"""The exports of tests/permission_matrix.py: each repeats its page for every persona, and none escapes it.

A download that lists more than its page is a leak nobody sees on screen. Each export is read next to its
page for every persona, the pages are checked against who sees what, and the URL configuration is searched
(by the views' code and by asking each URL for a file) so that an export missing from the matrix fails here.
"""

import csv
import inspect
import io
import json
import re
import unicodedata

import pytest
from django.contrib.auth import get_user_model
from django.core.signals import request_finished
from django.db import close_old_connections
from django.test import Client
from django.urls import get_resolver, reverse
from lxml import html
from openpyxl import load_workbook
from pypdf import PdfReader
from rest_framework.test import APIClient
from viewflow.workflow.models import Task

from web import generated as files
from workflows.models import GeneratedFile

from . import export_world as w
from . import permission_matrix as m
from .test_documents import docx_text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COMMUNES = {"Xã Đak Djrăng", "Xã Lơ Pang"}
NAMES = set().union(*w.NOMINEES.values())


@pytest.fixture
def world(demo):
    get_user_model().objects.create_user("nguoi.ngoai", password="demo12345")
    return w.build()


def clients(persona):
    user = get_user_model().objects.get(username=persona)
    pages, api = Client(), APIClient()
    pages.force_login(user)
    api.force_authenticate(user)
    return pages, api


def flat(text) -> str:
    return unicodedata.normalize("NFC", " ".join(str(text).split()))


def export_reading(response):
    """(text, number of rows) of a downloaded file or an API answer."""
    kind = response["Content-Type"].split(";")[0]
    if kind == XLSX:
        book = load_workbook(io.BytesIO(response.content))
        rows = [row for sheet in book for row in sheet.iter_rows(values_only=True)]
        cells = " | ".join(str(v) for row in rows for v in row if v is not None)
        return cells, len(rows) - len(book.worksheets)  # each sheet's header row is not a row
    if kind == "text/csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        return " | ".join(" | ".join(row) for row in rows), len(rows) - 1
    if kind == "application/pdf":
        reader = PdfReader(io.BytesIO(response.content))
        return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)
    if kind == DOCX:
        return docx_text(response.content), None
    data = response.json()
    items = data.get("results", data) if isinstance(data, dict) else data
    return json.dumps(data, ensure_ascii=False), len(items)


def _decision_part(main, number):
    for section in main.xpath('.//*[@data-testid="decision"]'):
        if number in section.find(".//h2").text_content():
            return section
    return None


def _events(main) -> int:
    """The history's events: the timeline's items, or the total the pager counts (the audit's table)."""
    timeline = main.xpath('.//*[@data-testid="history"]/li')
    total = re.search(r"(\d+) mục", flat(main.text_content()))
    return len(timeline) or (int(total.group(1)) if total else 0)


def page_reading(client, world, page):
    """(text, number of events) of what the page shows the persona, its filters left out; None if the page is
    not theirs (404) or shows them no such part."""
    texts, events = [], 0
    for path in page if isinstance(page, tuple) else (page,):
        path, _, part = path.partition("#")
        response = client.get(path.format(**world.placeholders()))
        if response.status_code == 404:
            return None
        assert response.status_code == 200, (path, response.status_code)
        main = html.fromstring(response.content).find(".//main")
        for search in main.xpath('.//form[@method="get"]'):  # a filter's choices are not rows
            search.drop_tree()
        if part:
            main = _decision_part(main, getattr(world, part).number)
            if main is None:
                return None
        texts.append(main.text_content())
        events += _events(main)
    return flat(" ".join(texts)), events


def found(world, text, what) -> set:
    universe = {
        "codes": {d.code for d in world.dossiers.values()},
        "names": NAMES,
        "communes": COMMUNES,
    }[what]
    return {item for item in universe if item in text}


def _compare(world, persona, export, page, compared):
    pages, api = clients(persona)
    seen = page_reading(pages, world, page)
    url = export.format(**world.placeholders())
    response = (api if url.startswith("/api/") else pages).get(url)
    if seen is None or response.status_code == 404:
        both = seen is None and response.status_code == 404
        return [] if both else [(persona, export, "page" if seen else "no page", response.status_code)]
    assert response.status_code == 200, (persona, url, response.status_code)
    text, rows = export_reading(response)
    mismatches = []
    for what in sorted(compared):
        on_page = seen[1] if what == "events" else found(world, seen[0], what)
        in_export = rows if what == "events" else found(world, flat(text), what)
        if on_page != in_export:
            mismatches.append((persona, export, what, on_page, in_export))
    return mismatches


@pytest.mark.parametrize("name", sorted(m.EXPORTS))
def test_every_export_holds_exactly_the_rows_its_page_shows_each_persona(world, name):
    mismatches = []
    for persona in m.PERSONAS:
        for export, page, compared in m.EXPORTS[name]:
            mismatches += _compare(world, persona, export, page, compared)
    assert mismatches == []


def test_each_persona_is_shown_the_awardees_and_dossiers_of_exactly_the_dossiers_they_see(world):
    mismatches = []
    for persona in m.PERSONAS:
        pages, _api = clients(persona)
        sees = m.WORLD_SEES[persona]
        awarded = sees - {"A draft"}
        want = {
            "/decisions/": (world.codes(awarded), set().union(set(), *(w.NOMINEES[d] for d in awarded))),
            "/dossiers/": (world.codes(sees), None),
        }
        for path, (codes, names) in want.items():
            text, _events = page_reading(pages, world, path)
            got = (found(world, text, "codes"), found(world, text, "names") if names is not None else None)
            if got != (codes, names):
                mismatches.append((persona, path, (codes, names), got))
    assert mismatches == []


# Signs in a view's code, its URL name or its route that it hands out a file or a list of rows.
EXPORT_CODE = re.compile(
    r"""(GET|query_params)\.get\(\s*["']format|Content-Disposition|FileResponse|workbook|text/csv"""
    r"""|application/pdf|image/|_csv\(|ListAPIView|ListCreateAPIView|many=True"""
)
EXPORT_NAME = re.compile(r"export|csv|xlsx|pdf|docx|download|certificate|print|report|excel")


def named_urls():
    """(name, route, pattern) of every named URL of the service: viewflow's and the admin's own are outside,
    as in test_every_url_is_in_the_matrix."""
    urls = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                if pattern.namespace in (None, "") and not str(pattern.pattern).startswith(
                    ("admin/", "workflow/")
                ):
                    walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif pattern.name:
                urls.append((pattern.name, prefix + str(pattern.pattern), pattern))

    walk(get_resolver().url_patterns)
    return urls


def view_code(callback) -> str:
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None) or inspect.unwrap(callback)
    # A class made from the route (one API view per step) has no source of its own: read the class it extends.
    for klass in getattr(view, "__mro__", (view,)):
        try:
            return inspect.getsource(klass)
        except (OSError, TypeError):
            continue
    raise AssertionError(f"no source for {view}")


def looks_like_export(name, route, pattern) -> bool:
    return bool(EXPORT_CODE.search(view_code(pattern.callback)) or EXPORT_NAME.search(f"{name} {route}"))


def test_every_view_whose_code_or_name_says_export_is_in_the_matrix():
    unlisted = {
        name
        for name, route, pattern in named_urls()
        if looks_like_export(name, route, pattern) and name not in m.EXPORTS and name not in m.NO_ROWS
    }
    assert unlisted == set(), (
        "add them to EXPORTS (with the page they repeat) or NO_ROWS in permission_matrix"
    )


def test_the_matrix_lists_only_urls_that_exist_and_the_code_search_finds_them_all():
    urls = {name: (route, pattern) for name, route, pattern in named_urls()}
    listed = set(m.EXPORTS) | set(m.NO_ROWS)
    assert listed - set(urls) == set()
    assert not set(m.EXPORTS) & set(m.NO_ROWS)
    # The search above must be able to fail: it recognises every export the matrix knows.
    assert {name for name in listed if not looks_like_export(name, *urls[name])} == set()


SAMPLE_TEXT = {"kind": "to-trinh", "fmt": "pdf", "name": "submit"}


def _sample_kwargs(world, route, pattern, objects):
    kwargs = {}
    for key in pattern.pattern.converters:
        if key == "pk":
            owner = next((o for prefix, o in objects["pk"] if route.startswith(prefix)), world.dossiers["A"])
            kwargs[key] = owner.pk
        elif key in objects:
            kwargs[key] = objects[key].pk
        else:
            assert key in SAMPLE_TEXT, f"{route}: add a sample value for <{key}> to SAMPLE_TEXT"
            kwargs[key] = SAMPLE_TEXT[key]
    return kwargs


def _is_file(response) -> bool:
    kind = response.get("Content-Type", "").split(";")[0]
    return (
        response.has_header("Content-Disposition")
        or kind not in {"text/html", "application/json", ""}
        or (response.status_code == 302 and response["Location"].startswith("/files/"))
    )


def _release(response):
    """Close a file response's file without the end-of-request signal: Django's test client keeps the
    signal from closing the test's database connection (it would on PostgreSQL), and so must this test."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def test_every_url_that_answers_with_a_file_is_in_the_matrix(world):
    admin = get_user_model().objects.get(username="admin")  # sees everything, so every export answers
    generated = GeneratedFile.objects.create(
        owner=admin,
        kind="certificates",
        params={"decision": world.district.pk},
        filename="giay-khen.pdf",
        content_type="application/pdf",
    )
    files.build_file(generated.pk)
    objects = {
        "pk": [("decisions/", world.district), ("api/decisions/", world.district), ("files/", generated)],
        "document_id": world.dossiers["A"].documents.first(),
        "task_id": Task.objects.first(),
    }
    client, answering = Client(), set()
    client.force_login(admin)
    for name, route, pattern in named_urls():
        url = reverse(name, kwargs=_sample_kwargs(world, route, pattern, objects))
        for query in ("", "?format=xlsx", "?format=csv", "?format=pdf"):
            response = client.get(url + query)
            _release(response)
            if _is_file(response):
                answering.add(name)
                break
    assert answering - set(m.EXPORTS) - set(m.NO_ROWS) == set()
    # The probe must be able to fail: it finds the files the matrix knows of.
    known = {"dossier-list", "decision-list", "decision-pdf", "api-decision-certificates", "dossier-draft"}
    assert known | {"dossier-history", "audit", "statistics", "import-template", "file-download"} <= answering
