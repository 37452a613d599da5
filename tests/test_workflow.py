"""The workflow mirrors the dossier: viewflow's own pages (administrators only) show each administrator who
also works in an agency that agency's tasks, the task page leads to the dossier page where the steps are, and
check_workflow finds any dossier whose flow disagrees."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from viewflow.workflow.models import Task

from . import builders as b
from . import pages
from .api import Official
from .pages import administrator

QUEUE = "/workflow/award/dossier/queue/"
INBOX = "/workflow/award/dossier/inbox/"


def task_of(dossier):
    return Task.objects.get(
        process=dossier.process, status__in=["NEW", "ASSIGNED", "STARTED"], flow_task_type="HUMAN"
    )


def test_the_viewflow_queue_shows_each_administrator_only_the_tasks_of_their_agency(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    task_url = f"/workflow/award/dossier/{dossier.process.pk}/commune_review/{task_of(dossier).pk}/"
    for username in ("admin", "xa.a.canbo", "xa.a.chutich"):
        page = administrator(username).get(QUEUE)
        assert page.status_code == 200 and task_url in page.content.decode(), username
    for username in ("xa.b.canbo", "huyen.ldtbxh", "truongthon.a1"):
        assert task_url not in administrator(username).get(QUEUE).content.decode(), username


def test_a_claimed_task_moves_to_the_claimants_viewflow_inbox(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    task = task_of(dossier)
    officer = administrator("xa.a.canbo")
    response = officer.post(f"/workflow/award/dossier/{dossier.process.pk}/commune_review/{task.pk}/assign/")
    assert response.status_code == 302
    assert f"/{task.pk}/" in officer.get(INBOX).content.decode()
    assert f"/{task.pk}/" not in administrator("xa.a.chutich").get(INBOX).content.decode()


def test_a_task_opened_in_viewflows_frontend_leads_to_the_dossier_page_where_its_steps_are(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    task = task_of(dossier)
    officer = administrator("xa.a.canbo")
    officer.post(f"/workflow/award/dossier/{dossier.process.pk}/commune_review/{task.pk}/assign/")
    url = f"/workflow/award/dossier/{dossier.process.pk}/commune_review/{task.pk}/execute/"
    page = officer.get(url)
    assert page.status_code == 302 and page["Location"] == f"/dossiers/{dossier.pk}/"
    # viewflow's own page takes no step: a POST there changes nothing.
    officer.post(url, {"transition": "return_to_village", "return_to_village-comment": "Thiếu biên bản"})
    dossier.refresh_from_db()
    assert dossier.status == "submitted"
    assert "Trả lại thôn" in officer.get(page["Location"]).content.decode()
    call_command("check_workflow", stdout=open("/dev/null", "w"))


def test_the_api_inbox_lists_unclaimed_agency_tasks_and_the_users_own(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    officer = Official("xa.a.canbo").get("/api/inbox/").json()
    assert officer["count"] == 1
    item = officer["results"][0]
    assert (item["dossier"], item["dossier_code"], item["stage"], item["assigned_to"]) == (
        dossier.pk,
        dossier.code,
        "commune_review",
        None,
    )
    assert Official("xa.b.canbo").get("/api/inbox/").json()["count"] == 0
    assert Official("truongthon.a1").get("/api/inbox/").json()["count"] == 0
    draft = b.new_dossier()
    assert [t["dossier"] for t in Official("truongthon.a1").get("/api/inbox/").json()["results"]] == [
        draft.pk
    ]


def test_a_colleague_may_act_on_a_task_claimed_by_another_official_of_the_agency(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    task = task_of(dossier)
    administrator("xa.a.canbo").post(
        f"/workflow/award/dossier/{dossier.process.pk}/commune_review/{task.pk}/assign/"
    )
    b.commune_documents(dossier)
    b.fire("xa.a.chutich", dossier, "commune_approve", **b.commune_approve_payload(dossier))
    task.refresh_from_db()
    assert task.status == "DONE" and task.owner.username == "xa.a.chutich"


def test_check_workflow_reports_a_dossier_whose_task_disappeared(demo):
    healthy = b.new_dossier()
    broken = b.new_dossier()
    b.to_submitted(broken)
    Task.objects.filter(pk=task_of(broken).pk).update(status="CANCELED")
    output = __import__("io").StringIO()
    with pytest.raises(CommandError):
        call_command("check_workflow", stdout=output)
    assert broken.code in output.getvalue() and healthy.code not in output.getvalue()


def test_check_workflow_reports_a_finished_dossier_with_an_open_task(demo):
    dossier = b.new_dossier()
    b.fire("truongthon.a1", dossier, "withdraw", comment="Rút")
    done = Task.objects.filter(process=dossier.process, flow_task_type="HUMAN").get()
    Task.objects.filter(pk=done.pk).update(status="NEW")
    with pytest.raises(CommandError):
        call_command("check_workflow", stdout=open("/dev/null", "w"))


def test_the_commune_chair_records_the_meeting_on_the_dossier_page_with_a_dd_mm_yyyy_date(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    b.commune_documents(dossier)
    chair = pages.browser("xa.a.chutich")  # the site's own page: an official, not an administrator
    nomination = dossier.nominations.get()
    response = chair.post(
        f"/dossiers/{dossier.pk}/actions/commune_approve/",
        {
            "transition": "commune_approve",
            "commune_approve-transition": "commune_approve",
            "commune_approve-held_on": b.TODAY.strftime("%d/%m/%Y"),
            "commune_approve-members_total": "7",
            "commune_approve-members_present": "5",
            f"commune_approve-approved_{nomination.pk}": "on",
            f"commune_approve-votes_{nomination.pk}": "5",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    dossier.refresh_from_db()
    assert dossier.status == "awaiting_decision" and dossier.meeting_held_on == b.TODAY


def test_viewflow_pages_never_show_a_dossier_to_a_stranger(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    process, task = dossier.process.pk, task_of(dossier).pk
    stranger, officer = administrator("truongthon.b1"), administrator("xa.a.canbo")
    for path in ("/workflow/award/dossier/flows/", "/workflow/award/dossier/tasks/"):
        assert dossier.code not in stranger.get(path).content.decode(), path
        assert officer.get(path).status_code == 200
    assert stranger.get(f"/workflow/award/dossier/{process}/").status_code == 404
    assert stranger.get(f"/workflow/award/dossier/{process}/commune_review/{task}/detail/").status_code == 404
    assert officer.get(f"/workflow/award/dossier/{process}/").status_code == 200


def test_an_anonymous_visitor_of_the_workflow_pages_is_sent_to_the_login_page(demo):
    response = Client().get(QUEUE)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_supplement_waits_for_the_commune_officer_only(demo):
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_appraisal(dossier)
    b.fire("huyen.noivu", dossier, "request_supplement", comment="Bổ sung giấy xác nhận")
    assert [t["stage"] for t in Official("xa.a.canbo").get("/api/inbox/").json()["results"]] == ["supplement"]
    assert Official("xa.a.chutich").get("/api/inbox/").json()["count"] == 0
    event = dossier.events.get(action="request_supplement")
    assert event.changes["supplement_requests"] == [0, 1]


def test_the_api_inbox_merges_claimed_and_unclaimed_tasks_oldest_first_across_pages(demo):
    import datetime

    from django.contrib.auth import get_user_model
    from django.core.paginator import Paginator
    from django.utils import timezone

    from workflows.selectors import inbox_tasks
    from workflows.services.claims import tasks_claim

    dossiers = [b.new_dossier() for _ in range(5)]
    for age, dossier in zip([5, 1, 4, 2, 3], dossiers, strict=True):
        b.to_submitted(dossier)
        Task.objects.filter(pk=task_of(dossier).pk).update(
            created=timezone.now() - datetime.timedelta(days=age)
        )
    officer = get_user_model().objects.get(username="xa.a.canbo")
    tasks_claim(
        user=officer, task_ids=[task_of(dossiers[2]).pk, task_of(dossiers[3]).pk]
    )  # mine, ages 4 and 2
    oldest_first = [dossiers[i].pk for i in (0, 2, 4, 3, 1)]  # ages 5, 4, 3, 2, 1
    pages = Paginator(inbox_tasks(officer), 2)
    assert pages.count == 5
    listed = [
        t.process.dossierprocess.dossier_id for n in pages.page_range for t in pages.page(n).object_list
    ]
    assert listed == oldest_first
    api = Official("xa.a.canbo").get("/api/inbox/").json()
    assert [item["dossier"] for item in api["results"]] == oldest_first and api["count"] == 5
    assert Official("xa.b.canbo").get("/api/inbox/").json()["count"] == 0  # another commune sees none of them


def test_the_api_inbox_lists_the_queues_of_the_role_the_client_acts_in(demo):
    from django.contrib.auth import get_user_model

    from dossiers.services.access import membership_grant
    from permissions.models import Unit

    admin = get_user_model().objects.create_superuser("quan.tri.inbox", password="demo12345")
    officer = get_user_model().objects.get(username="xa.a.canbo")
    membership_grant(by=admin, user=officer, role="commune_chair", unit=Unit.objects.get(code="GL-MY-DD"))
    dossier = b.new_dossier()
    b.to_commune_decision(dossier)  # the commune committee's queue: the chair's, not the officer's
    client = Official("xa.a.canbo")
    roles = {m["role"]: m["id"] for m in client.get("/api/me/").json()["memberships"]}

    def listed(role=None):
        headers = {"HTTP_X_ACTING_MEMBERSHIP": str(roles[role])} if role else {}
        return [item["dossier"] for item in client.client.get("/api/inbox/", **headers).json()["results"]]

    assert listed() == [dossier.pk]  # no role named: every role the user holds
    assert listed("commune_chair") == [dossier.pk]
    assert listed("commune_officer") == []
