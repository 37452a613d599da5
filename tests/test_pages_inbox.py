"""The inbox page: three tabs, filters, search without diacritics, sorting, claim, release, reassign."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task

from dossiers.models import AuditEvent, Dossier

from . import builders as b
from .pages import browser, text


def submitted(n=1, **kwargs):
    dossiers = [b.new_dossier(**kwargs) for _ in range(n)]
    for dossier in dossiers:
        b.to_submitted(dossier)
    return dossiers


def open_task(dossier):
    return Task.objects.get(process=dossier.process, status__in=["NEW", "ASSIGNED"], flow_task_type="HUMAN")


def test_the_units_unclaimed_tasks_are_listed_and_claimed_in_bulk(demo):
    first, second = submitted(2)
    officer = browser("xa.a.canbo")
    page = text(officer.get("/inbox/?tab=unit"))
    assert first.code in page and second.code in page
    assert first.code not in text(browser("xa.b.canbo").get("/inbox/?tab=unit"))

    response = officer.post(
        "/inbox/claim/", {"task": [open_task(first).pk, open_task(second).pk]}, follow=True
    )

    assert "Đã nhận 2 công việc" in text(response)
    mine = text(officer.get("/inbox/?tab=mine"))
    assert first.code in mine and second.code in mine
    assert AuditEvent.objects.filter(action="claim").count() == 2
    assert first.code not in text(browser("xa.a.chutich").get("/inbox/?tab=mine"))


def test_a_claimed_task_can_be_released_back_to_the_unit(demo):
    (dossier,) = submitted()
    officer = browser("xa.a.canbo")
    task = open_task(dossier)
    officer.post("/inbox/claim/", {"task": [task.pk]})
    response = officer.post(f"/inbox/{task.pk}/release/", follow=True)
    assert "Đã trả công việc" in text(response)
    task.refresh_from_db()
    assert task.owner is None and task.status == "NEW"
    assert browser("xa.b.canbo").post(f"/inbox/{task.pk}/release/", follow=True).status_code == 200
    task.refresh_from_db()
    assert task.owner is None


def test_claiming_a_task_of_another_agency_is_refused(demo):
    (dossier,) = submitted()
    # The district's inspector sees the dossier but works in no agency (a stranger is told "not found").
    response = browser("huyen.thanhtra").post("/inbox/claim/", {"task": [open_task(dossier).pk]}, follow=True)
    assert "không làm việc tại cơ quan" in text(response)
    assert open_task(dossier).owner is None


def test_the_chair_reassigns_a_task_to_a_colleague_with_a_reason_recorded_in_the_history(demo):
    (dossier,) = submitted()
    task = open_task(dossier)
    chair = browser("xa.a.chutich")
    page = text(chair.get("/inbox/?tab=unit"))
    assert "Giao lại" in page
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(username="xa.a.canbo")
    refused = chair.post(f"/inbox/{task.pk}/reassign/", {"to_user": officer.pk, "reason": " "}, follow=True)
    assert "lý do" in text(refused)
    chair.post(f"/inbox/{task.pk}/reassign/", {"to_user": officer.pk, "reason": "Chị Lan phụ trách thôn này"})
    task.refresh_from_db()
    assert task.owner == officer
    event = AuditEvent.objects.get(action="reassign")
    assert (
        event.comment == "Chị Lan phụ trách thôn này" and event.changes["assigned_to"][1] == "Nguyễn Thị Lan"
    )
    denied = browser("xa.a.canbo").post(
        f"/inbox/{task.pk}/reassign/", {"to_user": officer.pk, "reason": "x"}, follow=True
    )
    assert "Chỉ Chủ tịch" in text(denied)


def test_search_finds_a_nominee_typed_without_diacritics_and_filters_narrow_the_list(demo):
    first, second = submitted(2)
    first.nominations.update(nominee_name="Bà Rơ Châm Thị Đức")
    first.refresh_search_text()
    first.save(update_fields=["search_text", "nominations_count"])
    officer = browser("xa.a.canbo")
    page = text(officer.get("/inbox/?tab=unit&q=ro+cham+thi+duc"))
    assert first.code in page and second.code not in page
    assert first.code not in text(officer.get("/inbox/?tab=unit&stage=appraisal"))
    assert first.code not in text(officer.get("/inbox/?tab=unit&overdue=on"))


def test_overdue_tasks_are_marked_and_filtered(demo):
    import datetime

    from django.utils import timezone

    old, fresh = submitted(2)
    Task.objects.filter(pk=open_task(old).pk).update(created=timezone.now() - datetime.timedelta(days=30))
    page = text(browser("xa.a.canbo").get("/inbox/?tab=unit&overdue=on"))
    assert old.code in page and fresh.code not in page and "Quá hạn" in page


def test_sorting_by_code_in_both_directions(demo):
    first, second = submitted(2)
    officer = browser("xa.a.canbo")
    ascending = text(officer.get("/inbox/?tab=unit&sort=code"))
    descending = text(officer.get("/inbox/?tab=unit&sort=-code"))
    assert ascending.index(first.code) < ascending.index(second.code)
    assert descending.index(second.code) < descending.index(first.code)


def test_the_inbox_opens_with_the_longest_waiting_task_first(demo):
    import datetime

    from django.utils import timezone

    older, newer = submitted(2)
    Task.objects.filter(pk=open_task(older).pk).update(created=timezone.now() - datetime.timedelta(days=9))
    page = text(browser("xa.a.canbo").get("/inbox/?tab=unit"))
    assert page.index(older.code) < page.index(newer.code)
    newest_first = text(browser("xa.a.canbo").get("/inbox/?tab=unit&sort=waiting"))
    assert newest_first.index(newer.code) < newest_first.index(older.code)


def test_the_done_tab_lists_what_i_finished(demo):
    (dossier,) = submitted()
    b.fire("xa.a.canbo", dossier, "return_to_village", comment="Thiếu ảnh")
    assert dossier.code in text(browser("xa.a.canbo").get("/inbox/?tab=done"))


def test_a_page_of_50_tasks_costs_the_same_queries_as_a_page_of_5(demo):
    def queries_for(count):
        submitted(count)
        client = browser("xa.a.canbo")
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/inbox/?tab=unit")
        assert response.status_code == 200
        Task.objects.all().delete()  # the next round starts from an empty inbox
        return len(captured)

    small = queries_for(5)
    large = queries_for(50)
    assert small == large, (small, large)


def test_the_inbox_rows_escape_what_officials_typed(demo):
    (dossier,) = submitted()
    Dossier.objects.filter(pk=dossier.pk).update(title='Hộ <b onmouseover="x()">Đức</b> & con')
    page = text(browser("xa.a.canbo").get("/inbox/?tab=unit"))
    assert (
        "Hộ &lt;b onmouseover=&quot;x()&quot;&gt;Đức&lt;/b&gt; &amp; con" in page
        and "<b onmouseover" not in page
    )
    assert f'<a href="/dossiers/{dossier.pk}/">{dossier.code}</a>' in page
    english = browser("xa.a.canbo")
    english.cookies["django_language"] = "en"
    assert 'data-label="Dossier code"' in text(english.get("/inbox/?tab=unit"))  # labels follow the language


def test_a_task_a_colleague_claimed_leaves_the_unclaimed_tab_for_the_held_tab_with_its_holder(demo):
    (dossier,) = submitted()
    browser("xa.a.canbo").post("/inbox/claim/", {"task": [open_task(dossier).pk]})
    chair = browser("xa.a.chutich")
    assert dossier.code not in text(chair.get("/inbox/?tab=unit"))
    held = text(chair.get("/inbox/?tab=held"))
    assert dossier.code in held and "Đang do Nguyễn Thị Lan" in held
    assert "Giao lại" in held  # the chair may still hand it to someone else
    officer = browser("xa.a.canbo")
    assert dossier.code not in text(officer.get("/inbox/?tab=held"))  # mine, not a colleague's
    assert dossier.code in text(officer.get("/inbox/?tab=mine"))


def test_the_unit_tab_offers_no_checkbox_on_a_task_the_chair_cannot_claim(demo):
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_appraisal(dossier)
    b.fire("huyen.noivu", dossier, "request_supplement", comment="Thiếu biên bản họp")
    task = open_task(dossier)
    chair, officer = (
        text(browser("xa.a.chutich").get("/inbox/?tab=unit")),
        text(browser("xa.a.canbo").get("/inbox/?tab=unit")),
    )
    # The supplement is the emulation office's: the chair sees it (to hand it on) but only the officer claims it.
    assert dossier.code in chair and f'value="{task.pk}"' not in chair
    assert f'value="{task.pk}"' in officer


def test_the_done_tab_shows_what_became_of_the_task_never_a_holder(demo):
    (dossier,) = submitted()
    b.fire("xa.a.canbo", dossier, "return_to_village", comment="Thiếu ảnh")
    page = text(browser("xa.a.canbo").get("/inbox/?tab=done"))
    assert dossier.code in page
    assert "Đã xử lý: Trả lại thôn — Nguyễn Thị Lan" in page and "Đang do" not in page


def test_a_task_i_claimed_stays_in_my_done_tab_after_the_chair_fires_its_step(demo):
    (dossier,) = submitted()
    officer = browser("xa.a.canbo")
    officer.post("/inbox/claim/", {"task": [open_task(dossier).pk]})
    b.commune_documents(dossier)
    b.fire("xa.a.chutich", dossier, "commune_approve", **b.commune_approve_payload(dossier))
    for username in ("xa.a.canbo", "xa.a.chutich"):
        page = text(browser(username).get("/inbox/?tab=done"))
        assert dossier.code in page and "Đã xử lý: Xã duyệt (họp xét) — Trần Văn Đức" in page, username
        assert "Đang do" not in page


def test_a_task_i_handed_back_is_not_listed_as_mine_once_a_colleague_finishes_it(demo):
    (dossier,) = submitted()
    officer = browser("xa.a.canbo")
    task = open_task(dossier)
    officer.post("/inbox/claim/", {"task": [task.pk]})
    officer.post(f"/inbox/{task.pk}/release/")
    b.commune_documents(dossier)
    b.fire("xa.a.chutich", dossier, "commune_approve", **b.commune_approve_payload(dossier))
    assert dossier.code not in text(officer.get("/inbox/?tab=done"))
