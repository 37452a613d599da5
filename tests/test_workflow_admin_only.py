"""viewflow's own frontend (/workflow/) is for administrators only. Every official is refused with the
site's Vietnamese 403 page, which leads back to their inbox; the administrator gets the engine's pages, a
task's link shows the task instead of an empty page, and the engine's "Cancel" never ends a dossier's
process behind the dossier's back."""

import pytest
from django.test import Client
from viewflow.workflow.models import Task

from . import builders as b
from .pages import browser, text

FLOW = "/workflow/award/dossier"
OFFICIALS = [
    "village_head",
    "commune_officer",
    "commune_chair",
    "labour_officer",
    "appraiser",
    "district_chair",
    "inspector",
    "province_officer",
    "outsider",
]


@pytest.fixture
def task(demo):
    """The open commune-review task of a submitted dossier of Xã Đak Djrăng."""
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    return Task.objects.get(process=dossier.process, status="NEW", flow_task_type="HUMAN")


def engine_urls(task):
    process = f"{FLOW}/{task.process_id}"
    step = f"{process}/commune_review/{task.pk}"
    return [
        "/workflow/",
        f"{FLOW}/queue/",
        f"{FLOW}/inbox/",
        f"{FLOW}/archive/",
        f"{FLOW}/flows/",
        f"{FLOW}/tasks/",
        f"{FLOW}/chart/",
        f"{process}/",
        f"{process}/chart/",
        f"{process}/cancel/",
        f"{step}/",
        f"{step}/detail/",
        f"{step}/assign/",
        f"{step}/unassign/",
        f"{FLOW}/queue/assign/",
        f"{FLOW}/inbox/unassign/",
    ]


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("persona", OFFICIALS)
def test_every_official_is_refused_every_workflow_page_and_sent_back_to_their_inbox(request, task, persona):
    official = signed_in(request.getfixturevalue(persona))
    for url in engine_urls(task):
        page = official.get(url)
        assert page.status_code == 403, (url, page.status_code)
        assert "Không có quyền truy cập" in text(page) and 'href="/"' in text(page), url
    assert official.post(f"{FLOW}/{task.process_id}/commune_review/{task.pk}/assign/").status_code == 403
    assert official.post(f"{FLOW}/{task.process_id}/cancel/", {"_cancel_process": "1"}).status_code == 403
    task.refresh_from_db()
    assert task.owner_id is None and task.status == "NEW"
    assert "/workflow/" not in text(official.get("/inbox/"))  # and no menu leads there


def test_the_administrator_opens_every_workflow_page(task):
    admin = browser("admin")
    for url in engine_urls(task):
        page = admin.get(url, follow=True)
        assert page.status_code == 200, (url, page.status_code, page.redirect_chain)


def test_a_task_link_in_the_engines_lists_shows_the_task_instead_of_an_empty_page(task):
    step = f"{FLOW}/{task.process_id}/commune_review/{task.pk}"
    page = browser("admin").get(f"{step}/", follow=True)  # the link in the queue leads to .../assign/
    assert page.status_code == 200 and page.redirect_chain[-1][0] == "../detail/"
    assert page.request["PATH_INFO"] == f"{step}/detail/"


def test_the_engines_cancel_button_leaves_the_dossier_and_its_process_alone(task):
    dossier = task.process.dossierprocess.dossier
    page = browser("admin").post(f"{FLOW}/{task.process_id}/cancel/", {"_cancel_process": "1"}, follow=True)
    assert page.redirect_chain == [(f"/dossiers/{dossier.pk}/", 302)]
    assert "Quy trình của hồ sơ không huỷ ở đây" in text(page)
    task.refresh_from_db()
    task.process.refresh_from_db()
    assert task.status == "NEW" and task.process.status == "NEW"
    dossier.refresh_from_db()
    assert dossier.status == "submitted"
