"""Each province runs a route's stages its own way (Decree 152/2025 Art. 6(2)(c)): the office, the time limit and
whether an optional stage is on are settings from a date, recorded in the admin and never rewritten. A task
keeps the limit in force the day it was created; the next dossier gets the office and the switches of today."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone
from viewflow.workflow.models import Task

from dossiers.models import AwardForm, Dossier, Round
from dossiers.services.access import membership_grant
from dossiers.services.documents import document_upload
from permissions.models import Unit
from workflows import queues
from workflows.deadlines import WorkingCalendar, due_date, is_overdue
from workflows.inbox import overdue_filter
from workflows.models import Notification, RecordedSetting, StageSetting
from workflows.routes import THREE_TIER, TWO_TIER
from workflows.services.lifecycle import dossier_open
from workflows.services.notifications import send_reminders
from workflows.stage_settings import StageRule, StageRules, stage_setting, switched_off

from . import builders as b
from .api import Official

pytestmark = pytest.mark.django_db
ADMIN_LIST = "/admin/workflows/stagesetting/"


@pytest.fixture
def today(monkeypatch):
    """A working day: reminders go out only on one, and the arithmetic below counts from it."""
    calendar, day = WorkingCalendar(), timezone.localdate()
    while not calendar.is_working_day(day):
        day += datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)
    return day


def working_days_before(day, count):
    calendar, found = WorkingCalendar(), day
    while calendar.between(found, day) < count:
        found -= datetime.timedelta(days=1)
    return found


def created_on(dossier, day) -> Task:
    """Move the dossier's open task's creation to 09:00 on ``day``."""
    task = queues.dossier_open_tasks(dossier).get()
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    Task.objects.filter(pk=task.pk).update(created=moment)
    return Task.objects.select_related("process__dossierprocess__dossier").get(pk=task.pk)


def province_gl():
    return Unit.objects.get(code="GL")


@pytest.fixture
def kon_tum(demo):
    """A second province on the three-tier ladder, with one village and its head."""
    admin = get_user_model().objects.get(username="admin")
    parent, units = None, {}
    for code, name, level in [
        ("KT", "Tỉnh Kon Tum", "province"),
        ("KT-DH", "Huyện Đăk Hà", "district"),
        ("KT-DH-HR", "Xã Hà Mòn", "commune"),
        ("KT-DH-HR-01", "Thôn Đăk Hring", "village"),
    ]:
        parent = units[level] = Unit.objects.create(code=code, name=name, level=level, parent=parent)
        parent.ensure_agencies()
    head = get_user_model().objects.create_user("truongthon.kt", password="demo12345")
    membership_grant(by=admin, user=head, role="village_head", unit=units["village"])
    return units["province"]


def submitted(head="truongthon.a1", village="GL-MY-DD-01"):
    dossier = b.new_dossier(head=head, village=village)
    b.fire(head, dossier, "submit")
    return dossier


def admin_browser():
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


# Time limits: the one in force the day a task was created, in its dossier's province and route.


def test_a_limit_changed_from_a_date_changes_the_due_date_of_tasks_created_from_then_in_that_province_only(
    kon_tum, today
):
    changed_on = working_days_before(today, 5)
    # Recorded earlier, in force from ``changed_on``: Gia Lai gives its communes 3 working days, not 10.
    StageSetting.objects.create(
        province=province_gl(),
        route="three_tier",
        stage="commune_review",
        time_limit=3,
        valid_from=changed_on,
    )
    before = created_on(submitted(), working_days_before(today, 6))
    after = created_on(submitted(), changed_on)
    elsewhere = created_on(submitted("truongthon.kt", "KT-DH-HR-01"), changed_on)
    assert elsewhere.process.dossierprocess.dossier.province == kon_tum

    calendar = WorkingCalendar()
    day_of = {task.pk: timezone.localtime(task.created).date() for task in (before, after, elsewhere)}
    assert due_date(before, calendar) == calendar.add(day_of[before.pk], 10)
    assert due_date(after, calendar) == calendar.add(changed_on, 3)
    assert due_date(elsewhere, calendar) == calendar.add(changed_on, 10)
    # Waiting 5 and 6 working days: only the task under the 3-day limit is late.
    assert [is_overdue(t, calendar) for t in (before, after, elsewhere)] == [False, True, False]
    assert list(Task.objects.filter(overdue_filter()).values_list("pk", flat=True)) == [after.pk]


def test_the_inbox_and_the_reminders_use_the_province_s_limit(kon_tum, today):
    changed_on = working_days_before(today, 5)
    StageSetting.objects.create(
        province=province_gl(),
        route="three_tier",
        stage="commune_review",
        time_limit=3,
        valid_from=changed_on,
    )
    before = created_on(submitted(), working_days_before(today, 6))
    after = created_on(submitted(), changed_on)
    elsewhere = created_on(submitted("truongthon.kt", "KT-DH-HR-01"), changed_on)
    items = {i["task"]: i for i in Official("xa.a.canbo").get("/api/inbox/").json()["results"]}
    assert (items[before.pk]["overdue"], items[after.pk]["overdue"]) == (False, True)
    assert items[after.pk]["due_at"] == WorkingCalendar().add(changed_on, 3).isoformat()

    send_reminders()
    overdue = Notification.objects.filter(kind=Notification.Kind.OVERDUE)
    assert set(overdue.values_list("task_id", flat=True)) == {after.pk}
    assert not Notification.objects.filter(task_id__in=[before.pk, elsewhere.pk]).exists()


def test_a_later_setting_for_every_province_replaces_a_province_s_earlier_one_but_not_one_of_the_same_day(
    kon_tum,
):
    gl, day = province_gl(), datetime.date(2026, 3, 2)
    stage = THREE_TIER.stages_by_name["appraisal"]
    own = StageSetting.objects.create(
        province=gl, route="three_tier", stage="appraisal", time_limit=7, valid_from=day
    )
    StageSetting.objects.create(route="three_tier", stage="appraisal", time_limit=12, valid_from=day)
    rules = StageRules.load()
    assert rules.row_in_force(gl.pk, "three_tier", "appraisal", day) == own  # same day: the province's own
    assert rules.rule(kon_tum.pk, "three_tier", stage, day).time_limit == 12
    assert (
        rules.rule(gl.pk, "three_tier", stage, day - datetime.timedelta(days=1)).time_limit == 10
    )  # default
    later = day + datetime.timedelta(days=30)
    StageSetting.objects.create(route="three_tier", stage="appraisal", time_limit=15, valid_from=later)
    assert StageRules.load().rule(gl.pk, "three_tier", stage, later).time_limit == 15
    # The same province and date twice: the one recorded last (a correction).
    StageSetting.objects.create(
        province=gl, route="three_tier", stage="appraisal", time_limit=8, valid_from=later
    )
    assert StageRules.load().rule(gl.pk, "three_tier", stage, later).time_limit == 8


def test_the_rules_of_a_page_are_read_in_one_query(kon_tum, django_assert_num_queries):
    for province in (province_gl(), kon_tum):
        StageSetting.objects.create(
            province=province,
            route="three_tier",
            stage="compile",
            time_limit=4,
            valid_from=datetime.date(2026, 1, 5),
        )
    provinces = (province_gl(), kon_tum)
    with django_assert_num_queries(1):
        rules = StageRules.load()
        for province in provinces:  # already loaded: no query each
            dossier = SimpleNamespace(province_id=province.pk, route="three_tier")
            assert rules.for_dossier(dossier, "compile", datetime.date(2026, 2, 2)).time_limit == 4


# Offices and switches: the next dossier gets today's.


def test_an_office_changed_owns_the_next_dossier_s_task_and_not_one_already_waiting(demo, today):
    waiting = submitted()
    StageSetting.objects.create(
        province=province_gl(),
        route="three_tier",
        stage="commune_review",
        agency="bp_tdkt_xa",
        valid_from=today,
    )
    following = submitted()
    stage = THREE_TIER.stages_by_name["commune_review"]
    assert stage_setting(following, stage) == StageRule(agency="bp_tdkt_xa", time_limit=10, enabled=True)
    kinds = [queues.task_agency(queues.dossier_open_tasks(d).get()).kind for d in (waiting, following)]
    assert kinds == ["hd_tdkt_xa", "bp_tdkt_xa"]


def test_an_optional_stage_switched_off_is_reported_for_that_province_only(kon_tum, today):
    gl = province_gl()
    StageSetting.objects.create(
        province=gl,
        route="two_tier",
        stage="economic_opinion",
        enabled=False,
        valid_from=today,
        note="QĐ 12/2026",
    )
    here = SimpleNamespace(province_id=gl.pk, route="two_tier")
    there = SimpleNamespace(province_id=kon_tum.pk, route="two_tier")
    assert switched_off(here) == {"economic_opinion"}
    assert switched_off(there) == set()
    assert switched_off(here, on=today - datetime.timedelta(days=1)) == set()  # not before its date
    # The three-tier ladder has no such stage: nothing is off there.
    assert switched_off(SimpleNamespace(province_id=gl.pk, route="three_tier")) == set()


def test_the_next_two_tier_dossier_skips_a_switched_off_opinion(demo, today):
    """A real two-tier dossier of Xã Mang Yang: received after the switch, it goes straight to the council."""
    StageSetting.objects.create(
        province=province_gl(), route="two_tier", stage="economic_opinion", enabled=False, valid_from=today
    )
    (head,) = b.users("truongthon.my1")
    dossier = dossier_open(
        user=head,
        round=Round.objects.get(route="two_tier"),
        village=Unit.objects.get(code="GL-XMY-01"),
        title="Đề nghị khen thưởng hằng năm",
        nominations=[
            {
                "nominee_kind": "household",
                "nominee_name": "Hộ bà Đinh Thị Hnhe",
                "award_form": AwardForm.objects.get(code="giay_khen_xa"),
                "achievement_summary": "Thoát nghèo bền vững",
            }
        ],
    )
    assert switched_off(dossier) == {"economic_opinion"}
    report = {"kind": "bao_cao_thanh_tich", "upload": b.pdf_upload()}
    document_upload(user=head, dossier_id=dossier.pk, nomination_id=dossier.nominations.get().pk, **report)
    b.fire("truongthon.my1", dossier, "submit")
    b.fire("xa.my.vhxh", dossier, "receive")
    assert Dossier.objects.get(pk=dossier.pk).stage == "council"


def test_a_required_stage_cannot_be_switched_off_nor_a_stage_given_to_another_level_or_route(demo, today):
    gl = province_gl()
    refused = {
        "enabled": StageSetting(
            province=gl, route="two_tier", stage="council", enabled=False, valid_from=today
        ),
        "agency": StageSetting(
            province=gl, route="two_tier", stage="council", agency="so_noi_vu", valid_from=today
        ),
        "stage": StageSetting(province=gl, route="two_tier", stage="compile", valid_from=today),
        "province": StageSetting(
            province=Unit.objects.get(code="GL-MY"), route="two_tier", stage="council", valid_from=today
        ),
        "valid_from": StageSetting(
            route="two_tier", stage="council", time_limit=5, valid_from=today - datetime.timedelta(days=1)
        ),
    }
    for field, setting in refused.items():
        with pytest.raises(ValidationError) as refusal:
            setting.full_clean()
        assert field in refusal.value.message_dict, (field, refusal.value.message_dict)
    with pytest.raises(ValidationError) as refusal:
        refused["enabled"].full_clean()
    assert refusal.value.message_dict["enabled"] == [
        "Bước «Hội đồng TĐKT xã họp xét» là bước bắt buộc của quy trình, không tắt được."
    ]
    # An optional stage switched off, and an office of the stage's level, are accepted.
    StageSetting(
        province=gl, route="two_tier", stage="economic_opinion", enabled=False, valid_from=today
    ).full_clean()
    StageSetting(
        province=gl, route="two_tier", stage="council", agency="phong_vhxh", valid_from=today
    ).full_clean()


def test_a_required_stage_stays_on_even_if_a_row_says_otherwise(demo, today):
    """Rows bypassing the admin's check (a script) cannot switch off what the route requires."""
    StageSetting.objects.create(route="two_tier", stage="council", enabled=False, valid_from=today)
    assert switched_off(SimpleNamespace(province_id=province_gl().pk, route="two_tier")) == set()
    assert stage_setting(
        SimpleNamespace(province_id=None, route="two_tier"), TWO_TIER.stages_by_name["council"]
    ).enabled


# The admin: add-only, so that its list is the history.


def test_a_setting_added_in_the_admin_is_recorded_with_its_author(demo, today):
    browser = admin_browser()
    page = browser.get(ADMIN_LIST + "add/")
    text = page.content.decode()
    assert page.status_code == 200
    # The route's defaults are shown beside each stage.
    assert (
        "Phòng Kinh tế cho ý kiến về tiêu chí giảm nghèo — Phòng Kinh tế · 5 ngày làm việc · có thể tắt"
        in text
    )
    response = browser.post(
        ADMIN_LIST + "add/",
        {
            "province": province_gl().pk,
            "route": "two_tier",
            "stage": "commune_appraisal",
            "agency": "",
            "time_limit": "15",
            "enabled": "on",
            "valid_from": today.strftime("%d/%m/%Y"),
            "note": "Quyết định 45/QĐ-UBND của UBND tỉnh",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    setting = StageSetting.objects.get()
    assert (setting.recorded_by.username, setting.time_limit, setting.agency) == ("admin", 15, "")
    listing = browser.get(ADMIN_LIST).content.decode()
    assert "Quyết định 45/QĐ-UBND" in listing and "Đang áp dụng" in listing


def test_the_admin_refuses_to_switch_off_a_required_stage_in_vietnamese(demo, today):
    response = admin_browser().post(
        ADMIN_LIST + "add/",
        {
            "route": "two_tier",
            "stage": "council",
            "valid_from": today.strftime("%d/%m/%Y"),
        },  # enabled unticked
    )
    assert (
        response.status_code == 200
        and "là bước bắt buộc của quy trình, không tắt được" in response.content.decode()
    )
    assert not StageSetting.objects.exists()


def test_a_saved_setting_is_never_changed_nor_deleted(demo, today):
    setting = StageSetting.objects.create(route="three_tier", stage="compile", time_limit=4, valid_from=today)
    browser = admin_browser()
    page = browser.get(f"{ADMIN_LIST}{setting.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert "Mọi tỉnh" in page.content.decode()  # the setting of no province: every province's
    assert browser.post(f"{ADMIN_LIST}{setting.pk}/change/", {"time_limit": "9"}).status_code == 403
    assert browser.post(f"{ADMIN_LIST}{setting.pk}/delete/", {"post": "yes"}).status_code == 403
    listing = browser.get(ADMIN_LIST).content.decode()
    assert "delete_selected" not in listing
    assert StageSetting.objects.get().time_limit == 4
    setting.time_limit = 9
    with pytest.raises(RecordedSetting):
        setting.save()
    with pytest.raises(RecordedSetting):
        setting.delete()


def test_a_change_from_a_new_date_starts_from_the_row_it_replaces(demo, today):
    setting = StageSetting.objects.create(
        province=province_gl(),
        route="two_tier",
        stage="economic_opinion",
        enabled=False,
        time_limit=4,
        valid_from=today,
    )
    listing = admin_browser().get(ADMIN_LIST).content.decode()
    link = f"add/?route=two_tier&amp;stage=economic_opinion&amp;agency=&amp;province={setting.province_id}&amp;time_limit=4&amp;enabled="
    assert link in listing
    page = admin_browser().get(ADMIN_LIST + link.replace("&amp;", "&")).content.decode()
    assert 'name="time_limit" value="4"' in page and 'name="enabled" checked' not in page


# The settings made before provinces had their own.


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_a_time_limit_set_before_it():
    before, after = [("workflows", "0008_notices_once_per_change")], [("workflows", "0009_stage_settings")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps.get_model("workflows", "StageTimeLimit")
        old.objects.create(stage="appraisal", working_days=4)
        executor = MigrationExecutor(connection)
        executor.migrate(after)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    setting = StageSetting.objects.get()
    assert (setting.province, setting.route, setting.stage, setting.time_limit) == (
        None,
        "three_tier",
        "appraisal",
        4,
    )
    anywhere = SimpleNamespace(province_id=12345, route="three_tier")
    stage = THREE_TIER.stages_by_name["appraisal"]
    assert stage_setting(anywhere, stage, on=datetime.date(2021, 6, 1)).time_limit == 4
