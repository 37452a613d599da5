"""The public notice through the real pages: the public index, notice, comment form and paper notice without
an account; the officer's page; the comments on the dossier page, the council's step, the inbox and the
history, for those who may read them only."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from publicity.models import PublicComment, PublicNotice

from . import builders as b
from . import two_tier as t
from .pages import browser, text
from .test_documents import pdf_text
from .test_public_notice import CITIZEN_ID, COMMENT, comment, open_notice, submitted_dossier

TODAY = timezone.localdate()
FIELDS = {"commenter_name": "Trần Văn Bình", "phone": "0987654321", "email": "", "text": COMMENT}


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    cache.clear()


@pytest.fixture
def posted(demo):
    dossier = submitted_dossier()
    return dossier, open_notice(dossier)


def comment_url(notice, nomination):
    return f"/cong-khai/{notice.pk}/gop-y/?nominee={nomination.pk}"


# The public pages


def test_the_index_lists_running_notices_and_finds_them_with_or_without_diacritics(posted):
    for query in ("", "Đak Djrăng", "dak djrang", "tong ket"):
        page = text(Client().get("/cong-khai/", {"q": query}))
        assert "Xã Đak Djrăng" in page and "Tỉnh Gia Lai" in page, query
    assert "Xã Đak Djrăng" not in text(Client().get("/cong-khai/", {"q": "lo pang"}))


def test_the_notice_page_shows_the_allowed_fields_and_never_an_identifier_or_document(posted):
    dossier, notice = posted
    page = text(Client().get(f"/cong-khai/{notice.pk}/"))
    nomination = dossier.nominations.get()
    for shown in (nomination.nominee_name, "Làng Đê Kôn", "Hộ gia đình", "Giấy khen của Chủ tịch UBND xã"):
        assert shown in page
    assert f"{notice.closes_on:%d/%m/%Y}" in page
    for hidden in (CITIZEN_ID, "1985", "bao-cao.pdf", "/documents/", dossier.code):
        assert hidden not in page


def test_what_was_typed_is_escaped_on_the_page(posted):
    dossier, notice = posted
    dossier.nominations.update(nominee_name="<script>alert(1)</script> Hộ bà Lan")
    page = text(Client().get(f"/cong-khai/{notice.pk}/"))
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Hộ bà Lan" in page


def test_the_paper_notice_is_a_pdf_in_vietnamese_with_only_the_allowed_fields(posted):
    dossier, notice = posted
    dossier.nominations.update(nominee_name="Hộ ông <b>Đinh</b> Văn Hưng")
    response = Client().get(f"/cong-khai/{notice.pk}/thong-bao.pdf")
    assert response["Content-Type"] == "application/pdf"
    _pages, words = pdf_text(response.content)
    for shown in (
        "THÔNG BÁO",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Hộ ông <b>Đinh</b> Văn Hưng",
        "Làng Đê Kôn",
    ):
        assert shown in words
    assert f"đến hết ngày {notice.closes_on:%d} tháng {notice.closes_on:%m}" in words
    assert CITIZEN_ID not in words and "1985" not in words


def test_a_notice_not_running_shows_no_nominees_to_the_public_but_to_its_officer(posted):
    dossier, notice = posted
    PublicNotice.objects.filter(pk=notice.pk).update(opens_on=TODAY + datetime.timedelta(days=2))
    name = dossier.nominations.get().nominee_name
    assert name not in text(Client().get(f"/cong-khai/{notice.pk}/"))
    assert Client().get(f"/cong-khai/{notice.pk}/thong-bao.pdf").status_code == 404
    assert name in text(browser("xa.a.canbo").get(f"/cong-khai/{notice.pk}/"))
    assert browser("xa.a.canbo").get(f"/cong-khai/{notice.pk}/thong-bao.pdf").status_code == 200
    assert Client().get("/cong-khai/999999/").status_code == 404


def test_a_citizen_comments_without_an_account(posted):
    dossier, notice = posted
    nomination = dossier.nominations.get()
    client = Client()
    assert "Góp ý về đề nghị khen thưởng" in text(client.get(comment_url(notice, nomination)))
    response = client.post(comment_url(notice, nomination), FIELDS, follow=True)
    assert "Cảm ơn bạn" in text(response)
    stored = PublicComment.objects.get()
    assert (stored.commenter_name, stored.nomination_id, len(stored.address_hash)) == (
        "Trần Văn Bình",
        nomination.pk,
        64,
    )


def test_a_bad_comment_says_what_to_fix_and_keeps_what_was_typed(posted):
    dossier, notice = posted
    nomination = dossier.nominations.get()
    response = Client().post(comment_url(notice, nomination), {**FIELDS, "phone": "12", "email": "hoa@"})
    page = text(response)
    assert response.status_code == 400
    assert "Số điện thoại không hợp lệ" in page and "Địa chỉ thư điện tử không hợp lệ" in page
    assert "Trần Văn Bình" in page and COMMENT in page and 'value="hoa@"' in page
    assert not PublicComment.objects.exists()


def test_a_comment_outside_the_period_or_on_another_nominee_is_refused(posted):
    dossier, notice = posted
    other = b.new_dossier(head="truongthon.b1", village="GL-MY-LP-01").nominations.get()
    assert Client().get(comment_url(notice, other)).status_code == 404
    PublicNotice.objects.filter(pk=notice.pk).update(
        opens_on=TODAY - datetime.timedelta(days=20), closes_on=TODAY - datetime.timedelta(days=1)
    )
    response = Client().post(comment_url(notice, dossier.nominations.get()), FIELDS)
    assert response.status_code == 409 and "không nhận góp ý" in text(response)
    assert not PublicComment.objects.exists()


def test_too_many_comments_from_one_address_get_429_in_vietnamese(posted, settings):
    settings.PUBLIC_COMMENTS_PER_HOUR = 2
    dossier, notice = posted
    url, client = comment_url(notice, dossier.nominations.get()), Client()
    assert [client.post(url, FIELDS).status_code for _ in range(2)] == [302, 302]
    refused = client.post(url, FIELDS)
    assert refused.status_code == 429 and "quá nhiều góp ý" in text(refused)
    assert COMMENT in text(refused)  # what was typed is still there
    assert PublicComment.objects.count() == 2
    other_address = Client(REMOTE_ADDR="10.0.0.9").post(url, FIELDS)
    assert other_address.status_code == 302


def test_an_official_of_several_roles_reads_the_public_pages_without_choosing_one(posted):
    _dossier, notice = posted
    assert browser("xa.a.canbo").get(f"/cong-khai/{notice.pk}/").status_code == 200


# The officer's page


def test_the_officer_opens_and_ends_the_notice_from_the_page(demo):
    dossier = submitted_dossier()
    officer = browser("xa.a.canbo")
    assert "Niêm yết công khai danh sách đề nghị" in text(officer.get("/dossiers/"))
    page = text(officer.get("/public-notices/"))
    assert dossier.round.name in page and "1 đề nghị đang chờ Hội đồng xét, có thể niêm yết" in page
    prefix = f"open-{dossier.round_id}"
    response = officer.post(
        "/public-notices/open/",
        {
            "round_id": dossier.round_id,
            f"{prefix}-commune": dossier.commune_id,
            f"{prefix}-round": dossier.round_id,
        },
        follow=True,
    )
    notice = PublicNotice.objects.get()
    assert "Đã niêm yết công khai" in text(response) and notice.opened_by.username == "xa.a.canbo"
    detail = text(officer.get(f"/dossiers/{dossier.pk}/"))
    assert f"Đang niêm yết công khai đến {notice.closes_on:%d/%m/%Y}" in detail
    refused = officer.post(f"/public-notices/{notice.pk}/close/", {f"close-{notice.pk}-reason": ""})
    assert refused.status_code == 400 and "Vui lòng ghi lý do" in text(refused)
    officer.post(f"/public-notices/{notice.pk}/close/", {f"close-{notice.pk}-reason": "Họp Hội đồng sớm"})
    notice.refresh_from_db()
    assert notice.close_reason == "Họp Hội đồng sớm" and not notice.is_running()


def test_a_bad_period_on_the_page_is_shown_by_its_field_and_kept(demo):
    dossier = submitted_dossier()
    prefix = f"open-{dossier.round_id}"
    response = browser("xa.a.canbo").post(
        "/public-notices/open/",
        {
            "round_id": dossier.round_id,
            f"{prefix}-commune": dossier.commune_id,
            f"{prefix}-round": dossier.round_id,
            f"{prefix}-opens_on": (TODAY + datetime.timedelta(days=5)).isoformat(),
            f"{prefix}-closes_on": (TODAY + datetime.timedelta(days=2)).isoformat(),
        },
    )
    assert response.status_code == 400 and "phải từ ngày bắt đầu trở đi" in text(response)
    assert (TODAY + datetime.timedelta(days=2)).isoformat() in text(response)
    assert not PublicNotice.objects.exists()


@pytest.mark.parametrize(
    ("username", "has_page"), [("truongthon.a1", False), ("xa.a.chutich", False), ("xa.b.canbo", True)]
)
def test_only_the_communes_officer_opens_its_notice_from_the_page(demo, username, has_page):
    dossier = submitted_dossier()
    prefix = f"open-{dossier.round_id}"
    response = browser(username).post(
        "/public-notices/open/",
        {
            "round_id": dossier.round_id,
            f"{prefix}-commune": dossier.commune_id,
            f"{prefix}-round": dossier.round_id,
        },
    )
    assert response.status_code in (403, 404)
    assert not PublicNotice.objects.exists()
    # The page itself is the commune officers' (commune B's officer has one, for commune B).
    assert browser(username).get("/public-notices/").status_code == (200 if has_page else 404)


# Officials reading the comments


@pytest.fixture
def commented(posted):
    dossier, notice = posted
    comment(notice, dossier.nominations.get(), email="binh@example.vn")
    return dossier


@pytest.mark.parametrize(
    ("username", "reads"), [("xa.a.canbo", True), ("xa.a.chutich", True), ("truongthon.a1", False)]
)
def test_the_dossier_page_shows_the_comments_to_the_officials_only(commented, username, reads):
    page = text(browser(username).get(f"/dossiers/{commented.pk}/"))
    assert (COMMENT in page) is reads
    assert ("binh@example.vn" in page) is reads
    assert "Đang niêm yết công khai đến" in page


def test_a_stranger_gets_404_on_the_dossier_and_its_comments(commented):
    assert browser("xa.b.canbo").get(f"/dossiers/{commented.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("username", "reads"), [("xa.a.canbo", True), ("truongthon.a1", False), ("huyen.thanhtra", False)]
)
def test_the_history_shows_the_comment_text_to_those_who_read_comments(commented, username, reads):
    page = text(browser(username).get(f"/dossiers/{commented.pk}/history/"))
    assert "Nhận góp ý công khai của người dân" in page and "Niêm yết công khai danh sách đề nghị" in page
    assert (COMMENT in page) is reads
    assert ("nội dung chỉ cán bộ xử lý hồ sơ được xem" in page) is not reads
    assert "0912" not in page


def test_the_inbox_counts_the_comments_in_constant_queries(demo, django_assert_num_queries):
    dossiers = [submitted_dossier() for _ in range(3)]
    notice = open_notice(dossiers[0])
    for i in range(3):
        comment(notice, dossiers[0].nominations.get(), commenter_name=f"Người {i}")
    officer = browser("xa.a.canbo")
    page = text(officer.get("/inbox/?tab=unit"))
    assert "3 góp ý của người dân" in page and page.count('data-testid="public-comment-count"') == 1
    with CaptureQueriesContext(connection) as one_commented:
        officer.get("/inbox/?tab=unit")
    for dossier in dossiers[1:]:
        comment(notice, dossier.nominations.get())
    with django_assert_num_queries(len(one_commented.captured_queries)):
        page = text(officer.get("/inbox/?tab=unit"))
    assert page.count('data-testid="public-comment-count"') == 3
    assert "góp ý của người dân" not in text(browser("truongthon.a1").get("/inbox/?tab=unit"))


def test_the_councils_step_shows_the_comments(demo):
    dossier = t.new_two_tier_dossier()
    t.to_council(dossier)
    notice = open_notice(dossier, username=t.OFFICER)
    comment(notice, dossier.nominations.get())
    page = text(browser(t.CHAIR).get(f"/dossiers/{dossier.pk}/"))
    step = page[page.index('data-action="council_vote"') :]
    assert 'data-testid="step-public-comments"' in step and COMMENT in step.split("</details>")[0]
