"""The public notice through the API: officials open and end it and read a dossier's comments; anyone reads
a running notice and comments on it, counted per address (429 in Vietnamese)."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from publicity.models import PublicComment, PublicNotice

from .api import Official
from .test_public_notice import CITIZEN_ID, COMMENT, comment, open_notice, submitted_dossier

TODAY = timezone.localdate()
BODY = {"commenter_name": "Lê Thị Mai", "phone": "", "email": "mai@example.vn", "text": COMMENT}


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    cache.clear()


def test_the_officer_opens_and_ends_a_notice(demo):
    dossier = submitted_dossier()
    officer = Official("xa.a.canbo")
    opened = officer.post("/api/public-notices/", {"commune": dossier.commune_id, "round": dossier.round_id})
    assert opened.status_code == 201, opened.content
    body = opened.json()
    assert body["running"] is True and body["opens_on"] == TODAY.isoformat()
    again = officer.post("/api/public-notices/", {"commune": dossier.commune_id, "round": dossier.round_id})
    assert again.status_code == 409 and again.json()["detail"]
    no_reason = officer.post(f"/api/public-notices/{body['id']}/close/", {"reason": ""})
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["errors"]
    closed = officer.post(f"/api/public-notices/{body['id']}/close/", {"reason": "Họp sớm"})
    assert closed.status_code == 200 and closed.json()["running"] is False
    assert officer.post(f"/api/public-notices/{body['id']}/close/", {"reason": "Lần nữa"}).status_code == 409


@pytest.mark.parametrize(
    ("username", "status"), [("xa.a.chutich", 403), ("xa.b.canbo", 404), ("huyen.noivu", 403)]
)
def test_others_may_not_open_the_notice(demo, username, status):
    dossier = submitted_dossier()
    response = Official(username).post(
        "/api/public-notices/", {"commune": dossier.commune_id, "round": dossier.round_id}
    )
    assert response.status_code == status, response.content
    assert set(response.json()) == {"detail", "errors"}
    assert not PublicNotice.objects.exists()


def test_opening_needs_an_account(demo):
    dossier = submitted_dossier()
    response = APIClient().post(
        "/api/public-notices/", {"commune": dossier.commune_id, "round": dossier.round_id}
    )
    assert response.status_code == 401


def test_anyone_reads_a_running_notice_with_only_the_allowed_fields(demo):
    dossier = submitted_dossier()
    notice = open_notice(dossier)
    response = APIClient().get(f"/api/public/notices/{notice.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["commune"] == "Xã Đak Djrăng" and body["province"] == "Tỉnh Gia Lai"
    (nominee,) = body["nominees"]
    assert set(nominee) == {"id", "name", "village", "kind", "award_form", "summary"}
    assert CITIZEN_ID not in response.content.decode() and "1985" not in response.content.decode()
    assert APIClient().get("/api/public/notices/999999/").status_code == 404


def test_anyone_comments_and_the_officials_read_it(demo):
    dossier = submitted_dossier()
    notice = open_notice(dossier)
    nomination = dossier.nominations.get()
    response = APIClient().post(
        f"/api/public/notices/{notice.pk}/comments/", {**BODY, "nominee": nomination.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["nominee"] == nomination.pk and "mai@" not in response.content.decode()
    listed = Official("xa.a.canbo").get(f"/api/dossiers/{dossier.pk}/public-comments/")
    assert listed.status_code == 200
    assert [(c["text"], c["email"]) for c in listed.json()] == [(COMMENT, "mai@example.vn")]


@pytest.mark.parametrize(
    ("username", "status"), [("truongthon.a1", 403), ("xa.b.canbo", 404), ("huyen.thanhtra", 403)]
)
def test_the_comments_are_refused_to_the_village_head_and_strangers(demo, username, status):
    dossier = submitted_dossier()
    comment(open_notice(dossier), dossier.nominations.get())
    response = Official(username).get(f"/api/dossiers/{dossier.pk}/public-comments/")
    assert response.status_code == status
    assert COMMENT not in response.content.decode()


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"phone": "", "email": ""}, 400, "phone"),
        ({"email": "mai@@x"}, 400, "email"),
        ({"text": ""}, 400, "text"),
        ({"nominee": 999999}, 404, None),
    ],
)
def test_a_bad_comment_gets_the_errors_shape(demo, change, status, field):
    dossier = submitted_dossier()
    notice = open_notice(dossier)
    body = {**BODY, "nominee": dossier.nominations.get().pk, **change}
    response = APIClient().post(f"/api/public/notices/{notice.pk}/comments/", body, format="json")
    assert response.status_code == status, response.content
    assert response.json()["detail"]
    if field:
        assert field in response.json()["errors"]
    assert not PublicComment.objects.exists()


def test_a_comment_after_the_period_is_a_conflict(demo):
    dossier = submitted_dossier()
    notice = open_notice(dossier)
    PublicNotice.objects.filter(pk=notice.pk).update(
        opens_on=TODAY - datetime.timedelta(days=15), closes_on=TODAY - datetime.timedelta(days=1)
    )
    body = {**BODY, "nominee": dossier.nominations.get().pk}
    response = APIClient().post(f"/api/public/notices/{notice.pk}/comments/", body, format="json")
    assert response.status_code == 409 and "kết thúc" in response.json()["detail"]


def test_too_many_comments_from_one_address_get_429_in_vietnamese(demo, settings):
    settings.PUBLIC_COMMENTS_PER_HOUR = 1
    dossier = submitted_dossier()
    notice = open_notice(dossier)
    body, url = (
        {**BODY, "nominee": dossier.nominations.get().pk},
        f"/api/public/notices/{notice.pk}/comments/",
    )
    assert APIClient().post(url, body, format="json").status_code == 201
    refused = APIClient().post(url, body, format="json")
    assert refused.status_code == 429
    assert refused.json() == {
        "detail": "Địa chỉ của bạn đã gửi quá nhiều góp ý trong một giờ. Vui lòng thử lại sau.",
        "errors": {},
    }
    assert PublicComment.objects.count() == 1


def test_the_schema_describes_the_public_notice_operations(demo):
    schema = Official("xa.a.canbo").get("/api/schema/", format="json").content.decode()
    for path in (
        "/api/public-notices/",
        "/api/public/notices/{id}/comments/",
        "/api/dossiers/{id}/public-comments/",
    ):
        assert path in schema
