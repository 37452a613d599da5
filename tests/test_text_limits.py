"""A dossier's title, a nominee's name and an achievement summary have one limit each (dossiers.limits):
stated on the form and in the API schema, refused with the same Vietnamese message on the page, in the API
and in the drafting service behind them, never cut."""

import html

import pytest

from dossiers.errors import InvalidInput
from dossiers.models import AwardForm, Dossier
from dossiers.services.drafting import dossier_update

from . import builders as b
from .api import Official
from .pages import browser, text

NAME_TOO_LONG = (
    "Tên người / tập thể được đề nghị dài 301 ký tự, vượt giới hạn 300 ký tự. Hãy rút gọn rồi lưu lại."
)
SUMMARY_TOO_LONG = "Tóm tắt thành tích dài 20000 ký tự, vượt giới hạn 2000 ký tự. Hãy rút gọn rồi lưu lại."
TITLE_TOO_LONG = "Tiêu đề hồ sơ dài 301 ký tự, vượt giới hạn 300 ký tự. Hãy rút gọn rồi lưu lại."


def page_post(
    open_round, forms, *, title="Đề nghị khen thưởng năm 2025", name="Hộ ông Lý Văn Sáu", summary=""
):
    data = {
        "title": title,
        "round": open_round.pk,
        "n-TOTAL_FORMS": 1,
        "n-INITIAL_FORMS": 0,
        "n-MIN_NUM_FORMS": 1,
        "n-MAX_NUM_FORMS": 1000,
        "n-0-nominee_kind": "household",
        "n-0-nominee_name": name,
        "n-0-award_form": forms["giay_khen_xa"].pk,
        "n-0-achievement_summary": summary,
    }
    return browser("truongthon.a1").post("/dossiers/new/", data)


def api_post(open_round, *, title="Đề nghị khen thưởng năm 2025", name="Hộ ông Lý Văn Sáu", summary=""):
    nomination = {
        "nominee_kind": "household",
        "nominee_name": name,
        "award_form": "giay_khen_xa",
        "achievement_summary": summary,
    }
    payload = {"round": open_round.pk, "unit": "GL-MY-DD-01", "title": title, "nominations": [nomination]}
    return Official("truongthon.a1").post("/api/dossiers/", payload)


def page_errors(response):
    return html.unescape(text(response))


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("name", "Đ" * 301, NAME_TOO_LONG),
        ("summary", "x" * 20_000, SUMMARY_TOO_LONG),
    ],
    ids=["name", "summary"],
)
def test_a_nomination_field_over_its_limit_is_refused_with_the_same_words_on_page_and_api(
    open_round, forms, field, value, message
):
    page = page_post(open_round, forms, **{field: value})
    assert page.status_code == 400 and message in page_errors(page)
    assert value in page_errors(page)  # what was typed comes back whole, to be shortened
    api = api_post(open_round, **{field: value})
    key = {"name": "nominee_name", "summary": "achievement_summary"}[field]
    assert api.status_code == 400 and api.json()["errors"]["nominations"][0][key] == [message]
    assert not Dossier.objects.exists()


def test_a_title_over_its_limit_is_refused_with_the_same_words_on_page_and_api(open_round, forms):
    page = page_post(open_round, forms, title="T" * 301)
    assert page.status_code == 400 and TITLE_TOO_LONG in page_errors(page)
    api = api_post(open_round, title="T" * 301)
    assert api.status_code == 400 and api.json()["errors"]["title"] == [TITLE_TOO_LONG]
    assert not Dossier.objects.exists()


def test_text_exactly_at_its_limit_is_saved_whole_from_page_and_api(open_round, forms):
    name, summary, title = "Đ" * 300, "x" * 2000, "T" * 300
    assert page_post(open_round, forms, name=name, summary=summary, title=title).status_code == 302
    assert api_post(open_round, name=name, summary=summary, title=title).status_code == 201
    for dossier in Dossier.objects.all():
        nomination = dossier.nominations.get()
        assert (dossier.title, nomination.nominee_name, nomination.achievement_summary) == (
            title,
            name,
            summary,
        )


def test_editing_through_the_api_refuses_a_summary_over_the_limit(demo):
    dossier = b.new_dossier()
    nomination = dossier.nominations.get()
    response = Official("truongthon.a1").client.patch(
        f"/api/dossiers/{dossier.pk}/",
        {
            "nominations": [
                {
                    "id": nomination.pk,
                    "nominee_kind": "household",
                    "nominee_name": "Hộ ông A",
                    "award_form": "giay_khen_xa",
                    "achievement_summary": "x" * 20_000,
                }
            ]
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["nominations"][0]["achievement_summary"] == [SUMMARY_TOO_LONG]
    nomination.refresh_from_db()
    assert nomination.achievement_summary == "Thoát nghèo bền vững, giúp đỡ hộ khác"


def test_the_drafting_service_refuses_text_over_the_limit_whoever_calls_it(demo):
    """Imports, commands and any later caller save through the service: it refuses, naming the nomination."""
    dossier = b.new_dossier()
    (head,) = b.users("truongthon.a1")
    kept = {"id": dossier.nominations.get().pk}
    form = AwardForm.objects.get(code="giay_khen_xa")
    added = {"nominee_kind": "household", "nominee_name": "Đ" * 301, "award_form": form}
    with pytest.raises(InvalidInput) as refused:
        dossier_update(user=head, dossier_id=dossier.pk, title="T" * 301, nominations=[kept, added])
    assert refused.value.errors == {"title": [TITLE_TOO_LONG], "nominations": [f"Đề nghị 2: {NAME_TOO_LONG}"]}
    assert dossier.nominations.count() == 1


def test_the_form_states_each_limit(demo):
    page = text(browser("truongthon.a1").get("/dossiers/new/"))
    assert page.count("Tối đa 300 ký tự.") >= 3  # the title, the name of each row (and of the row template)
    assert "Tối đa 2000 ký tự." in page
    # No maxlength: a browser cuts pasted text there without a word (the name cut short that was reported).
    assert "maxlength" not in page


def test_the_api_schema_states_each_limit(demo):
    schema = Official("truongthon.a1").get("/api/schema/", format="json").json()["components"]["schemas"]
    nomination = schema["NominationInput"]["properties"]
    assert nomination["nominee_name"]["maxLength"] == 300
    assert nomination["achievement_summary"]["maxLength"] == 2000
    assert schema["DossierCreate"]["properties"]["title"]["maxLength"] == 300


def test_a_forged_row_count_builds_no_more_forms_than_a_dossier_may_hold(open_round, forms):
    data = {
        "title": "Đề nghị khen thưởng năm 2025",
        "round": open_round.pk,
        "n-TOTAL_FORMS": 999_999,
        "n-INITIAL_FORMS": 0,
        "n-0-nominee_kind": "household",
        "n-0-nominee_name": "Hộ ông Lý Văn Sáu",
        "n-0-award_form": forms["giay_khen_xa"].pk,
    }
    page = browser("truongthon.a1").post("/dossiers/new/", data)
    assert page.status_code == 400
    assert "Một hồ sơ có tối đa 200 đề nghị" in text(page)
    assert text(page).count('name="n-') < 20 * 201  # at most 200 rows of a handful of fields each
    assert not Dossier.objects.exists()


def test_more_nominations_than_a_dossier_may_hold_are_refused_by_the_api(open_round, forms):
    item = {"nominee_kind": "household", "nominee_name": "Hộ ông A", "award_form": "giay_khen_xa"}
    payload = {"title": "Đề nghị", "round": open_round.pk, "unit": "GL-MY-DD-01", "nominations": [item] * 201}
    response = Official("truongthon.a1").post("/api/dossiers/", payload)
    assert response.status_code == 400
    assert "tối đa 200 đề nghị" in str(response.json()["errors"]["nominations"])
    assert not Dossier.objects.exists()
