"""Administration: in Vietnamese; units, rounds and roles are managed there; dossiers and history only read."""

from django.contrib.auth import get_user_model
from django.test import Client

from dossiers.models import AuditEvent
from permissions.models import Membership, Unit
from permissions.roles import AGENCY_WORK_PERMISSION

from . import builders as b


def admin_browser():
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def test_the_admin_speaks_vietnamese(demo):
    page = admin_browser().get("/admin/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Hồ sơ đề nghị khen thưởng" in text and "Đơn vị hành chính" in text


def test_dossiers_and_history_are_read_only_in_the_admin(demo):
    dossier = b.new_dossier()
    admin = admin_browser()
    page = admin.get(f"/admin/dossiers/dossier/{dossier.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = admin.post(f"/admin/dossiers/dossier/{dossier.pk}/change/", {"title": "Sửa lén"})
    assert response.status_code == 403
    event = dossier.events.first()
    assert admin.post(f"/admin/dossiers/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin.get("/admin/dossiers/dossier/add/").status_code == 403
    dossier.refresh_from_db()
    assert dossier.title != "Sửa lén" and dossier.events.count() == 2


def test_granting_a_role_in_the_admin_records_it_and_opens_the_agency_queue(demo):
    user = get_user_model().objects.create_user("pho.chu.tich", password="demo12345")
    commune = Unit.objects.get(code="GL-MY-LP")
    response = admin_browser().post(
        "/admin/permissions/membership/add/", {"user": user.pk, "role": "commune_chair", "unit": commune.pk}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Membership.objects.filter(user=user, role="commune_chair", unit=commune).exists()
    assert AuditEvent.objects.filter(action="grant_role", changes__user="pho.chu.tich").exists()
    fresh = get_user_model().objects.get(pk=user.pk)
    assert fresh.has_perm(AGENCY_WORK_PERMISSION, commune.agencies.get(kind="ubnd_xa"))


def test_a_role_on_a_unit_of_the_wrong_level_is_refused_in_the_admin(demo):
    user = get_user_model().objects.create_user("sai.cap", password="demo12345")
    response = admin_browser().post(
        "/admin/permissions/membership/add/",
        {"user": user.pk, "role": "village_head", "unit": Unit.objects.get(code="GL-MY").pk},
    )
    assert response.status_code == 200 and "cấp Thôn" in response.content.decode()
    assert not Membership.objects.filter(user=user).exists()
