"""Vietnamese by default, English available."""

from django.conf import settings

from . import builders as b
from .api import Official


def test_the_service_is_vietnamese_by_default_in_ho_chi_minh_time():
    assert (settings.LANGUAGE_CODE, settings.TIME_ZONE) == ("vi", "Asia/Ho_Chi_Minh")
    assert "en" in dict(settings.LANGUAGES)


def test_status_names_are_vietnamese_whatever_the_browser_until_the_user_chooses_english(demo):
    dossier = b.new_dossier()
    head = Official("truongthon.a1")
    assert head.get(f"/api/dossiers/{dossier.pk}/").json()["status_display"] == "Đang soạn"
    browser_in_english = head.client.get(f"/api/dossiers/{dossier.pk}/", HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert browser_in_english.json()["status_display"] == "Đang soạn"
    head.client.cookies["django_language"] = "en"
    assert head.get(f"/api/dossiers/{dossier.pk}/").json()["status_display"] == "Draft"


def test_a_service_refusal_speaks_the_language_the_user_chose(demo):
    dossier = b.new_dossier()
    head = Official("truongthon.a1")
    vietnamese = head.fire(dossier.pk, "withdraw", expect=400, comment="")
    assert vietnamese["detail"] == "Vui lòng ghi rõ lý do."
    head.client.cookies["django_language"] = "en"
    english = head.fire(dossier.pk, "withdraw", expect=400, comment="")
    assert english["detail"] == "Please state the reason."
