"""Lists download as spreadsheets: Vietnamese headers and text, dates as dates, one row per nomination; and
every download of a decision holds only the awardees of the dossiers the reader may see."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook
from pypdf import PdfReader

from permissions.models import Membership, Unit
from permissions.roles import Role
from web import generated as files
from workflows.models import GeneratedFile

from . import builders as b
from . import export_world as w
from .api import Official
from .pages import browser, text
from .test_documents import pdf_text


def sheet(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_dossier_list_with_its_filters_downloads_one_row_per_nomination(demo):
    kept = b.new_dossier(award_forms=("giay_khen_xa", "giay_khen_huyen"))
    b.to_submitted(kept)
    b.new_dossier()  # a draft, filtered out below
    rows = sheet(browser("huyen.thanhtra").get("/dossiers/?status=submitted&format=xlsx"))
    assert rows[0][:3] == ("Mã hồ sơ", "Tiêu đề hồ sơ", "Thôn")
    assert [r[0] for r in rows[1:]] == [kept.code, kept.code]
    assert rows[1][6] == "Hộ ông Nguyễn Văn Đức 1" and rows[1][5] == "Đã gửi xã"
    assert isinstance(rows[1][12], datetime.datetime)


def test_the_awardees_of_the_decisions_download_with_the_decision_date_as_a_date(demo):
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_district_decision(dossier)
    Official("huyen.chutich").post(
        "/api/decisions/",
        {
            "number": "9/QĐ-UBND",
            "date": b.TODAY.isoformat(),
            "signer_capacity": "chair",
            "dossiers": [dossier.pk],
        },
    )
    rows = sheet(browser("huyen.thanhtra").get("/decisions/?format=xlsx"))
    assert rows[1][10] == "9/QĐ-UBND" and rows[1][11].date() == b.TODAY and rows[1][9] == "Được khen thưởng"
    assert len(sheet(browser("xa.b.canbo").get("/decisions/?format=xlsx"))) == 1  # headers only


@pytest.fixture
def world(demo):
    return w.build()


def test_a_village_heads_awardee_spreadsheet_lists_only_the_awardees_of_their_own_village(world):
    rows = sheet(browser("truongthon.b1").get("/decisions/?format=xlsx"))[1:]
    assert [(r[0], r[6], r[10]) for r in rows] == [
        (world.dossiers["B"].code, w.B_DISTRICT, w.DISTRICT_NUMBER)
    ]  # neither Xã Đak Djrăng's awardee of the same decision nor the province's awardee of that dossier


def test_the_decisions_page_shows_a_shared_decision_with_only_the_awardees_the_user_may_see(world):
    page = text(browser("truongthon.b1").get("/decisions/"))
    assert w.B_DISTRICT in page and w.DISTRICT_NUMBER in page
    assert w.A_DISTRICT not in page and world.dossiers["A"].code not in page
    assert w.PROVINCE_NUMBER not in page


def test_the_api_lists_a_shared_decision_with_only_the_awardees_the_user_may_see(world):
    (decision,) = Official("xa.b.canbo").get("/api/decisions/").json()["results"]
    assert [a["nominee_name"] for a in decision["awardees"]] == [w.B_DISTRICT]


def test_a_shared_decision_and_its_certificates_print_only_the_awardees_the_reader_may_see(world):
    reader = Official("xa.b.chutich")
    for kind in ("pdf", "certificates"):
        _pages, printed = pdf_text(reader.get(f"/api/decisions/{world.district.pk}/{kind}/").content)
        assert w.B_DISTRICT in printed and w.A_DISTRICT not in printed
    pages, printed = pdf_text(
        browser("huyen.chutich").get(f"/decisions/{world.district.pk}/certificates/").content
    )
    assert pages == 2 and w.A_DISTRICT in printed and w.B_DISTRICT in printed  # the district sees both


def test_a_partial_print_of_a_decision_says_it_is_an_extract_and_the_full_one_does_not(world):
    _pages, extract = pdf_text(Official("xa.b.chutich").get(f"/api/decisions/{world.district.pk}/pdf/").content)
    assert "BẢN TRÍCH" in extract and "không thay thế quyết định đã ban hành" in extract
    _pages, whole = pdf_text(browser("huyen.chutich").get(f"/decisions/{world.district.pk}/pdf/").content)
    assert "BẢN TRÍCH" not in whole


def _acting_as(client, membership):
    session = client.session
    session["acting_membership"] = membership.pk
    session.save()


def test_certificates_built_on_the_queue_print_only_what_the_requesting_role_sees(
    world, settings, django_capture_on_commit_callbacks
):
    settings.INLINE_CERTIFICATES = 0
    head = get_user_model().objects.get(username="truongthon.b1")
    # The same person is also an officer of the other commune, but asks as the village head.
    Membership.objects.create(user=head, role=Role.COMMUNE_OFFICER, unit=Unit.objects.get(code="GL-MY-DD"))
    client = browser("truongthon.b1")
    _acting_as(client, head.memberships.get(role=Role.VILLAGE_HEAD))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/decisions/{world.district.pk}/certificates/")
    assert response.status_code == 302 and response["Location"].startswith("/files/")
    download = client.get(f"/files/{GeneratedFile.objects.get().pk}/download/")
    content = b"".join(download.streaming_content)
    assert len(PdfReader(io.BytesIO(content)).pages) == 1
    assert w.B_DISTRICT in pdf_text(content)[1]


def test_a_queued_file_asked_for_in_a_role_revoked_since_is_not_built(world):
    head = get_user_model().objects.get(username="truongthon.b1")
    officer = Membership.objects.create(
        user=head, role=Role.COMMUNE_OFFICER, unit=Unit.objects.get(code="GL-MY-DD")
    )
    generated = GeneratedFile.objects.create(
        owner=head,
        kind="certificates",
        params={"decision": world.district.pk, "acting": officer.pk},
        filename="giay-khen.pdf",
        content_type="application/pdf",
    )
    officer.delete()  # the village head role left must not print in the revoked role's stead
    with pytest.raises(Membership.DoesNotExist):
        files.build_file(generated.pk)


def test_text_that_looks_like_a_formula_is_exported_as_text(demo):
    dossier = b.new_dossier()
    dossier.nominations.update(nominee_name='=HYPERLINK("http://evil","Nguyễn")')
    b.to_submitted(dossier)
    rows = list(
        load_workbook(
            io.BytesIO(browser("huyen.thanhtra").get("/dossiers/?format=xlsx").content)
        ).active.iter_rows()
    )
    cell = rows[1][6]
    assert cell.data_type == "s" and cell.value.startswith("'=HYPERLINK")
