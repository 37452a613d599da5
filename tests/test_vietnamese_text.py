"""Vietnamese text in every field comes back exactly as typed, and escaped on the pages."""

import html
import unicodedata

import pytest

from dossiers.text import sort_key

from .api import Official
from .pages import browser, text

NAMES = [
    "Nguyễn Thị Ánh Tuyết",  # precomposed (NFC)
    unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết"),  # combining marks (NFD), as some phones type it
    "Hộ bà Rơ Châm H'Lan 😀🌾",
    "\u202bحرف\u202c Đinh Văn Hlơm",  # right-to-left marks around Arabic letters
    "<script>alert('xss')</script> & \"Đức\"",
    "Tập thể " + " ".join(["Làng Đê Kôn"] * 24),  # very long, close to the 300-character limit
]


@pytest.mark.parametrize("name", NAMES, ids=["nfc", "nfd", "emoji", "rtl", "markup", "long"])
def test_a_name_is_stored_and_shown_back_unchanged_and_escaped(demo, open_round, name):
    head = Official("truongthon.a1")
    created = head.post(
        "/api/dossiers/",
        {
            "round": open_round.pk,
            "unit": "GL-MY-DD-01",
            "title": name[:300],
            "nominations": [
                {"nominee_kind": "household", "nominee_name": name[:300], "award_form": "giay_khen_xa"}
            ],
        },
    )
    assert created.status_code == 201, created.content
    dossier = head.dossier(created.json()["id"])
    assert dossier["title"] == name[:300] and dossier["nominations"][0]["nominee_name"] == name[:300]
    page = text(browser("truongthon.a1").get(f"/dossiers/{dossier['id']}/"))
    assert html.escape(name[:300], quote=False) in page.replace("&#x27;", "'").replace("&quot;", '"')
    assert "<script>alert" not in page


def test_a_name_longer_than_the_limit_is_refused_with_a_clear_message(demo, open_round):
    response = Official("truongthon.a1").post(
        "/api/dossiers/",
        {
            "round": open_round.pk,
            "unit": "GL-MY-DD-01",
            "title": "Hồ sơ",
            "nominations": [
                {"nominee_kind": "household", "nominee_name": "Đ" * 301, "award_form": "giay_khen_xa"}
            ],
        },
    )
    assert response.status_code == 400
    assert response.json()["errors"]["nominations"][0]["nominee_name"] == [
        "Tên người / tập thể được đề nghị dài 301 ký tự, vượt giới hạn 300 ký tự. Hãy rút gọn rồi lưu lại."
    ]


def test_search_finds_a_name_typed_with_combining_marks_from_plain_letters(demo, open_round):
    head = Official("truongthon.a1")
    head.post(
        "/api/dossiers/",
        {
            "round": open_round.pk,
            "unit": "GL-MY-DD-01",
            "title": "Hồ sơ",
            "nominations": [
                {
                    "nominee_kind": "individual",
                    "nominee_name": unicodedata.normalize("NFD", "Trần Đức Thắng"),
                    "award_form": "giay_khen_xa",
                }
            ],
        },
    )
    for query in ("tran duc thang", "Trần Đức Thắng", unicodedata.normalize("NFD", "TRẦN ĐỨC")):
        assert head.get("/api/dossiers/", search=query).json()["count"] == 1, query


def test_names_sort_in_vietnamese_alphabetical_order():
    names = ["Đak Djrăng", "Dương", "Ân", "An", "Ăn", "Bình", "Ơ Rơ", "Ialy", "Ô Loan", "Ia Grai", "Dạ"]
    names += ["Da", "Dà", "Phường 10", "Phường 2"]
    expected = ["An", "Ăn", "Ân", "Bình", "Da", "Dà", "Dạ", "Dương", "Đak Djrăng", "Ia Grai", "Ialy"]
    expected += ["Ô Loan", "Ơ Rơ", "Phường 2", "Phường 10"]
    assert sorted(names, key=sort_key) == expected
    decomposed = [unicodedata.normalize("NFD", name) for name in names]  # typed with combining marks
    assert [unicodedata.normalize("NFC", n) for n in sorted(decomposed, key=sort_key)] == expected
