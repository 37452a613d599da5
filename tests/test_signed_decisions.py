"""Digitally signed decisions: the whole decision is signed (PAdES) on its first download by someone who sees
all of it, with the signer's and the agency's keys; the signed file is the record; anyone can check a PDF
against it on a public page. The CA is made in the test (tests/signing_ca.py)."""

import datetime as dt
import threading
from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client
from pypdf import PdfReader

from dossiers.models import AuditEvent, Decision
from dossiers.printing.decision import decision_pdf
from signing.keys import Pkcs12Signer
from signing.models import SignedDecision, SignedRecordIsFinal, SigningKey
from signing.placement import signature_box
from signing.services import decision_sign
from signing.stamping import sign_once
from signing.verification import verify_decision_pdf

from . import builders as b
from .api import Official
from .pages import browser, text
from .signing_ca import PASSPHRASE, MadeCA

TAMPERED = "Nội dung tệp đã bị thay đổi sau khi ký"
UNTRUSTED = "không được chứng thực bởi tổ chức tin cậy"
NEVER_ISSUED = "Tệp không trùng với bất kỳ quyết định nào đã ban hành"


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    cache.clear()  # the per-address counts of the verify page live in the cache


@pytest.fixture
def ca(tmp_path, settings, monkeypatch):
    made = MadeCA(tmp_path)
    settings.SIGNING_TRUST_ROOTS = [str(made.root_path)]
    monkeypatch.setenv("KT_SIGNING_PASSPHRASE", PASSPHRASE)
    return made


@pytest.fixture
def decision(demo):
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_district_decision(dossier)
    Official("huyen.chutich").fire(dossier.pk, "approve", **b.decision_payload())
    return Decision.objects.get()


def _key(ca, decision, **owner):
    common_name = "Nguyễn Văn Đức" if "user" in owner else "UBND huyện Mang Yang"
    return SigningKey.objects.create(
        pkcs12_path=str(ca.issue_pkcs12(common_name)),
        passphrase_env="KT_SIGNING_PASSPHRASE",
        valid_from=decision.date - dt.timedelta(days=30),
        valid_until=decision.date + dt.timedelta(days=30),
        **owner,
    )


@pytest.fixture
def keys(ca, decision):
    return _key(ca, decision, user=decision.signer), _key(ca, decision, unit=decision.issuer)


def download(decision, username="huyen.chutich"):
    return browser(username).get(f"/decisions/{decision.pk}/pdf/")


def check(content: bytes, client=None):
    upload = SimpleUploadedFile("quyet-dinh.pdf", content, content_type="application/pdf")
    return (client or Client()).post("/decisions/verify/", {"pdf": upload})


def test_it_signs_the_decision_on_first_download_with_the_signer_and_the_agency(decision, keys):
    response = download(decision)
    assert response.status_code == 200
    record = SignedDecision.objects.get(decision=decision)
    assert response.content == bytes(record.pdf)
    names = [
        field.get("/T")
        for page in PdfReader(BytesIO(response.content)).pages
        for field in (a.get_object() for a in page.get("/Annots") or [])
    ]
    assert names == ["ChuKyNguoiKy", "ChuKyCoQuan"]
    assert "Nguyễn Văn Đức" in record.signer_subject and "UBND huyện" in record.agency_subject
    assert (record.number, record.date) == (decision.number, decision.date)
    assert download(decision).content == response.content  # the record, not a new signature


def test_a_signed_decision_verifies_on_the_public_page_without_login(decision, keys):
    signed = download(decision).content
    response = check(signed)
    assert response.status_code == 200
    page = text(response)
    assert (
        "Quyết định hợp lệ" in page and decision.number in page and decision.date.strftime("%d/%m/%Y") in page
    )


def test_one_changed_byte_fails_with_a_vietnamese_reason(decision, keys):
    signed = bytearray(download(decision).content)
    inside_first_stream = signed.index(b"stream") + 40
    signed[inside_first_stream] ^= 0x01
    response = check(bytes(signed))
    assert "Không xác thực được quyết định" in text(response)
    assert TAMPERED in text(response)
    assert not verify_decision_pdf(bytes(signed)).valid


def test_a_different_certificate_fails_with_a_vietnamese_reason(decision, keys, tmp_path):
    stranger = MadeCA(tmp_path / "..", name="CA Khác")
    forged_key = SigningKey(
        pkcs12_path=str(stranger.issue_pkcs12("Kẻ Giả Mạo")), passphrase_env="KT_SIGNING_PASSPHRASE"
    )
    plain = decision_pdf(decision)
    forged = sign_once(
        plain,
        _pyhanko(forged_key),
        field="ChuKyNguoiKy",
        box=signature_box(plain, decision),
        label="Giả",
        reason="Giả",
    )
    verdict = verify_decision_pdf(forged)
    assert not verdict.valid and UNTRUSTED in verdict.reasons[0] and "Kẻ Giả Mạo" in verdict.reasons[0]
    assert UNTRUSTED in text(check(forged))


def test_a_pdf_never_issued_fails_even_signed_by_a_trusted_key(decision, keys, ca):
    plain = decision_pdf(decision)
    assert verify_decision_pdf(plain).reasons == ["Tệp không có chữ ký số nào."]
    trusted_but_unrecorded = sign_once(
        plain,
        _pyhanko(keys[0]),
        field="ChuKyNguoiKy",
        box=signature_box(plain, decision),
        label="x",
        reason="x",
    )
    assert NEVER_ISSUED in text(check(trusted_but_unrecorded))


def test_a_file_that_is_not_a_pdf_is_refused_with_a_reason(db):
    assert "không phải là tệp PDF" in text(check(b"GIF89a not a pdf"))


def _pyhanko(key):
    return Pkcs12Signer(key).pyhanko_signer()


def test_the_record_cannot_be_resigned_edited_or_deleted(decision, keys):
    record = decision_sign(decision)
    assert decision_sign(decision).pk == record.pk and SignedDecision.objects.count() == 1
    record.pdf = b"%PDF-1.7 something else"
    with pytest.raises(SignedRecordIsFinal):
        record.save()
    with pytest.raises(SignedRecordIsFinal):
        record.delete()
    assert bytes(SignedDecision.objects.get().pdf).startswith(b"%PDF")


def test_signing_is_written_in_the_history_of_the_decisions_dossiers(decision, keys):
    download(decision)
    (event,) = AuditEvent.objects.filter(action="decision_signed")
    assert event.dossier is not None and event.actor.username == "huyen.chutich"
    assert decision.number in event.comment


def test_the_visible_box_sits_between_the_signers_title_and_name(decision, keys):
    plain = decision_pdf(decision)
    box = signature_box(plain, decision)
    lines = {}
    PdfReader(BytesIO(plain)).pages[box.page].extract_text(
        visitor_text=lambda t, cm, tm, f, s: lines.setdefault(t.strip(), tm[5] * cm[3] + cm[5])
    )
    assert lines["Nguyễn Văn Đức"] < box.y1 < box.y2 < lines["CHỦ TỊCH"]
    assert box.x1 > 300  # the right-hand signature column of Decree 30


def test_without_a_key_the_decision_is_served_unsigned_and_nothing_is_recorded(decision):
    response = download(decision)
    assert response.status_code == 200 and b"/ByteRange" not in response.content
    assert not SignedDecision.objects.exists()


def test_a_missing_passphrase_refuses_the_download_with_a_reason(decision, keys, monkeypatch):
    monkeypatch.delenv("KT_SIGNING_PASSPHRASE")
    response = download(decision)
    assert response.status_code == 409 and "KT_SIGNING_PASSPHRASE" in response.content.decode()
    assert not SignedDecision.objects.exists()


def test_a_stranger_gets_404_and_nothing_is_signed(decision, keys):
    assert download(decision, "xa.b.canbo").status_code == 404
    assert not SignedDecision.objects.exists()


def test_uploads_are_limited_per_address(db, settings):
    settings.SIGNATURE_CHECKS_PER_HOUR = 2
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert [check(b"x", client).status_code for _ in range(3)] == [200, 200, 429]
    assert check(b"x", Client(REMOTE_ADDR="203.0.113.8")).status_code == 200


def test_an_upload_over_the_document_limit_is_refused(db, settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    response = check(b"%PDF-" + b"0" * 2000)
    assert response.status_code == 400 and "vượt giới hạn" in text(response)


def test_the_verify_page_opens_without_login(db):
    response = Client().get("/decisions/verify/")
    assert response.status_code == 200 and "Xác thực quyết định khen thưởng" in text(response)


def test_a_dossier_cannot_join_a_decision_once_it_is_signed(decision, keys):
    """A signed decision is the record as issued: a chair giving a later dossier its number and date is
    told to issue a new decision, and the signed file still serves."""
    download(decision)
    before = decision.awarded_nominations.count()
    later = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_district_decision(later)
    refused = Official("huyen.chutich").fire(later.pk, "approve", expect=400, **b.decision_payload())
    assert "đã ký số; ban hành một quyết định mới" in refused["errors"]["decision_number"][0]
    assert Decision.objects.count() == 1 and decision.awarded_nominations.count() == before
    assert download(decision).status_code == 200


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_first_downloads_at_once_sign_once(decision, keys):
    barrier, bodies = threading.Barrier(2), []

    def worker():
        try:
            barrier.wait()
            bodies.append(download(decision).content)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(bodies) == 2 and bodies[0] == bodies[1] == bytes(SignedDecision.objects.get().pdf)
    assert AuditEvent.objects.filter(action="decision_signed").count() == 1


def test_a_program_checks_a_decision_through_the_api_without_an_account(decision, keys):
    signed = download(decision).content

    def api_check(content):
        upload = SimpleUploadedFile("qd.pdf", content, content_type="application/pdf")
        return Client().post("/api/decisions/verify/", {"pdf": upload})

    answer = api_check(signed).json()
    assert answer["valid"] is True and answer["reasons"] == []
    assert answer["decision"]["number"] == decision.number and answer["decision"]["date"] == decision.date.isoformat()
    tampered = bytearray(signed)
    tampered[len(tampered) // 2] ^= 0x01
    answer = api_check(bytes(tampered)).json()
    assert answer["valid"] is False and answer["decision"] is None and answer["reasons"]
    missing = Client().post("/api/decisions/verify/", {})
    assert missing.status_code == 400 and "Chọn tệp PDF" in missing.json()["detail"]
