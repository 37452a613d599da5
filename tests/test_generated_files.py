"""Long work on the job queue: a progress page, the file when ready, never half a file."""

import io

import pytest
from pypdf import PdfReader

from web import generated as files
from workflows.models import GeneratedFile

from . import builders as b
from .api import Official
from .pages import browser, text


@pytest.fixture
def decision(demo):
    dossiers = [b.new_dossier(award_forms=("giay_khen_huyen",)) for _ in range(3)]
    for dossier in dossiers:
        b.to_district_decision(dossier)
    Official("huyen.chutich").post(
        "/api/decisions/",
        {
            "number": "12/QĐ-UBND",
            "date": b.TODAY.isoformat(),
            "signer_capacity": "chair",
            "dossiers": [d.pk for d in dossiers],
        },
    )
    from dossiers.models import Decision

    return Decision.objects.get()


def test_many_certificates_are_built_on_the_queue_and_offered_when_ready(
    decision, settings, django_capture_on_commit_callbacks
):
    settings.INLINE_CERTIFICATES = 2
    chair = browser("huyen.chutich")
    with django_capture_on_commit_callbacks(execute=True):
        response = chair.get(f"/decisions/{decision.pk}/certificates/")
    assert response.status_code == 302 and response["Location"].startswith("/files/")
    page = chair.get(response["Location"])
    assert "Tệp đã sẵn sàng" in text(page)
    generated = GeneratedFile.objects.get()
    download = chair.get(f"/files/{generated.pk}/download/")
    assert len(PdfReader(io.BytesIO(b"".join(download.streaming_content))).pages) == 3
    assert browser("huyen.noivu").get(response["Location"]).status_code == 404  # only its owner


def test_a_long_export_waits_on_the_queue_with_a_progress_page(decision, settings):
    settings.INLINE_EXPORT_DOSSIERS = 1
    inspector = browser("huyen.thanhtra")
    response = inspector.get("/dossiers/?format=xlsx")  # the job is queued after commit: still pending here
    assert response.status_code == 302
    page = text(inspector.get(response["Location"]))
    assert 'http-equiv="refresh"' in page and "đang tạo tệp" in page
    assert inspector.get(response["Location"] + "download/").status_code == 404


def test_a_failed_build_leaves_no_half_file_and_a_retry_completes_it(decision, monkeypatch):
    generated = GeneratedFile.objects.create(
        owner=decision.signer,
        kind="certificates",
        params={"decision": decision.pk},
        filename="giay-khen.pdf",
        content_type="application/pdf",
    )

    def broken(generated, report):
        report(1, 3)
        raise RuntimeError("hết bộ nhớ giữa chừng")

    monkeypatch.setitem(files.BUILDERS, "certificates", broken)
    with pytest.raises(RuntimeError):
        files.build_file(generated.pk)
    generated.refresh_from_db()
    assert not generated.file and generated.state == "running" and generated.progress == 33
    monkeypatch.undo()
    assert files.build_file(generated.pk) == "done"
    generated.refresh_from_db()
    assert generated.file and generated.progress == 100
    assert files.build_file(generated.pk) == "done"  # delivered twice: nothing built twice
