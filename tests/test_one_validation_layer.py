"""One validation layer per transition payload: the page's form only collects what the user typed and builds
the payload the API sends; the transition's service alone refuses it, in the same words through the page
and the API, and the page shows each refusal next to the field it is about with what the user typed."""

from django.http import QueryDict
from django.utils.html import escape

from dossiers.criteria import criteria_keys
from web import step_forms

from . import builders as b
from .api import Official
from .pages import browser, text

IMPOSSIBLE_DATE = "Ngày họp không hợp lệ: nhập theo dạng dd/mm/yyyy."
MORE_PRESENT = "Số thành viên có mặt không được lớn hơn tổng số thành viên."


def through_both(username, dossier, name, api_payload, page_fields):
    """The API's errors and the page's refused form (and its HTML) for the same input, through real URLs."""
    api = Official(username).fire(dossier.pk, name, expect=400, **api_payload)
    page = browser(username).post(
        f"/dossiers/{dossier.pk}/actions/{name}/",
        {f"{name}-{key}": value for key, value in page_fields.items()},
    )
    assert page.status_code == 400, text(page)[-2000:]
    form = next(form for form in page.context["forms"] if form.name == name)
    return api["errors"], form, text(page)


def form_errors(form) -> dict:
    return {field: list(messages) for field, messages in form.errors.items()}


def awaiting_commune_review():
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    b.commune_documents(dossier)
    return dossier


def meeting_through_both(dossier, *, held_on, total, present, votes="5"):
    """The commune chair's meeting as the page sends it (strings), through the API and the page."""
    nomination = dossier.nominations.get()
    api_payload = {
        "meeting": {"held_on": held_on, "members_total": total, "members_present": present},
        "verdicts": [{"nomination": nomination.pk, "approved": True, "votes_for": votes}],
    }
    page_fields = {
        "transition": "commune_approve",
        "held_on": held_on,
        "members_total": total,
        "members_present": present,
        f"approved_{nomination.pk}": "on",
        f"votes_{nomination.pk}": votes,
    }
    return through_both("xa.a.chutich", dossier, "commune_approve", api_payload, page_fields)


def test_an_impossible_meeting_date_gets_the_same_words_on_the_page_and_in_the_api(demo):
    dossier = awaiting_commune_review()
    api, form, page = meeting_through_both(dossier, held_on="31/02/2025", total="7", present="5")
    assert api == form_errors(form) == {"held_on": [IMPOSSIBLE_DATE]}
    assert escape(IMPOSSIBLE_DATE) in page
    assert 'value="31/02/2025"' in page  # what the user typed, to correct it
    dossier.refresh_from_db()
    assert dossier.status == "submitted"


def test_more_members_present_than_members_gets_the_same_words_next_to_the_field(demo):
    dossier = awaiting_commune_review()
    api, form, page = meeting_through_both(
        dossier, held_on=b.TODAY.strftime("%d/%m/%Y"), total="5", present="7"
    )
    assert api == form_errors(form) == {"members_present": [MORE_PRESENT]}
    assert 'name="commune_approve-members_total" value="5"' in page
    assert 'name="commune_approve-members_present" value="7"' in page


def test_a_count_typed_in_words_is_refused_by_the_service_not_by_the_form(demo):
    """The form once refused it first with Django's "Nhập một số nguyên."; now the page says what the API says."""
    dossier = awaiting_commune_review()
    api, form, page = meeting_through_both(
        dossier, held_on=b.TODAY.strftime("%d/%m/%Y"), total="bảy", present="5"
    )
    assert api == form_errors(form) and list(api) == ["members_total"]
    assert "Số thành viên phải là số nguyên" in api["members_total"][0]
    assert 'value="bảy"' in page and "Nhập một số nguyên" not in page


def test_a_nominees_bad_votes_are_shown_next_to_that_nominees_votes(demo):
    dossier = awaiting_commune_review()
    nomination = dossier.nominations.get()
    api, form, _page = meeting_through_both(
        dossier, held_on=b.TODAY.strftime("%d/%m/%Y"), total="7", present="5", votes="6"
    )
    assert form_errors(form) == {f"votes_{nomination.pk}": api["verdicts"]}
    assert nomination.nominee_name in api["verdicts"][0] and "không được lớn hơn 5" in api["verdicts"][0]


def test_a_refusal_about_no_field_of_the_form_is_shown_above_it(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)  # without the commune's submission and meeting minutes
    api, form, page = meeting_through_both(
        dossier, held_on=b.TODAY.strftime("%d/%m/%Y"), total="7", present="5"
    )
    assert list(api) == ["documents"]
    assert form.non_field_errors() == api["documents"] and len(api["documents"]) == 2
    assert escape(api["documents"][0]) in page


def in_appraisal():
    dossier = b.new_dossier(award_forms=("giay_khen_huyen", "giay_khen_huyen"))
    b.to_appraisal(dossier)
    return dossier


def test_an_eligible_nominee_with_unmet_criteria_and_no_reason_gets_the_same_words_next_to_its_reason(demo):
    dossier = in_appraisal()
    first, second = dossier.nominations.order_by("pk")
    api_payload = {
        "verdicts": [
            {
                "nomination": n.pk,
                "eligible": True,
                "criteria": {k: met for k in criteria_keys(n.nominee_kind)},
            }
            for n, met in ((first, False), (second, True))
        ]
    }
    page_fields = {f"eligible_{n.pk}": "on" for n in (first, second)}
    page_fields |= {f"criteria_{second.pk}_{k}": "on" for k in criteria_keys(second.nominee_kind)}
    page_fields[f"note_{first.pk}"] = "Còn thiếu xác nhận"
    api, form, page = through_both("huyen.noivu", dossier, "appraise", api_payload, page_fields)
    (message,) = api["reason"]
    assert list(api) == ["reason"] and first.nominee_name in message
    assert form_errors(form) == {f"reason_{first.pk}": [message]}
    assert "Còn thiếu xác nhận" in page  # the note typed is kept


def in_district_decision():
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_district_decision(dossier)
    return dossier


def decision_through_both(dossier, date):
    chair = str(b.user_id("huyen.chutich"))
    api_payload = {"decision_number": "9/QĐ-UBND", "decision_date": date, "signer": chair}
    page_fields = {"decision_number": "9/QĐ-UBND", "decision_date": date, "signer": chair}
    return through_both("huyen.chutich", dossier, "approve", api_payload, page_fields)


def test_a_decision_date_in_words_or_in_the_future_gets_the_same_words_on_the_page_and_in_the_api(demo):
    dossier = in_district_decision()
    for typed, words in (("hôm qua", "không hợp lệ"), ("01/01/2999", "không được sau ngày hôm nay")):
        api, form, page = decision_through_both(dossier, typed)
        assert api == form_errors(form) and list(api) == ["decision_date"]
        assert words in api["decision_date"][0]
        assert f'value="{typed}"' in page and 'value="9/QĐ-UBND"' in page
    dossier.refresh_from_db()
    assert dossier.status == "awaiting_decision"


def test_a_missing_reason_gets_the_same_words_next_to_the_comment(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    api, form, _page = through_both(
        "xa.a.canbo", dossier, "return_to_village", {"comment": "  "}, {"transition": "x", "comment": "  "}
    )
    assert api == form_errors(form) == {"comment": ["Vui lòng ghi lý do / ý kiến."]}


def test_a_province_award_the_dossier_did_not_forward_is_refused_by_the_service(demo):
    dossier = b.new_dossier(award_forms=("bang_khen_tinh",))
    b.to_forwarded(dossier)
    stranger = b.new_dossier().nominations.get()  # ticked by a crafted form: not this dossier's
    fields = {"decision_number": "9/QĐ-UBND", "decision_date": b.TODAY.strftime("%d/%m/%Y")}
    api, form, _page = through_both(
        "tinh.noivu",
        dossier,
        "record_province_outcome",
        {**fields, "awarded": [str(stranger.pk)]},
        {**fields, "awarded": str(stranger.pk)},
    )
    assert api == form_errors(form) == {"awarded": ["Chỉ ghi nhận các đề nghị đã trình tỉnh của hồ sơ này."]}


def test_the_forms_collect_what_was_typed_and_refuse_nothing_themselves(demo):
    dossier = awaiting_commune_review()
    nomination = dossier.nominations.get()
    typed = QueryDict(mutable=True)
    typed.update(
        {
            "commune_approve-held_on": "31/02/2025",
            "commune_approve-members_total": "bảy",
            "commune_approve-members_present": "-1",
            f"commune_approve-votes_{nomination.pk}": "\x00",
        }
    )
    form = step_forms.form_for("commune_approve", dossier, data=typed)
    assert form.is_valid() and form.errors == {}
    assert form.payload() == {
        "comment": "",
        "meeting": {"held_on": "31/02/2025", "members_total": "bảy", "members_present": "-1"},
        "verdicts": [{"nomination": nomination.pk, "approved": False, "votes_for": "\x00"}],
    }
    assert form.fields["held_on"].required  # marked for the reader (*), not checked by the form


def test_the_same_form_posted_right_goes_through(demo):
    dossier = awaiting_commune_review()
    nomination = dossier.nominations.get()
    response = browser("xa.a.chutich").post(
        f"/dossiers/{dossier.pk}/actions/commune_approve/",
        {
            "commune_approve-held_on": b.TODAY.strftime("%d/%m/%Y"),
            "commune_approve-members_total": " 7 ",
            "commune_approve-members_present": "5",
            f"commune_approve-approved_{nomination.pk}": "on",
            f"commune_approve-votes_{nomination.pk}": "5",
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert (dossier.meeting_held_on, dossier.meeting_members_total, dossier.meeting_members_present) == (
        b.TODAY,
        7,
        5,
    )
