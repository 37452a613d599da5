"""Reports parked by a form that could not be saved: only the user's own, bounded, gone after a day."""

import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from config.celery import app
from dossiers import uploads
from dossiers.models import Document, Dossier
from web.pages.dossier_form import SIGNER
from workflows.tasks import expire_parked_uploads

from . import builders as b
from .files import tiny_pdf
from .pages import browser, text

MEGABYTE_PDF = tiny_pdf() + b"%" * 1024 * 1024


def form_data(open_round, made, title="Đề nghị khen thưởng năm 2025"):
    data = {"title": title, "round": open_round.pk, "n-TOTAL_FORMS": len(made), "n-INITIAL_FORMS": 0}
    for i, row in enumerate(made):
        data |= {f"n-{i}-{key}": value for key, value in row.items()}
    return data


def rows(forms, count, files=True, tokens=()):
    """``count`` nominations, each with a 1 MB report (``files``) and the parked reference it was given."""
    made = []
    for i in range(count):
        row = {
            "nominee_kind": "household",
            "nominee_name": f"Hộ ông {i}",
            "award_form": forms["giay_khen_xa"].pk,
        }
        if files:
            row["report"] = SimpleUploadedFile(f"bao-cao-{i}.pdf", MEGABYTE_PDF)
        if tokens:
            row["report_token"] = tokens[i]
        made.append(row)
    return made


def failed_post(head, open_round, made):
    """A post refused for its empty title: everything else in it is valid."""
    response = head.post("/dossiers/new/", form_data(open_round, made, title=""))
    assert response.status_code == 400
    return response, [
        f.data.get(f"n-{i}-report_token", "") for i, f in enumerate(response.context["formset"])
    ]


def parked():
    return sorted(p for p in (Path(settings.MEDIA_ROOT) / "pending").rglob("*") if p.is_file())


def test_reposting_a_failed_form_replaces_its_parked_reports_instead_of_piling_them_up(
    open_round, forms, django_capture_on_commit_callbacks
):
    head = browser("truongthon.a1")
    _, tokens = failed_post(head, open_round, rows(forms, 3))
    for _ in range(2):  # the head picks the three files again each time
        _, tokens = failed_post(head, open_round, rows(forms, 3, tokens=tokens))
    assert len(parked()) == 3
    with django_capture_on_commit_callbacks(execute=True):
        saved = head.post("/dossiers/new/", form_data(open_round, rows(forms, 3, files=False, tokens=tokens)))
    assert saved.status_code == 302
    assert Dossier.objects.get().documents.count() == 3 and parked() == []


def test_a_user_cannot_park_more_than_the_limit_and_loses_nothing_else(open_round, forms, monkeypatch):
    monkeypatch.setattr(uploads, "PARKED_MAX_FILES", 4)
    head = browser("truongthon.a1")
    _, kept = failed_post(head, open_round, rows(forms, 3))
    response, tokens = failed_post(head, open_round, rows(forms, 3))  # a fresh form: nothing to replace
    assert len(parked()) == 4 and tokens[0] and not tokens[1] and not tokens[2]
    page = text(response)
    assert page.count("quá nhiều tệp chưa lưu của bạn (tối đa 4 tệp, 100 MB)") == 2
    assert "Hộ ông 2" in page  # what was typed is still there
    fixed = rows(forms, 3, files=False, tokens=kept)
    assert head.post("/dossiers/new/", form_data(open_round, fixed)).status_code == 302
    assert Dossier.objects.get().documents.count() == 3


def test_the_parked_size_per_user_is_bounded_too(open_round, forms, monkeypatch):
    monkeypatch.setattr(uploads, "PARKED_MAX_BYTES", 5 * 1024 * 1024 // 2)
    response, tokens = failed_post(browser("truongthon.a1"), open_round, rows(forms, 3))
    assert len(parked()) == 2 and not tokens[2] and "quá nhiều tệp chưa lưu" in text(response)


def test_each_user_parks_in_a_folder_of_their_own_that_no_one_else_can_use(open_round, forms):
    _, tokens = failed_post(browser("truongthon.a1"), open_round, rows(forms, 1))
    row = rows(forms, 1, files=False, tokens=tokens)
    response = browser("truongthon.a2").post("/dossiers/new/", form_data(open_round, row))
    assert response.status_code == 400 and "không còn được giữ trên máy chủ" in text(response)
    assert len(parked()) == 1 and not Document.objects.exists()


@pytest.mark.parametrize(
    "forged",
    [
        "pending/../documents/{name}",
        "pending/{user}/../../documents/{name}",
        "pending/{user}/../../pending/../documents/{name}",
        "{media}/documents/{name}",
    ],
)
def test_a_correctly_signed_reference_outside_the_users_parked_files_is_refused_and_moves_nothing(
    open_round, forms, forged, django_capture_on_commit_callbacks
):
    document = b.new_dossier().documents.get()  # another dossier's report, on disk
    target = Path(document.file.path)
    before = target.read_bytes()
    head = browser("truongthon.a1")
    user = head.session["_auth_user_id"]
    path = forged.format(
        name=document.file.name.removeprefix("documents/"), user=user, media=settings.MEDIA_ROOT
    )
    token = SIGNER.sign_object({"path": path, "name": "bao-cao.pdf"})  # as anyone holding the key could
    with django_capture_on_commit_callbacks(execute=True):  # where a parked file would be removed
        response = head.post(
            "/dossiers/new/", form_data(open_round, rows(forms, 1, files=False, tokens=[token]))
        )
    assert target.exists() and target.read_bytes() == before
    assert response.status_code == 400 and "không còn được giữ trên máy chủ" in text(response)
    assert Dossier.objects.count() == 1 and Document.objects.count() == 1
    assert response.context["formset"].forms[0].data["n-0-report_token"] == ""  # not offered back


def test_a_reference_whose_file_has_expired_asks_for_the_file_again(open_round, forms):
    head = browser("truongthon.a1")
    _, tokens = failed_post(head, open_round, rows(forms, 1))
    parked()[0].unlink()
    response = head.post("/dossiers/new/", form_data(open_round, rows(forms, 1, files=False, tokens=tokens)))
    assert response.status_code == 400 and "Vui lòng chọn lại tệp" in text(response)
    assert not Dossier.objects.exists()


def test_the_hourly_job_removes_parked_files_older_than_a_day_and_keeps_the_rest(open_round, forms):
    _, tokens = failed_post(browser("truongthon.a1"), open_round, rows(forms, 2))
    old, fresh = parked()
    day_ago = time.time() - 24 * 60 * 60 - 60
    os.utime(old, (day_ago, day_ago))
    assert expire_parked_uploads.delay().get() == 1
    assert parked() == [fresh]


def test_the_expiry_job_is_on_the_beat_schedule_every_hour():
    (entry,) = [
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"].endswith("expire_parked_uploads")
    ]
    assert entry["schedule"] <= 60 * 60 and entry["task"] in app.tasks


def test_parking_anew_first_clears_the_users_own_files_older_than_a_day_even_without_the_job(
    open_round, forms, monkeypatch
):
    monkeypatch.setattr(uploads, "PARKED_MAX_FILES", 2)
    head = browser("truongthon.a1")
    failed_post(head, open_round, rows(forms, 2))
    day_ago = time.time() - 24 * 60 * 60 - 60
    for old in parked():
        os.utime(old, (day_ago, day_ago))
    _, tokens = failed_post(head, open_round, rows(forms, 2))
    assert all(tokens) and len(parked()) == 2
