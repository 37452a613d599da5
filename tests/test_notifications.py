"""Reminders and notices: in the app and by e-mail, once a day per task, never for a finished task."""

import datetime
import html

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from viewflow.workflow.models import Task

from workflows.deadlines import WorkingCalendar
from workflows.models import Notification
from workflows.routes import ROUTES, THREE_TIER
from workflows.services.notifications import CREATOR_NOTICES, notify_stage, send_reminders

from . import builders as b
from .pages import browser, text


def task_of(dossier):
    return Task.objects.get(process=dossier.process, status__in=["NEW", "ASSIGNED"], flow_task_type="HUMAN")


def created_days_ago(dossier, working_days):
    """Move the task's creation back so that it has waited ``working_days`` working days today."""
    calendar, day = WorkingCalendar(), timezone.localdate()
    while calendar.between(day, timezone.localdate()) < working_days:
        day -= datetime.timedelta(days=1)
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    Task.objects.filter(pk=task_of(dossier).pk).update(created=moment)


@pytest.fixture
def working_today(monkeypatch):
    """Reminders go out on working days; pin "today" to one so the test does not depend on the calendar."""
    calendar, day = WorkingCalendar(), timezone.localdate()
    while not calendar.is_working_day(day):
        day += datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)
    return day


def test_officials_are_reminded_once_a_day_of_an_overdue_task(demo, working_today):
    get_user_model().objects.filter(username__in=["xa.a.canbo", "xa.a.chutich"]).update(
        email="xa.a@example.vn"
    )
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    created_days_ago(dossier, 12)  # the commune review takes 10 working days
    assert send_reminders() == 2
    assert send_reminders() == 0  # the same day again: nothing new
    notices = Notification.objects.filter(kind="overdue")
    assert sorted(n.user.username for n in notices) == ["xa.a.canbo", "xa.a.chutich"]
    assert dossier.code in notices.first().message and "quá hạn" in notices.first().message


def test_a_reminder_goes_two_working_days_before_the_due_date_by_email_too(
    demo, working_today, django_capture_on_commit_callbacks
):
    get_user_model().objects.filter(username="xa.a.canbo").update(email="canbo@example.vn")
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    created_days_ago(dossier, 8)
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders()
    assert Notification.objects.filter(kind="due_soon").count() == 2
    assert [m.to for m in mail.outbox] == [["canbo@example.vn"]] and dossier.code in mail.outbox[0].body


def test_a_claimed_task_reminds_only_its_owner_and_a_finished_task_nobody(demo, working_today):
    claimed, finished = b.new_dossier(), b.new_dossier()
    for dossier in (claimed, finished):
        b.to_submitted(dossier)
    Task.objects.filter(pk=task_of(claimed).pk).update(
        owner=get_user_model().objects.get(username="xa.a.canbo"), status="ASSIGNED"
    )
    created_days_ago(claimed, 12)
    created_days_ago(finished, 12)
    b.fire("xa.a.canbo", finished, "return_to_village", comment="Thiếu ảnh")
    send_reminders()
    assert [n.user.username for n in Notification.objects.filter(kind="overdue")] == ["xa.a.canbo"]
    assert not Notification.objects.filter(dossier=finished, kind="overdue").exists()


def test_a_dossier_arriving_and_a_dossier_returned_are_announced(demo, django_capture_on_commit_callbacks):
    dossier = b.new_dossier()
    with django_capture_on_commit_callbacks(execute=True):
        b.to_submitted(dossier)
    assert Notification.objects.filter(kind="queued", user__username="xa.a.canbo", dossier=dossier).exists()
    with django_capture_on_commit_callbacks(execute=True):
        b.fire("xa.a.canbo", dossier, "return_to_village", comment="Thiếu chữ ký")
    returned = Notification.objects.get(kind="returned")
    assert returned.user.username == "truongthon.a1" and "Thiếu chữ ký" in returned.message


def test_the_header_counts_unread_notices_and_they_can_be_marked_read(
    demo, django_capture_on_commit_callbacks
):
    dossier = b.new_dossier()
    with django_capture_on_commit_callbacks(execute=True):
        b.to_submitted(dossier)
    officer = browser("xa.a.canbo")
    page = text(officer.get("/notices/"))
    assert dossier.code in page and 'badge returned">1<' in page
    officer.post("/notices/read/")
    assert 'badge returned">' not in text(officer.get("/inbox/"))
    assert dossier.code not in text(browser("xa.b.canbo").get("/notices/"))


# What the village head who made a dossier hears of it: every outcome, once, in the app and by e-mail.

HEAD_EMAIL = "truongthon.a1@example.vn"
FIRST, SECOND = "Hộ ông Nguyễn Văn Đức 1", "Hộ ông Nguyễn Văn Đức 2"


def meeting_turning_down_the_second(dossier):
    payload = b.commune_approve_payload(dossier)
    second = dossier.nominations.get(nominee_name=SECOND).pk
    for verdict in payload["verdicts"]:
        verdict["approved"] = verdict["nomination"] != second
    return b.fire("xa.a.chutich", dossier, "commune_approve", **payload)


def reviewed_with_the_second_turned_down(dossier):
    b.to_submitted(dossier)
    b.commune_documents(dossier)
    meeting_turning_down_the_second(dossier)


def submitted_with_commune_documents(dossier):
    b.to_submitted(dossier)
    b.commune_documents(dossier)


# (name, award forms, how far the dossier goes first, the step, the notice's kind, words it must hold)
OUTCOMES = [
    (
        "returned",
        ("giay_khen_xa",),
        b.to_submitted,
        lambda d: b.fire("xa.a.canbo", d, "return_to_village", comment="Thiếu chữ ký của trưởng thôn"),
        "returned",
        ["bị xã trả lại", "Thiếu chữ ký của trưởng thôn", "gửi lại xã"],
    ),
    (
        "commune meeting turns one nominee down",
        ("giay_khen_xa", "giay_khen_xa"),
        submitted_with_commune_documents,
        meeting_turning_down_the_second,
        "commune_reviewed",
        [f"Xã đồng ý đề nghị: {FIRST}.", f"Xã không đề nghị: {SECOND}.", "Chủ tịch UBND xã quyết định"],
    ),
    (
        "commune does not propose",
        ("giay_khen_xa",),
        b.to_submitted,
        lambda d: b.fire("xa.a.chutich", d, "commune_reject", comment="Chưa đủ tiêu chuẩn"),
        "rejected",
        ["xã không đề nghị", "Chưa đủ tiêu chuẩn"],
    ),
    (
        "appraisal finds it not eligible",
        ("giay_khen_huyen",),
        b.to_appraisal,
        lambda d: b.fire("huyen.noivu", d, "appraisal_reject", comment="Thiếu xác nhận thoát nghèo"),
        "rejected",
        ["không đủ điều kiện", "Thiếu xác nhận thoát nghèo"],
    ),
    (
        "chair rejects",
        ("giay_khen_huyen",),
        b.to_district_decision,
        lambda d: b.fire("huyen.chutich", d, "reject", comment="Thành tích chưa tiêu biểu"),
        "rejected",
        ["không phê duyệt", "Thành tích chưa tiêu biểu"],
    ),
    (
        "chair sends back",
        ("giay_khen_huyen",),
        b.to_district_decision,
        lambda d: b.fire("huyen.chutich", d, "send_back", comment="Xem lại tiêu chí 2"),
        "sent_back",
        ["trả lại để xem xét lại", "Phòng Nội vụ thẩm định", "Xem lại tiêu chí 2"],
    ),
    (
        "decided",
        ("giay_khen_xa", "giay_khen_xa"),
        reviewed_with_the_second_turned_down,
        lambda d: b.fire("xa.a.chutich", d, "approve", **b.decision_payload("215/QĐ-UBND")),
        "decided",
        ["215/QĐ-UBND", f"Được khen thưởng: {FIRST}.", f"Không được khen thưởng: {SECOND}."],
    ),
    (
        "forwarded to the province",
        ("bang_khen_tinh", "giay_khen_huyen"),
        b.to_district_decision,
        lambda d: b.fire("huyen.chutich", d, "approve", **b.decision_payload("216/QĐ-UBND")),
        "forwarded",
        ["216/QĐ-UBND", f"Được khen thưởng: {SECOND}.", f"Trình UBND tỉnh xét: {FIRST}."],
    ),
    (
        "the province's outcome",
        ("bang_khen_tinh",),
        b.to_forwarded,
        lambda d: b.fire(
            "tinh.noivu",
            d,
            "record_province_outcome",
            awarded=[],
            **b.decision_payload("88/QĐ-UBND"),
        ),
        "province_outcome",
        ["UBND tỉnh", "88/QĐ-UBND", f"Không được khen thưởng: {FIRST}."],
    ),
]


@pytest.mark.parametrize(
    "forms, before, step, kind, words", [o[1:] for o in OUTCOMES], ids=[o[0] for o in OUTCOMES]
)
def test_each_outcome_reaches_the_village_head_once_in_the_app_and_by_email(
    demo, django_capture_on_commit_callbacks, forms, before, step, kind, words
):
    get_user_model().objects.filter(username="truongthon.a1").update(email=HEAD_EMAIL)
    dossier = b.new_dossier(award_forms=forms)
    with django_capture_on_commit_callbacks(execute=True):
        before(dossier)
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        step(dossier)
    notices = list(Notification.objects.filter(user__username="truongthon.a1"))
    assert [n.kind for n in notices] == [kind]
    for part in words:
        assert part in notices[0].message, notices[0].message
    mails = [m for m in mail.outbox if m.to == [HEAD_EMAIL]]
    assert len(mails) == 1 and notices[0].message in mails[0].body
    assert notices[0].message in html.unescape(text(browser("truongthon.a1").get("/notices/")))


def test_the_village_head_is_not_told_of_their_own_withdrawal_nor_of_a_supplement_request(
    demo, django_capture_on_commit_callbacks
):
    withdrawn, supplemented = b.new_dossier(), b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_submitted(withdrawn)
    b.to_appraisal(supplemented)
    with django_capture_on_commit_callbacks(execute=True):
        b.fire("truongthon.a1", withdrawn, "withdraw", comment="Gia đình xin rút")
        b.fire("huyen.noivu", supplemented, "request_supplement", comment="Bổ sung biên bản")
    assert not Notification.objects.filter(user__username="truongthon.a1").exists()
    assert Notification.objects.filter(user__username="xa.a.canbo", dossier=supplemented).count() == 1


def test_a_return_sends_the_village_head_one_notice(demo, django_capture_on_commit_callbacks):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    with django_capture_on_commit_callbacks(execute=True):
        b.fire("xa.a.canbo", dossier, "return_to_village", comment="Thiếu ảnh")
    assert list(Notification.objects.values_list("user__username", "kind")) == [("truongthon.a1", "returned")]


def test_the_chair_gets_one_notice_per_dossier_arriving(demo, django_capture_on_commit_callbacks):
    commune, district = b.new_dossier(), b.new_dossier(award_forms=("giay_khen_huyen",))
    for dossier in (commune, district):
        with django_capture_on_commit_callbacks(execute=True):
            b.to_submitted(dossier)
        b.commune_documents(dossier)
        with django_capture_on_commit_callbacks(execute=True):
            b.fire("xa.a.chutich", dossier, "commune_approve", **b.commune_approve_payload(dossier))
    for step, who, name in (("compile", "huyen.ldtbxh", "compile"), ("appraise", "huyen.noivu", "appraise")):
        payload = b.appraise_payload(district) if step == "appraise" else {}
        with django_capture_on_commit_callbacks(execute=True):
            b.fire(who, district, name, **payload)

    def notices(username, dossier):
        return Notification.objects.filter(user__username=username, dossier=dossier).count()

    # The commune chair chairs the council that reviews and decides in the committee: he approved the
    # meeting himself, so only the dossier's arrival at the commune is news to him.
    assert notices("xa.a.chutich", commune) == 1 and notices("xa.a.chutich", district) == 1
    assert notices("xa.a.phochutich", commune) == 1
    assert notices("huyen.chutich", district) == 1 and notices("huyen.phochutich", district) == 1


def test_a_job_run_late_announces_its_own_change_and_a_rerun_tells_nobody_again(
    demo, django_capture_on_commit_callbacks
):
    dossier = b.new_dossier()
    with django_capture_on_commit_callbacks(execute=True):  # both jobs run after both changes: a busy worker
        b.to_commune_decision(dossier)
    told = sorted(Notification.objects.values_list("user__username", "kind"))
    # The review the submission queued is already over: its officials are not sent to a finished task.
    assert told == [("truongthon.a1", "commune_reviewed"), ("xa.a.phochutich", "queued")]
    events = dossier.events.filter(action__in=["submit", "commune_approve"])
    assert sum(notify_stage(dossier.pk, event.pk) for event in events) == 0
    assert notify_stage(dossier.pk) == 0


def test_every_step_that_tells_the_village_head_has_its_words():
    declared = {step.name for route in ROUTES.values() for step in route.steps if step.notifies_creator}
    assert declared == {key for key in CREATOR_NOTICES if isinstance(key, str)}
    on_the_ladder = {step.name for step in THREE_TIER.steps if step.notifies_creator}
    assert {"submit", "withdraw", "compile", "resubmit", "request_supplement", "appraise"}.isdisjoint(
        on_the_ladder
    )
