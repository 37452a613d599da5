"""The public pages as a citizen reads them: the search by village or nominee, the public 404 and the links
between the public pages, the issuer written as inside a sentence, the paper notice's table, what a
commenter is told; and the comment's contact and author as the officials see them."""

import pytest
from django.core.cache import cache
from django.test import Client

from web.templatetags.publicity_tags import phone_grouped

from . import builders as b
from .pages import browser, text
from .test_documents import pdf_text
from .test_public_notice import comment, open_notice, submitted_dossier
from .test_public_notice_pages import FIELDS, comment_url


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    cache.clear()


@pytest.fixture
def posted(demo):
    dossier = submitted_dossier()
    return dossier, open_notice(dossier)


# Search


@pytest.mark.parametrize("query", ["Đê Kôn", "de kon", "Nguyễn", "nguyen van duc", "NGUYEN"])
def test_the_index_finds_a_notice_by_village_or_nominee_with_or_without_diacritics(posted, query):
    page = text(Client().get("/cong-khai/", {"q": query}))
    assert f'href="/cong-khai/{posted[1].pk}/"' in page, query


def test_the_index_search_misses_what_the_notice_does_not_list(posted):
    dossier, notice = posted
    b.fire("truongthon.a1", dossier, "withdraw", comment="Thôn xin rút hồ sơ")  # off the notice
    for query in ("Nguyễn Văn Đức", "Trần Thị Không Có"):
        assert f'href="/cong-khai/{notice.pk}/"' not in text(Client().get("/cong-khai/", {"q": query}))


def test_the_index_searches_in_a_constant_number_of_queries(posted, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert "Xã Đak Djrăng" in text(Client().get("/cong-khai/", {"q": "de kon"}))


# Not found, and the links between the public pages


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("/cong-khai/999999/", "Không tìm thấy thông báo niêm yết."),
        ("/cong-khai/999999/gop-y/?nominee=1", "Không tìm thấy thông báo niêm yết."),
        ("/cong-khai/999999/thong-bao.pdf", "Không tìm thấy thông báo niêm yết."),
        ("NOMINEE", "Không tìm thấy người được đề nghị này trong danh sách niêm yết."),
    ],
)
def test_a_wrong_address_gets_the_public_404_leading_to_the_public_pages(posted, address, message):
    notice = posted[1]
    address = f"/cong-khai/{notice.pk}/gop-y/?nominee=999999" if address == "NOMINEE" else address
    response = Client().get(address)
    page = text(response)
    assert response.status_code == 404 and message in page
    assert 'href="/cong-khai/"' in page and 'href="/dossiers/lookup/"' in page
    assert "Tra cứu hồ sơ”" not in page and "Về trang chủ" not in page


@pytest.mark.parametrize("address", ["/cong-khai/", "NOTICE", "COMMENT"])
def test_the_public_pages_link_to_each_other(posted, address):
    dossier, notice = posted
    address = {
        "NOTICE": f"/cong-khai/{notice.pk}/",
        "COMMENT": comment_url(notice, dossier.nominations.get()),
    }.get(address, address)
    links = text(Client().get(address)).split('data-testid="public-links"')[1].split("</nav>")[0]
    assert 'href="/cong-khai/"' in links and 'href="/dossiers/lookup/"' in links


# Vietnamese style


def test_the_issuer_is_written_as_inside_a_sentence_on_the_page_and_the_paper(posted):
    notice = posted[1]
    page = text(Client().get(f"/cong-khai/{notice.pk}/"))
    assert "Ủy ban nhân dân xã Đak Djrăng" in page and "Ủy ban nhân dân Xã" not in page
    _pages, words = pdf_text(Client().get(f"/cong-khai/{notice.pk}/thong-bao.pdf").content)
    assert "Ủy ban nhân dân xã Đak Djrăng thông báo" in words and "Ủy ban nhân dân Xã" not in words
    assert "XÃ ĐAK DJRĂNG" in words  # the issuer's own header stays in capitals


def test_the_paper_notices_table_keeps_stt_on_one_line(posted):
    _pages, words = pdf_text(Client().get(f"/cong-khai/{posted[1].pk}/thong-bao.pdf").content)
    assert "STT" in words.split()


# After a comment


def test_the_commenter_is_told_what_happens_next(posted):
    dossier, notice = posted
    response = Client().post(comment_url(notice, dossier.nominations.get()), FIELDS, follow=True)
    assert "Cán bộ xét hồ sơ sẽ xem góp ý trước khi Hội đồng họp xét." in text(response)


# What the officials see


@pytest.mark.parametrize(
    ("number", "grouped"),
    [
        ("0912345678", "0912 345 678"),
        ("+84912345678", "+84 912 345 678"),
        ("02693822123", "0269 3822 123"),
        ("12", "12"),
        ("", ""),
    ],
)
def test_a_phone_number_is_grouped_as_people_read_it(number, grouped):
    assert phone_grouped(number) == grouped


def test_the_officials_see_the_phone_grouped_and_the_contacts_as_links(posted):
    dossier, notice = posted
    comment(notice, dossier.nominations.get(), phone="0912345678", email="hoa@example.vn")
    page = text(browser("xa.a.canbo").get(f"/dossiers/{dossier.pk}/"))
    assert '<a href="tel:0912345678" data-testid="commenter-phone">0912 345 678</a>' in page
    assert '<a href="mailto:hoa@example.vn" data-testid="commenter-email">hoa@example.vn</a>' in page
    assert "ĐT 0912345678" not in page


def test_the_history_names_a_citizen_as_the_author_of_a_public_comment(posted):
    dossier, notice = posted
    comment(notice, dossier.nominations.get())
    page = text(browser("xa.a.canbo").get(f"/dossiers/{dossier.pk}/history/"))
    row = page[page.index("Nhận góp ý công khai của người dân") :].split("</li>")[0]
    assert "Người dân (góp ý công khai)" in row and "Hệ thống" not in row
