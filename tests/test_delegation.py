"""Delegation while away: a role lent to a colleague for dates, acted in as its holder would, recorded as
"X, acting for Y", ended by itself or revoked by the chair or an administrator."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from dossiers.models import AuditEvent
from permissions import rules
from permissions.models import Delegation, Membership
from permissions.names import full_name
from workflows.services.delegation import delegation_create

from . import builders as b

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def user(username):
    return get_user_model().objects.get(username=username)


def membership(username, role=None):
    held = Membership.objects.filter(user__username=username)
    return held.get(role=role) if role else held.get()


def api(username, acting=None):
    client = APIClient()
    client.force_authenticate(user(username))
    if acting is not None:
        client.credentials(HTTP_X_ACTING_MEMBERSHIP=str(acting.pk))
    return client


def lend(holder="xa.a.chutich", delegate="xa.a.phochutich", starts=TODAY, ends=TODAY + 7 * DAY, by=None):
    lent = membership(holder)
    return delegation_create(
        by=user(by or holder),
        acting=None,
        membership_id=lent.pk,
        delegate_id=user(delegate).pk,
        starts_on=starts,
        ends_on=ends,
        reason="Nghỉ phép năm",
    )


def lend_over_api(client, holder="xa.a.chutich", delegate="xa.a.phochutich", **dates):
    body = {
        "membership": membership(holder).pk,
        "delegate": delegate,
        "starts_on": dates.get("starts_on", TODAY.isoformat()),
        "ends_on": dates.get("ends_on", (TODAY + 7 * DAY).isoformat()),
        "reason": "Nghỉ phép năm",
    }
    return client.post("/api/delegations/", body, format="json")


# Lending


def test_the_chair_lends_the_role_to_the_vice_chair_over_the_api_and_the_history_says_so(demo):
    response = lend_over_api(api("xa.a.chutich"))
    assert response.status_code == 201, response.json()
    assert response.json()["delegate"] == "xa.a.phochutich" and response.json()["in_force"] is True
    event = AuditEvent.objects.get(action="delegate_role")
    assert event.actor == user("xa.a.chutich")
    assert (
        event.changes["delegate"] == "xa.a.phochutich"
        and event.changes["ends_on"] == (TODAY + 7 * DAY).isoformat()
    )


def test_the_vice_chair_holds_the_lent_role_and_is_told_for_whom(demo):
    lend()
    me = api("xa.a.phochutich").get("/api/me/").json()
    lent = [m for m in me["memberships"] if m["acting_for"]]
    assert [m["role"] for m in lent] == ["commune_chair"]
    assert lent[0]["acting_for"]["delegator"] == "xa.a.chutich"
    client = Client()
    client.force_login(user("xa.a.phochutich"))
    page = client.get("/role/").content.decode()
    assert "Chủ tịch UBND xã" in page and "thay mặt" in page


@pytest.mark.parametrize(
    "delegate, field",
    [
        ("xa.b.chutich", "delegate"),  # another commune
        ("xa.a.canbo", "delegate"),  # the officer signs no decision
        ("xa.a.chutich", "delegate"),  # oneself
    ],
)
def test_a_role_goes_only_to_a_colleague_who_may_hold_it(demo, delegate, field):
    response = lend_over_api(api("xa.a.chutich"), delegate=delegate)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Delegation.objects.exists() and not AuditEvent.objects.filter(action="delegate_role").exists()


def test_the_dates_are_checked_in_vietnamese(demo):
    past = lend_over_api(api("xa.a.chutich"), starts_on=(TODAY - DAY).isoformat())
    assert past.status_code == 400 and "trước hôm nay" in past.json()["errors"]["starts_on"][0]
    backwards = lend_over_api(api("xa.a.chutich"), ends_on=(TODAY - DAY).isoformat())
    assert backwards.status_code == 400 and "ends_on" in backwards.json()["errors"]


def test_a_role_lent_for_overlapping_dates_is_a_conflict(demo):
    lend()
    again = lend_over_api(api("xa.a.chutich"), starts_on=(TODAY + 3 * DAY).isoformat())
    assert again.status_code == 409 and "thu hồi" in again.json()["detail"]
    assert Delegation.objects.count() == 1


def test_a_stranger_may_not_lend_someone_elses_role(demo):
    response = lend_over_api(api("xa.b.chutich"))
    assert response.status_code == 403
    assert not Delegation.objects.exists()


def test_the_chair_may_lend_a_role_of_their_unit_for_an_official_on_leave(demo):
    response = lend_over_api(api("xa.a.chutich"), holder="xa.a.canbo", delegate="xa.a.chutich")
    assert response.status_code == 201
    assert Delegation.objects.get().delegator == user("xa.a.canbo")


def test_the_delegate_cannot_lend_the_role_again(demo):
    lend()
    lent = next(m for m in rules.memberships_of(user("xa.a.phochutich")) if m.delegation)
    response = lend_over_api(api("xa.a.phochutich", acting=lent), delegate="xa.a.canbo")
    assert response.status_code == 403
    assert lent.pk not in [m.pk for m in rules.lendable_memberships(user("xa.a.phochutich"))]


# Acting in the lent role


def test_the_vice_chair_acting_for_the_chair_leads_the_council_and_the_event_says_for_whom(demo):
    lend()
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_submitted(dossier)
    b.commune_documents(dossier)
    chair_role = membership("xa.a.chutich")
    client = api("xa.a.phochutich", acting=chair_role)
    url = f"/api/dossiers/{dossier.pk}/transitions/commune_approve/"
    response = client.post(url, b.commune_approve_payload(dossier), format="json")
    assert response.status_code == 200, response.json()
    event = dossier.events.get(action="commune_approve")
    assert event.actor == user("xa.a.phochutich") and event.role == "commune_chair"
    assert event.changes["acting_for"]["user"] == "xa.a.chutich"
    history = Client()
    history.force_login(user("truongthon.a1"))
    page = history.get(f"/dossiers/{dossier.pk}/history/").content.decode()
    holder = full_name(user("xa.a.chutich"))
    assert f"thay mặt {holder} (ủy quyền từ {TODAY:%d/%m/%Y} đến {TODAY + 7 * DAY:%d/%m/%Y})" in page
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert "Lịch sử toàn vẹn" in out.getvalue()


def test_without_the_loan_the_vice_chair_may_not_lead_the_council(demo):
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_submitted(dossier)
    b.commune_documents(dossier)
    url = f"/api/dossiers/{dossier.pk}/transitions/commune_approve/"
    response = api("xa.a.phochutich").post(url, b.commune_approve_payload(dossier), format="json")
    assert response.status_code == 403


def test_a_loan_that_ended_yesterday_or_starts_tomorrow_gives_nothing(demo):
    chair_role = membership("xa.a.chutich")
    common = {"membership": chair_role, "delegator": user("xa.a.chutich"), "role": chair_role.role}
    for starts, ends in [(TODAY - 5 * DAY, TODAY - DAY), (TODAY + DAY, TODAY + 3 * DAY)]:
        Delegation.objects.create(
            **common,
            unit=chair_role.unit,
            delegate=user("xa.a.phochutich"),
            starts_on=starts,
            ends_on=ends,
            created_by=user("xa.a.chutich"),
        )
    assert [m.role for m in rules.memberships_of(user("xa.a.phochutich"))] == ["commune_vice_chair"]
    response = api("xa.a.phochutich", acting=chair_role).get("/api/dossiers/")
    assert response.status_code == 400  # a role they do not hold today


# Revoking


def test_the_chair_revokes_a_loan_and_the_delegate_loses_the_role_at_once(demo):
    delegation = lend(holder="xa.a.canbo", delegate="xa.a.chutich")
    response = api("xa.a.chutich").post(f"/api/delegations/{delegation.pk}/revoke/", {"reason": "Đã về"})
    assert response.status_code == 200 and response.json()["in_force"] is False
    assert [m.role for m in rules.memberships_of(user("xa.a.chutich"))] == ["commune_chair"]
    event = AuditEvent.objects.get(action="revoke_delegation")
    assert event.comment == "Đã về" and event.changes["delegation"] == delegation.pk


def test_the_delegate_or_a_stranger_may_not_revoke(demo):
    delegation = lend()
    for username in ("xa.a.phochutich", "xa.b.chutich"):
        response = api(username).post(f"/api/delegations/{delegation.pk}/revoke/", {})
        assert response.status_code == 403
    assert Delegation.objects.get().revoked_at is None


def test_a_revoked_loan_cannot_be_revoked_again(demo):
    delegation = lend()
    assert api("xa.a.chutich").post(f"/api/delegations/{delegation.pk}/revoke/", {}).status_code == 200
    assert api("xa.a.chutich").post(f"/api/delegations/{delegation.pk}/revoke/", {}).status_code == 409


def test_an_administrator_revokes_from_the_admin(demo):
    delegation = lend()
    client = Client()
    client.force_login(user("admin"))
    url = "/admin/permissions/delegation/"
    response = client.post(url, {"action": "revoke", "_selected_action": [delegation.pk]})
    assert response.status_code == 302
    delegation.refresh_from_db()
    assert delegation.revoked_by == user("admin")


# Who reads what


def test_each_reads_the_loans_they_gave_received_or_chair(demo):
    lend()
    for username, count in [
        ("xa.a.chutich", 1),
        ("xa.a.phochutich", 1),
        ("xa.a.canbo", 0),
        ("xa.b.chutich", 0),
    ]:
        assert len(api(username).get("/api/delegations/").json()) == count, username


# The page


def test_the_page_lends_a_role_and_shows_a_wrong_date_next_to_its_field(demo):
    client = Client()
    client.force_login(user("xa.a.chutich"))
    form = {
        "membership": membership("xa.a.chutich").pk,
        "delegate": user("xa.a.phochutich").pk,
        "starts_on": TODAY.strftime("%d/%m/%Y"),
        "ends_on": "31/02/2027",
        "reason": "Đi công tác tỉnh",
    }
    wrong = client.post("/delegations/", form)
    assert wrong.status_code == 400 and "ngày có thật" in wrong.content.decode()
    assert "Đi công tác tỉnh" in wrong.content.decode()  # nothing typed is lost
    form["ends_on"] = (TODAY + 3 * DAY).strftime("%d/%m/%Y")
    assert client.post("/delegations/", form).status_code == 302
    page = client.get("/delegations/").content.decode()
    assert "Đang có hiệu lực" in page and "Thu hồi" in page


def test_the_menu_offers_the_page_to_officials_only(demo, outsider):
    official = Client()
    official.force_login(user("truongthon.a1"))
    assert 'href="/delegations/"' in official.get("/dossiers/").content.decode()
    stranger = Client()
    stranger.force_login(outsider)
    assert stranger.get("/delegations/").status_code == 404


# The queue of the lent role


def test_the_delegate_is_told_of_a_dossier_arriving_in_the_lent_roles_queue(
    demo, django_capture_on_commit_callbacks
):
    from workflows.models import Notification

    lend()  # the chair's role: the council's queue, where a submitted dossier waits
    dossier = b.new_dossier()
    with django_capture_on_commit_callbacks(execute=True):
        b.to_submitted(dossier)
    told = set(
        Notification.objects.filter(kind="queued", dossier=dossier).values_list("user__username", flat=True)
    )
    assert {"xa.a.canbo", "xa.a.chutich", "xa.a.phochutich"} <= told


def test_without_a_loan_the_vice_chair_is_not_told_of_the_councils_work(
    demo, django_capture_on_commit_callbacks
):
    from workflows.models import Notification

    dossier = b.new_dossier()
    with django_capture_on_commit_callbacks(execute=True):
        b.to_submitted(dossier)
    assert not Notification.objects.filter(kind="queued", user__username="xa.a.phochutich").exists()


def test_a_council_task_may_be_handed_to_the_colleague_the_chairs_role_is_lent_to(demo):
    from workflows.queues import stage_task
    from workflows.services.claims import task_reassign

    dossier = b.new_dossier()
    b.to_submitted(dossier)
    dossier.refresh_from_db()
    task = stage_task(dossier)
    vice_chair = user("xa.a.phochutich")
    assert vice_chair not in [m.user for m in rules.agency_officials(council_of(dossier))]
    lend()
    assert vice_chair in [m.user for m in rules.agency_officials(council_of(dossier))]
    task_reassign(
        user=user("xa.a.chutich"), task_id=task.pk, to_user_id=vice_chair.pk, reason="Tôi nghỉ phép"
    )
    task.refresh_from_db()
    assert task.owner == vice_chair


def council_of(dossier):
    from permissions.models import Agency

    return Agency.objects.get(unit_id=dossier.commune_id, kind="hd_tdkt_xa")


def test_revoking_hands_back_the_tasks_the_delegate_claimed_in_the_lent_role(demo):
    from workflows.queues import stage_task
    from workflows.services.claims import tasks_claim

    delegation = lend()
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    dossier.refresh_from_db()
    task = stage_task(dossier)
    chair_role = next(m for m in rules.memberships_of(user("xa.a.phochutich")) if m.delegation)
    tasks_claim(user=user("xa.a.phochutich"), task_ids=[task.pk], acting=chair_role)
    response = api("xa.a.chutich").post(f"/api/delegations/{delegation.pk}/revoke/", {"reason": "Đã về"})
    assert response.status_code == 200
    task.refresh_from_db()
    assert task.owner is None and task.status == "NEW"  # back in the council's queue
    released = dossier.events.get(action="release")
    assert released.actor == user("xa.a.chutich") and "đã bị thu hồi" in released.comment


def test_a_step_sent_in_a_role_revoked_meanwhile_is_not_done_in_another_and_the_user_is_told(demo):
    delegation = lend()
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_submitted(dossier)
    b.commune_documents(dossier)
    deputy = Client()
    deputy.force_login(user("xa.a.phochutich"))
    deputy.post("/role/", {"membership": membership("xa.a.chutich").pk, "next": "/"})
    api("xa.a.chutich").post(f"/api/delegations/{delegation.pk}/revoke/", {})
    url = f"/dossiers/{dossier.pk}/actions/return_to_village/"
    page = f"http://testserver/dossiers/{dossier.pk}/"
    response = deputy.post(url, {"return_to_village-comment": "Thiếu chữ ký"}, HTTP_REFERER=page, follow=True)
    assert response.redirect_chain[0][0] == page
    assert "ủy quyền đã hết hạn hoặc bị thu hồi" in response.content.decode()
    assert "Thao tác vừa gửi chưa được thực hiện." in response.content.decode()
    assert not dossier.events.filter(action="return_to_village").exists()


def test_a_wrong_colleague_is_told_who_may_take_the_role(demo):
    response = lend_over_api(api("xa.a.chutich"), delegate="xa.a.canbo")
    assert response.json()["errors"]["delegate"] == [
        f"Vai trò này chỉ ủy quyền được cho: {full_name(user('xa.a.phochutich'))}."
    ]


def test_nobody_is_offered_a_role_their_own_roles_already_cover(demo):
    vice_chair_role = membership("xa.a.phochutich")
    assert "xa.a.chutich" not in [m.user.username for m in rules.delegation_colleagues(vice_chair_role)]
    officer_role = membership("xa.a.canbo")
    assert "xa.a.chutich" in [m.user.username for m in rules.delegation_colleagues(officer_role)]


def test_the_page_says_whom_the_role_was_lent_to_and_for_which_dates(demo):
    client = Client()
    client.force_login(user("xa.a.chutich"))
    form = {
        "membership": membership("xa.a.chutich").pk,
        "delegate": user("xa.a.phochutich").pk,
        "starts_on": TODAY.strftime("%d/%m/%Y"),
        "ends_on": (TODAY + 2 * DAY).strftime("%d/%m/%Y"),
    }
    page = client.post("/delegations/", form, follow=True).content.decode()
    assert (
        f"cho {full_name(user('xa.a.phochutich'))} từ {TODAY:%d/%m/%Y} đến hết {TODAY + 2 * DAY:%d/%m/%Y}"
        in page
    )
