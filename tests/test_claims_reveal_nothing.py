"""Claiming, releasing and reassigning tell a stranger nothing: a task of a dossier they may not see is refused
exactly as a task that does not exist (404, one message), before its state or agency is looked at; and
viewflow's claim buttons (administrators only) go back only to a page of this site."""

import html
import re

import pytest
from django.db.models import Max
from viewflow.workflow.models import Task

from dossiers.errors import ServiceRefusal
from dossiers.models import AuditEvent
from workflows.services.claims import task_reassign, task_release, tasks_claim

from . import builders as b
from .pages import administrator, browser, text


def open_task(dossier):
    return Task.objects.get(process=dossier.process, status__in=["NEW", "ASSIGNED"], flow_task_type="HUMAN")


def missing_task_id():
    return Task.objects.aggregate(top=Max("pk"))["top"] + 1000


def refusal(call, **kwargs):
    with pytest.raises(ServiceRefusal) as refused:
        call(**kwargs)
    return refused.value.status_code, refused.value.message


def messages_of(response):
    found = re.search(r'<ul class="messages"[^>]*>(.*?)</ul>', text(response), re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split() if found else []


@pytest.fixture
def claimed_task(demo):
    """A task of a dossier of Xã Đak Djrăng, already claimed by its officer."""
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    task = open_task(dossier)
    tasks_claim(user=b.users("xa.a.canbo")[0], task_ids=[task.pk])
    return task


def test_claiming_a_task_of_a_dossier_one_may_not_see_is_refused_as_a_missing_task(claimed_task):
    (stranger,) = b.users("xa.b.canbo")  # the officer of another commune
    hidden = refusal(tasks_claim, user=stranger, task_ids=[claimed_task.pk])
    missing = refusal(tasks_claim, user=stranger, task_ids=[missing_task_id()])
    assert hidden == missing and hidden[0] == 404
    assert claimed_task.process.dossierprocess.dossier.code not in hidden[1]


def test_the_inbox_page_gives_a_stranger_the_same_words_for_a_hidden_task_and_a_missing_one(claimed_task):
    stranger = browser("xa.b.canbo")
    hidden = stranger.post("/inbox/claim/", {"task": [claimed_task.pk]}, follow=True)
    missing = stranger.post("/inbox/claim/", {"task": [missing_task_id()]}, follow=True)
    assert messages_of(hidden) == messages_of(missing) and "Không tìm thấy công việc" in text(hidden)
    assert claimed_task.process.dossierprocess.dossier.code not in text(hidden)


def test_releasing_or_reassigning_a_hidden_task_is_refused_as_a_missing_one(claimed_task):
    (chair,) = b.users("xa.b.chutich")
    (officer,) = b.users("xa.b.canbo")
    for call, kwargs in (
        (task_release, {"user": officer}),
        (task_reassign, {"user": chair, "to_user_id": officer.pk, "reason": "Thử"}),
    ):
        hidden = refusal(call, task_id=claimed_task.pk, **kwargs)
        assert hidden == refusal(call, task_id=missing_task_id(), **kwargs) and hidden[0] == 404


def test_a_colleague_who_may_see_the_task_is_still_told_it_is_taken(claimed_task):
    (chair,) = b.users("xa.a.chutich")  # works in the same commune's agency
    status, message = refusal(tasks_claim, user=chair, task_ids=[claimed_task.pk])
    assert status == 409 and "đã có người nhận" in message


def test_viewflows_claim_button_refuses_a_strangers_hidden_task_as_a_missing_one(claimed_task):
    process = claimed_task.process_id
    stranger = administrator("xa.b.canbo")  # an administrator who works in another commune
    urls = [
        f"/workflow/award/dossier/{process}/commune_review/{pk}/assign/"
        for pk in (claimed_task.pk, missing_task_id())
    ]
    hidden, missing = (list(stranger.post(url, follow=True).context["messages"]) for url in urls)
    assert [str(m) for m in hidden] == [str(m) for m in missing] and len(hidden) == 1


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "http://testserver.evil/"])
def test_viewflows_claim_buttons_never_send_the_official_to_another_site(demo, target):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    base = f"/workflow/award/dossier/{dossier.process.pk}/commune_review/{open_task(dossier).pk}"
    officer = administrator("xa.a.canbo")
    for action in ("assign", "unassign"):
        response = officer.post(f"{base}/{action}/", {"next": target})
        assert response.status_code == 302 and response["Location"] == "/workflow/award/dossier/inbox/"


def test_viewflows_claim_buttons_still_return_to_a_page_of_this_site(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    base = f"/workflow/award/dossier/{dossier.process.pk}/commune_review/{open_task(dossier).pk}"
    response = administrator("xa.a.canbo").post(f"{base}/assign/", {"next": "/inbox/?tab=mine"})
    assert response["Location"] == "/inbox/?tab=mine" and open_task(dossier).owner is not None


def test_the_inboxs_claim_never_sends_the_official_to_another_site(demo):
    officer = browser("xa.a.canbo")
    for target in ("https://evil.example/", "//evil.example/", "http://testserver.evil/"):
        location = officer.post("/inbox/claim/", {"task": "1", "next": target})["Location"]
        assert location.startswith("/") and not location.startswith("//"), target


def test_viewflows_claim_buttons_go_through_the_claim_service_and_the_history(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    task = open_task(dossier)
    officer = administrator("xa.a.canbo")  # viewflow's pages are for administrators only
    officer.post(f"/workflow/award/dossier/{dossier.process.pk}/commune_review/{task.pk}/assign/")
    officer.post(f"/workflow/award/dossier/{dossier.process.pk}/commune_review/{task.pk}/unassign/")
    assert list(
        AuditEvent.objects.filter(dossier=dossier, action__in=["claim", "release"]).values_list(
            "action", flat=True
        )
    ) == ["claim", "release"]
    stranger = administrator("xa.b.canbo")
    stranger.post(f"/workflow/award/dossier/{dossier.process.pk}/commune_review/{task.pk}/assign/")
    assert open_task(dossier).owner is None
    assert stranger.get(f"/workflow/award/dossier/{dossier.process.pk}/chart/").status_code == 404
    assert officer.get(f"/workflow/award/dossier/{dossier.process.pk}/chart/").status_code == 200
