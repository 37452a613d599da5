"""The public look-up of a dossier's status by its code and the key on its receipt: the key, the receipt, the
page and the API; what the answer shows and never shows; a wrong key and an unknown code alike; the bounds."""

import importlib
import io
import json
import re
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from dossiers.lookup_keys import ALPHABET, KEY_LENGTH, grouped, normalise_code, normalise_key
from dossiers.models import Dossier, Nomination
from dossiers.printing.common import in_sentence
from dossiers.states import Status
from permissions.models import Membership, Unit
from permissions.names import full_name
from permissions.roles import Role
from web.templatetags.dossier_tags import BADGE, status_badge

from . import builders as b
from . import two_tier as t
from .api import Official
from .pages import administrator, browser, text
from .test_documents import pdf_text

PAGE, API = "/dossiers/lookup/", "/api/dossiers/lookup/"
CCCD = "064085001234"
NOT_FOUND = "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này."
migration = importlib.import_module("dossiers.migrations.0017_dossier_lookup_key")


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()  # the per-address and per-code counts live in the cache


def look(code, key, address="203.0.113.7"):
    return Client(REMOTE_ADDR=address).post(PAGE, {"code": code, "key": key})


def api_look(code, key, address="203.0.113.7"):
    return Client(REMOTE_ADDR=address).post(
        API, json.dumps({"code": code, "key": key}), content_type="application/json"
    )


def wrong_key(dossier) -> str:
    return next(k for k in (ALPHABET[-1] * KEY_LENGTH, ALPHABET[-2] * KEY_LENGTH) if k != dossier.lookup_key)


@pytest.fixture
def decided(demo):
    """A commune decision on a dossier whose nominee has a citizen ID, with comments at each step."""
    dossier = b.new_dossier()
    Nomination.objects.filter(dossier=dossier).update(birth_year=1985, citizen_id=CCCD)
    b.fire("truongthon.a1", dossier, "submit", comment="Ghi chú riêng của thôn")
    b.commune_documents(dossier)
    b.fire("xa.a.chutich", dossier, "commune_approve", **b.commune_approve_payload(dossier))
    b.fire("xa.a.chutich", dossier, "approve", **b.decision_payload("21/QĐ-UBND"))
    dossier.refresh_from_db()
    return dossier


# The key


def test_it_draws_a_key_of_unambiguous_characters_for_every_new_dossier(demo):
    first, second = b.new_dossier(), b.new_dossier()
    for dossier in (first, second):
        assert len(dossier.lookup_key) == KEY_LENGTH
        assert set(dossier.lookup_key) <= set(ALPHABET)
    assert not set("0O1IL") & set(ALPHABET)
    assert first.lookup_key != second.lookup_key
    assert Dossier.objects.get(pk=first.pk).lookup_key == first.lookup_key  # stored, not drawn on each read


def test_the_migration_gives_every_existing_dossier_a_key_of_its_own_in_batches(demo, monkeypatch):
    dossiers = [b.new_dossier(with_reports=False) for _ in range(5)]
    kept = dossiers[0].lookup_key
    Dossier.objects.filter(pk__in=[d.pk for d in dossiers[1:]]).update(lookup_key="")
    monkeypatch.setattr(migration, "BATCH", 2)  # three batches for four dossiers
    migration.give_every_dossier_a_key(django_apps, None)
    keys = dict(Dossier.objects.values_list("pk", "lookup_key"))
    assert keys[dossiers[0].pk] == kept  # a dossier that had a key keeps it
    assert all(len(key) == KEY_LENGTH and set(key) <= set(ALPHABET) for key in keys.values())
    assert len(set(keys.values())) == len(keys)


def test_a_key_is_shown_in_groups_and_read_back_without_dashes_spaces_or_case():
    assert grouped("K7QFM2XP9A") == "K7QF-M2XP-9A"
    for typed in ("K7QF-M2XP-9A", "k7qf m2xp 9a", " k7qf–m2xp-9a ", "K7QFM2XP9A"):
        assert normalise_key(typed) == "K7QFM2XP9A"
    assert normalise_code(" hs 2025 000123 ") == "HS-2025-000123"


# The answer


def test_the_right_key_shows_the_stage_dates_and_outcome_and_nothing_else(decided):
    response = look(decided.code.lower(), grouped(decided.lookup_key).lower().replace("-", " "))
    page = text(response)
    assert response.status_code == 200
    assert decided.code in page and "Đã quyết định" in page
    assert "21/QĐ-UBND" in page and b.TODAY.strftime("%d/%m/%Y") in page
    assert "Giấy khen" in page and "được khen thưởng" in page
    never = [CCCD, "Nguyễn Văn Đức", decided.title, "Ghi chú riêng của thôn", "Hội đồng họp xét"]
    never += [full_name(user) for user in get_user_model().objects.exclude(last_name="")]
    assert [words for words in never if words in page] == []


def test_an_open_dossier_shows_its_stage_and_the_day_the_commune_received_it(demo):
    dossier = t.new_two_tier_dossier()
    b.fire(t.HEAD, dossier, "submit")
    sent = text(look(dossier.code, dossier.lookup_key))
    assert "Phòng Văn hóa – Xã hội tiếp nhận" in sent and "chưa tiếp nhận" in sent
    b.fire(t.OFFICER, dossier, "receive")
    received = text(look(dossier.code, dossier.lookup_key))
    assert "chưa tiếp nhận" not in received
    assert received.count(b.TODAY.strftime("%d/%m/%Y")) == 2  # sent and received today
    assert "Chưa có kết quả".lower() in received


def test_a_wrong_key_and_an_unknown_code_give_the_same_answer_byte_for_byte(demo):
    dossier = b.new_dossier(with_reports=False)
    code, guess = dossier.code, wrong_key(dossier)
    page_wrong_key, api_wrong_key = look(code, guess), api_look(code, guess)
    Dossier.objects.filter(pk=dossier.pk).update(code="HS-0000-999999")  # now no dossier has ``code``
    page_unknown, api_unknown = look(code, guess), api_look(code, guess)

    def without_token(response):  # the CSRF token is drawn afresh for every page
        return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content)

    assert page_wrong_key.status_code == page_unknown.status_code == 404
    assert without_token(page_wrong_key) == without_token(page_unknown)
    assert NOT_FOUND in text(page_unknown)
    assert api_wrong_key.status_code == api_unknown.status_code == 404
    assert api_wrong_key.content == api_unknown.content


def test_bad_input_is_told_next_to_its_field_and_kept(demo):
    response = look("", "K7Q0")
    page = text(response)
    assert response.status_code == 400
    assert "Nhập mã hồ sơ in trên giấy biên nhận" in page and "Mã tra cứu gồm 10 chữ và số" in page
    assert 'value="K7Q0"' in page
    api = api_look("HS-2025-000001", "")
    assert (
        api.status_code == 400 and set(api.json()) == {"detail", "errors"} and "key" in api.json()["errors"]
    )


def test_the_council_step_is_said_once_in_plain_words_in_the_colour_of_the_commune(demo):
    dossier = t.to_council(t.new_two_tier_dossier())
    response = look(dossier.code, dossier.lookup_key)
    page = text(response)
    assert dossier.status == Status.COUNCIL_REVIEW and response.status_code == 200
    assert page.count("Hội đồng Thi đua – Khen thưởng xã họp xét") == 1 and "TĐKT" not in page
    assert '<span class="badge commune">Chờ Hội đồng Thi đua – Khen thưởng xã họp xét</span>' in page
    assert "Giấy khen của Chủ tịch UBND xã: <strong>1 đề nghị</strong> – chưa có kết quả" in page
    body = api_look(dossier.code, dossier.lookup_key).json()
    assert (
        body["status_label"] == "Chờ Hội đồng Thi đua – Khen thưởng xã họp xét" and body["stage_label"] == ""
    )


def test_a_stage_that_says_more_than_the_status_is_still_shown(demo):
    dossier = t.new_two_tier_dossier()
    b.fire(t.HEAD, dossier, "submit")
    body = api_look(dossier.code, dossier.lookup_key).json()
    assert (body["status_label"], body["stage_label"]) == ("Đã gửi xã", "Phòng Văn hóa – Xã hội tiếp nhận")


def test_the_deciding_committee_is_named_with_a_lower_case_level_word(decided):
    page = text(look(decided.code, decided.lookup_key))
    assert "của Chủ tịch UBND xã Đak Djrăng" in page and "UBND Xã" not in page
    assert "1 đề nghị</strong> – được khen thưởng" in page
    assert in_sentence("Thành phố Pleiku") == "thành phố Pleiku" and in_sentence("Ia Grai") == "Ia Grai"


# The colours


def test_every_status_has_a_colour_and_every_colour_is_styled():
    css = (Path(__file__).resolve().parents[1] / "web/static/workflows/app.css").read_text()
    assert [status for status in Status if status not in BADGE] == []
    assert [colour for colour in set(BADGE.values()) if f".badge.{colour} " not in css] == []


@pytest.mark.parametrize(
    ("status", "colour"),
    [
        (Status.ECONOMIC_OPINION, "commune"),  # at the commune: blue
        (Status.COUNCIL_REVIEW, "commune"),
        (Status.VILLAGE_SUPPLEMENT, "returned"),  # a supplement asked for: orange
        (Status.PROVINCE_SUPPLEMENT, "returned"),
        (Status.FORWARDED_CENTRAL, "district"),  # at a higher level: indigo
    ],
)
def test_a_two_tier_status_has_the_colour_of_its_place(status, colour):
    assert f'<span class="badge {colour}">{status.label}</span>' == status_badge(status)


# The bounds


def test_guessing_is_bounded_per_address_with_a_vietnamese_answer(demo, settings):
    settings.STATUS_LOOKUPS_PER_HOUR = 3
    dossier = b.new_dossier(with_reports=False)
    for _ in range(3):
        assert look(dossier.code, wrong_key(dossier)).status_code == 404
    refused = look(dossier.code, dossier.lookup_key)  # even the right key, from this address, this hour
    assert refused.status_code == 429 and "quá nhiều lần trong một giờ" in text(refused)
    assert api_look(dossier.code, dossier.lookup_key).status_code == 429
    assert look(dossier.code, dossier.lookup_key, address="198.51.100.9").status_code == 200


def test_guessing_one_code_from_many_addresses_is_bounded_whether_the_code_exists_or_not(demo, settings):
    settings.STATUS_LOOKUP_WRONG_KEYS_PER_CODE = 2
    dossier = b.new_dossier(with_reports=False)
    for code in (dossier.code, "HS-2025-999999"):
        answers = [look(code, wrong_key(dossier), address=f"192.0.2.{n}").status_code for n in range(3)]
        assert answers == [404, 404, 429]
    locked = look(dossier.code, dossier.lookup_key, address="192.0.2.200")
    assert locked.status_code == 429 and "nhập sai mã tra cứu quá nhiều lần" in text(locked)
    other = b.new_dossier(with_reports=False)  # another dossier is not affected
    assert look(other.code, other.lookup_key, address="192.0.2.201").status_code == 200


# The receipt


def test_the_village_head_prints_the_receipt_with_the_key_and_vietnamese_text(demo):
    dossier = b.new_dossier()
    Dossier.objects.filter(pk=dossier.pk).update(title="<b>Hộ & Đức</b> <font size=40>")
    b.to_submitted(dossier)
    response = browser("truongthon.a1").get(f"/dossiers/{dossier.pk}/receipt.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages, words = pdf_text(response.content)
    assert pages == 1
    assert "GIẤY BIÊN NHẬN HỒ SƠ" in words and "ỦY BAN NHÂN DÂN" in words and "XÃ ĐAK DJRĂNG" in words
    assert grouped(dossier.lookup_key) in words and dossier.code in words
    assert "<b>Hộ & Đức</b> <font size=40>" in words  # the title printed as typed
    assert (
        f"http://testserver{PAGE}" in words and "Ngày xã tiếp nhận: " + b.TODAY.strftime("%d/%m/%Y") in words
    )


def test_the_receipt_prints_the_look_up_address_on_its_own_line_and_stretches_no_line(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    page = PdfReader(io.BytesIO(browser("truongthon.a1").get(f"/dossiers/{dossier.pk}/receipt.pdf").content))
    lines = [" ".join(line.split()) for line in page.pages[0].extract_text().splitlines()]
    assert f"http://testserver{PAGE}" in lines
    # A justified line is stretched with extra word spacing (the PDF operator Tw); a left-aligned one has none
    # (a centred line a hair too long is squeezed, by a negative spacing: that is not a stretch).
    spacing = re.findall(r"([-\d.]+) Tw", page.pages[0].get_contents().get_data().decode("latin-1"))
    assert [float(points) for points in spacing if float(points) > 0] == []


def test_the_commune_officer_prints_it_once_the_dossier_reached_the_commune(demo):
    dossier = b.new_dossier()
    officer = browser("xa.a.canbo")
    assert officer.get(f"/dossiers/{dossier.pk}/receipt.pdf").status_code == 404  # a draft is the village's
    b.to_submitted(dossier)
    assert officer.get(f"/dossiers/{dossier.pk}/receipt.pdf").status_code == 200
    assert grouped(dossier.lookup_key) in text(officer.get(f"/dossiers/{dossier.pk}/"))


@pytest.mark.parametrize(
    ("username", "status"),
    [("truongthon.a2", 404), ("xa.b.canbo", 404), ("huyen.thanhtra", 403), ("huyen.ldtbxh", 403)],
)
def test_others_get_no_receipt_and_see_no_key(demo, username, status):
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_appraisal(dossier)
    reader = browser(username)
    assert reader.get(f"/dossiers/{dossier.pk}/receipt.pdf").status_code == status
    page = reader.get(f"/dossiers/{dossier.pk}/")
    assert grouped(dossier.lookup_key) not in text(page) and dossier.lookup_key not in text(page)


def test_a_stranger_gets_404_and_an_anonymous_visitor_is_sent_to_log_in(demo, outsider):
    dossier = b.new_dossier(with_reports=False)
    assert browser(outsider.username).get(f"/dossiers/{dossier.pk}/receipt.pdf").status_code == 404
    assert Client().get(f"/dossiers/{dossier.pk}/receipt.pdf").status_code == 302


def test_the_key_is_in_no_export_and_no_api_answer(decided):
    key, shown = decided.lookup_key, grouped(decided.lookup_key)
    inspector, head = browser("huyen.thanhtra"), Official("truongthon.a1")
    workbook = load_workbook(io.BytesIO(inspector.get("/dossiers/?format=xlsx").content))
    cells = " ".join(str(v) for row in workbook.active.iter_rows(values_only=True) for v in row if v)
    answers = [
        cells,
        text(browser("truongthon.a1").get(f"/dossiers/{decided.pk}/history/?format=csv")),
        text(inspector.get("/audit/?format=csv")),
        text(head.get(f"/api/dossiers/{decided.pk}/")),
        text(head.get("/api/dossiers/")),
        text(head.get(f"/api/dossiers/{decided.pk}/history/")),
        text(administrator("admin").get(f"/admin/dossiers/dossier/{decided.pk}/change/")),
    ]
    assert decided.code in cells and decided.code in answers[-1]  # the admin's page opened
    assert [i for i, answer in enumerate(answers) if key in answer or shown in answer] == []


# The API and the whole path


def test_the_api_answers_with_the_status_fields_only(decided):
    response = api_look(decided.code, grouped(decided.lookup_key))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "code",
        "status",
        "status_label",
        "stage_label",
        "finished",
        "submitted_on",
        "received_on",
        "finished_on",
        "nominees",
        "outcomes",
        "decisions",
    }
    assert body["status"] == "decided" and body["finished"] and body["finished_on"] == b.TODAY.isoformat()
    assert body["outcomes"] == [
        {
            "award_form": body["outcomes"][0]["award_form"],
            "outcome": "awarded",
            "outcome_label": "Được khen thưởng",
            "count": 1,
        }
    ]
    assert body["decisions"][0]["number"] == "21/QĐ-UBND" and "issuer" in body["decisions"][0]
    schema = Official("truongthon.a1").get("/api/schema/").content.decode()
    assert API in schema and "StatusLookupRequest" in schema


def test_the_village_head_hands_over_the_key_and_anyone_looks_the_dossier_up(demo):
    dossier = b.new_dossier()
    head = browser("truongthon.a1")
    page = text(head.get(f"/dossiers/{dossier.pk}/"))
    shown = re.search(r'data-testid="lookup-key">([^<]+)<', page).group(1)
    assert f"/dossiers/{dossier.pk}/receipt.pdf" in page
    b.to_submitted(dossier)
    visitor = Client()
    assert 'name="code"' in text(visitor.get(f"{PAGE}?code={dossier.code}"))
    answer = visitor.post(PAGE, {"code": dossier.code, "key": shown})
    assert answer.status_code == 200 and "Đã gửi xã" in text(answer)


def test_a_user_of_several_roles_looks_a_dossier_up_without_choosing_a_role(demo):
    head = get_user_model().objects.get(username="truongthon.a1")
    Membership.objects.create(user=head, role=Role.VILLAGE_HEAD, unit=Unit.objects.get(code="GL-MY-DD-02"))
    client = browser("truongthon.a1")
    assert client.get("/dossiers/").status_code == 302  # elsewhere the role is chosen first
    assert client.get(PAGE).status_code == 200


def test_the_look_up_page_leads_to_the_other_public_pages(db):
    from django.test import Client

    page = Client().get("/dossiers/lookup/").content.decode()
    assert 'href="/cong-khai/"' in page
