"""The public notice's services and rules: who opens it, which nominees it lists and with what, who may
comment and when, what the history records, and who reads the comments."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from dossiers.errors import ActionForbidden, DossierNotFound, InvalidInput, StateConflict
from dossiers.models import AuditEvent
from permissions import rules
from permissions.models import Unit
from publicity.listing import SUMMARY_CHARS, public_nominees, short_summary
from publicity.models import CommentIsPermanent, PublicComment, PublicNotice
from publicity.period import default_closes_on
from publicity.services import comment_add, notice_close, notice_open
from workflows.deadlines import WorkingCalendar

from . import builders as b

TODAY = timezone.localdate()
CITIZEN_ID = "052085001234"
COMMENT = "Hộ này đã thoát nghèo từ năm 2022, đề nghị xem xét kỹ."


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    cache.clear()  # the per-address counts of comments live in the cache


def commune_a():
    return Unit.objects.get(name="Xã Đak Djrăng")


def submitted_dossier(**kwargs):
    """A dossier of commune A sent to the commune, its nominee carrying a birth year and a citizen ID."""
    dossier = b.new_dossier(**kwargs)
    dossier.nominations.update(birth_year=1985, citizen_id=CITIZEN_ID)
    b.to_submitted(dossier)
    return dossier


def open_notice(dossier, username="xa.a.canbo", **dates):
    (user,) = b.users(username)
    return notice_open(user=user, commune_id=dossier.commune_id, round_id=dossier.round_id, **dates)


def comment(notice, nomination, **fields):
    values = {
        "commenter_name": "Nguyễn Thị Hoa",
        "phone": "0912 345 678",
        "email": "",
        "text": COMMENT,
        "address_hash": "a" * 64,
    }
    return comment_add(notice_id=notice.pk, nomination_id=nomination.pk, **{**values, **fields})


# Opening


def test_the_commune_officer_opens_a_notice_of_10_working_days_listing_the_submitted_nominees(demo):
    dossier = submitted_dossier()
    draft = b.new_dossier()  # not sent: not listed
    notice = open_notice(dossier)
    assert (notice.opens_on, notice.commune_id) == (TODAY, dossier.commune_id)
    assert notice.closes_on == default_closes_on(TODAY)
    # 10 working days, today (if a working day) the first of them
    assert WorkingCalendar().between(TODAY - datetime.timedelta(days=1), notice.closes_on) == 10
    assert [n.id for n in public_nominees(notice)] == list(dossier.nominations.values_list("pk", flat=True))
    assert not set(draft.nominations.values_list("pk", flat=True)) & {n.id for n in public_nominees(notice)}


def test_opening_records_an_event_in_each_listed_dossier(demo):
    dossier = submitted_dossier()
    notice = open_notice(dossier)
    event = dossier.events.get(action="public_notice_opened")
    assert event.actor.username == "xa.a.canbo" and event.role == "commune_officer"
    assert event.changes == {"public_notice": f"{TODAY:%d/%m/%Y} – {notice.closes_on:%d/%m/%Y}"}


def test_the_officer_sets_the_period(demo):
    dossier = submitted_dossier()
    start, end = TODAY + datetime.timedelta(days=1), TODAY + datetime.timedelta(days=20)
    notice = open_notice(dossier, opens_on=start, closes_on=end)
    assert (notice.opens_on, notice.closes_on) == (start, end)
    assert not notice.is_running()  # it starts tomorrow


@pytest.mark.parametrize(
    ("opens", "closes", "field"),
    [(-1, 10, "opens_on"), (5, 2, "closes_on"), (0, 200, "closes_on")],
)
def test_a_period_that_makes_no_sense_is_refused_by_field(demo, opens, closes, field):
    dossier = submitted_dossier()
    days = datetime.timedelta
    with pytest.raises(InvalidInput) as refused:
        open_notice(dossier, opens_on=TODAY + days(days=opens), closes_on=TODAY + days(days=closes))
    assert field in refused.value.errors
    assert not PublicNotice.objects.exists()


def test_a_second_notice_while_one_runs_is_a_conflict(demo):
    dossier = submitted_dossier()
    notice = open_notice(dossier)
    with pytest.raises(StateConflict) as refused:
        open_notice(dossier)
    assert f"{notice.closes_on:%d/%m/%Y}" in refused.value.message


def test_a_notice_whose_period_ran_out_ends_when_a_new_one_opens(demo):
    dossier = submitted_dossier()
    old = open_notice(dossier)
    PublicNotice.objects.filter(pk=old.pk).update(
        opens_on=TODAY - datetime.timedelta(days=30), closes_on=TODAY - datetime.timedelta(days=1)
    )
    new = open_notice(dossier)
    old.refresh_from_db()
    assert old.closed_at is not None and new.is_running()


def test_a_commune_without_submitted_dossiers_has_nothing_to_post(demo):
    dossier = b.new_dossier()  # a draft only
    with pytest.raises(StateConflict):
        open_notice(dossier)


@pytest.mark.parametrize("username", ["xa.a.chutich", "truongthon.a1"])
def test_who_sees_the_commune_but_is_not_its_officer_is_refused_403(demo, username):
    dossier = submitted_dossier()
    with pytest.raises(ActionForbidden):
        open_notice(dossier, username=username)


@pytest.mark.parametrize("username", ["xa.b.canbo", "truongthon.b1"])
def test_another_communes_official_gets_404(demo, username):
    dossier = submitted_dossier()
    with pytest.raises(DossierNotFound):
        open_notice(dossier, username=username)


# What is listed


@pytest.mark.parametrize("leave", ["withdraw", "return_to_village"])
def test_a_dossier_withdrawn_or_returned_leaves_the_list(demo, leave):
    dossier, other = submitted_dossier(), submitted_dossier()
    notice = open_notice(dossier)
    username = "truongthon.a1" if leave == "withdraw" else "xa.a.canbo"
    b.fire(username, dossier, leave, comment="Thôn xin rút / xã trả lại để bổ sung")
    assert [n.id for n in public_nominees(notice)] == list(other.nominations.values_list("pk", flat=True))


def test_the_public_sees_only_name_village_kind_form_and_a_short_summary(demo):
    dossier = submitted_dossier()
    dossier.nominations.update(achievement_summary="Thoát nghèo bền vững. " * 40)
    (nominee,) = public_nominees(open_notice(dossier))
    assert set(vars(nominee)) == {"id", "name", "village", "kind", "award_form", "summary"}
    assert (nominee.village, nominee.kind, nominee.award_form) == (
        "Làng Đê Kôn",
        "Hộ gia đình",
        "Giấy khen của Chủ tịch UBND xã",
    )
    assert len(nominee.summary) <= SUMMARY_CHARS + 1 and nominee.summary.endswith("…")
    assert CITIZEN_ID not in str(vars(nominee)) and "1985" not in str(vars(nominee))


def test_a_summary_is_cut_after_a_whole_word():
    words = "thoát nghèo " * 50
    assert short_summary(words).endswith("nghèo…") or short_summary(words).endswith("thoát…")
    assert short_summary("  ngắn\n gọn ") == "ngắn gọn"


# Comments


def test_anyone_comments_on_a_listed_nominee_and_the_history_records_it_without_the_contact(demo):
    dossier = submitted_dossier()
    notice = open_notice(dossier)
    nomination = dossier.nominations.get()
    stored = comment(notice, nomination, email="hoa@example.vn")
    assert (stored.phone, stored.email, stored.text, stored.dossier_id) == (
        "0912345678",
        "hoa@example.vn",
        COMMENT,
        dossier.pk,
    )
    event = stored.event
    assert (event.action, event.actor, event.role, event.unit) == ("public_comment", None, "", None)
    assert event.changes == {"commented_nomination": nomination.pk}
    recorded = f"{event.comment} {event.changes}"
    assert "0912" not in recorded and "Hoa" not in recorded and COMMENT not in recorded
    call_command("verify_audit", stdout=open("/dev/null", "w"))


def test_a_comment_is_never_changed_or_removed(demo):
    dossier = submitted_dossier()
    stored = comment(open_notice(dossier), dossier.nominations.get())
    stored.text = "đã sửa"
    with pytest.raises(CommentIsPermanent):
        stored.save()
    with pytest.raises(CommentIsPermanent):
        PublicComment.objects.all().delete()


def test_a_comment_before_or_after_the_period_is_a_conflict(demo):
    dossier = submitted_dossier()
    notice = open_notice(dossier, opens_on=TODAY + datetime.timedelta(days=1))
    with pytest.raises(StateConflict, match="bắt đầu"):
        comment(notice, dossier.nominations.get())
    PublicNotice.objects.filter(pk=notice.pk).update(
        opens_on=TODAY - datetime.timedelta(days=20), closes_on=TODAY - datetime.timedelta(days=1)
    )
    with pytest.raises(StateConflict, match="kết thúc"):
        comment(notice, dossier.nominations.get())
    assert not PublicComment.objects.exists()
    assert not AuditEvent.objects.filter(action="public_comment").exists()


def test_a_comment_after_the_officer_closed_the_notice_is_a_conflict(demo):
    dossier = submitted_dossier()
    notice = open_notice(dossier)
    (officer,) = b.users("xa.a.canbo")
    notice_close(user=officer, notice_id=notice.pk, reason="Hội đồng họp sớm theo chỉ đạo của huyện")
    with pytest.raises(StateConflict):
        comment(notice, dossier.nominations.get())
    event = dossier.events.get(action="public_notice_closed")
    assert event.comment == "Hội đồng họp sớm theo chỉ đạo của huyện"


def test_a_nominee_not_on_the_notice_gets_404(demo):
    dossier = submitted_dossier()
    notice = open_notice(dossier)
    later = submitted_dossier()  # sent after the notice opened: not on it
    other_commune = b.new_dossier(head="truongthon.b1", village="GL-MY-LP-01")
    for nomination in (later.nominations.get(), other_commune.nominations.get()):
        with pytest.raises(DossierNotFound):
            comment(notice, nomination)


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"phone": "", "email": ""}, "phone", "số điện thoại hoặc thư điện tử"),
        ({"phone": "12345"}, "phone", "Số điện thoại không hợp lệ"),
        ({"phone": "", "email": "hoa@"}, "email", "thư điện tử không hợp lệ"),
        ({"commenter_name": "  "}, "commenter_name", "họ và tên"),
        ({"text": ""}, "text", "nội dung góp ý"),
        ({"text": "x" * 2001}, "text", "2.001"),
        ({"text": "có\x00 ký tự lạ"}, "text", "không hợp lệ"),
    ],
)
def test_bad_contact_or_text_is_refused_by_field_in_vietnamese(demo, fields, field, words):
    dossier = submitted_dossier()
    notice = open_notice(dossier)
    with pytest.raises(InvalidInput) as refused:
        comment(notice, dossier.nominations.get(), **fields)
    assert words.lower() in " ".join(refused.value.errors[field]).lower()
    assert not PublicComment.objects.exists()


# Who reads the comments


@pytest.mark.parametrize(
    ("username", "reads"),
    [
        ("xa.a.canbo", True),
        ("xa.a.chutich", True),
        ("huyen.noivu", True),
        ("truongthon.a1", False),
        ("huyen.thanhtra", False),
        ("xa.b.canbo", False),
        ("admin", False),
    ],
)
def test_the_officials_who_handle_the_dossier_read_its_comments(demo, username, reads):
    dossier = submitted_dossier(award_forms=("giay_khen_huyen",))
    comment(open_notice(dossier), dossier.nominations.get())
    b.commune_documents(dossier)
    b.fire("xa.a.chutich", dossier, "commune_approve", **b.commune_approve_payload(dossier))
    dossier.refresh_from_db()
    (user,) = b.users(username)
    assert rules.may_read_public_comments(user, dossier) is reads
