"""Lists download as spreadsheets: Vietnamese headers and text, dates as dates, one row per nomination."""

import datetime
import io

from openpyxl import load_workbook

from . import builders as b
from .api import Official
from .pages import browser


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
