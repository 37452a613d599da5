"""Who sees what: a role sees its unit's dossiers from the level it works at; everyone else gets 404."""

import pytest

from . import builders as b
from .api import Official

SEES_DRAFT = {"truongthon.a1", "huyen.thanhtra"}
SEES_SUBMITTED = SEES_DRAFT | {"xa.a.canbo", "xa.a.chutich"}
SEES_AT_DISTRICT = SEES_SUBMITTED | {"huyen.ldtbxh", "huyen.noivu", "huyen.chutich"}
SEES_FORWARDED = SEES_AT_DISTRICT | {"tinh.noivu"}
EVERYONE = [
    "truongthon.a1",
    "truongthon.a2",
    "truongthon.b1",
    "xa.a.canbo",
    "xa.a.chutich",
    "xa.b.canbo",
    "xa.b.chutich",
    "huyen.ldtbxh",
    "huyen.noivu",
    "huyen.chutich",
    "huyen.thanhtra",
    "tinh.noivu",
]

STAGES = [
    ("draft", lambda d: None, ("giay_khen_huyen",), SEES_DRAFT),
    ("submitted", b.to_submitted, ("giay_khen_huyen",), SEES_SUBMITTED),
    ("at the district", b.to_appraisal, ("giay_khen_huyen",), SEES_AT_DISTRICT),
    ("forwarded", b.to_forwarded, ("bang_khen_tinh",), SEES_FORWARDED),
]


@pytest.mark.parametrize("label,advance,forms,seers", STAGES, ids=[s[0] for s in STAGES])
def test_each_official_sees_the_dossier_only_from_their_level_and_unit(demo, label, advance, forms, seers):
    dossier = b.new_dossier(award_forms=forms)
    advance(dossier)
    for username in EVERYONE:
        official = Official(username)
        detail = official.get(f"/api/dossiers/{dossier.pk}/")
        listed = [d["id"] for d in official.get("/api/dossiers/").json()["results"]]
        history = official.get(f"/api/dossiers/{dossier.pk}/history/")
        if username in seers:
            assert (detail.status_code, history.status_code) == (200, 200), username
            assert listed == [dossier.pk], username
        else:
            assert (detail.status_code, history.status_code) == (404, 404), username
            assert listed == [], username


def test_a_role_in_one_commune_grants_nothing_in_another(demo):
    ours = b.new_dossier()
    b.to_submitted(ours)
    theirs = b.new_dossier(head="truongthon.b1", village="GL-MY-LP-01")
    b.fire("truongthon.b1", theirs, "submit")
    officer = Official("xa.a.canbo")
    assert [d["code"] for d in officer.get("/api/dossiers/").json()["results"]] == [ours.code]
    assert officer.get(f"/api/dossiers/{theirs.pk}/").status_code == 404
    assert officer.fire(theirs.pk, "return_to_village", expect=404, comment="Không phải của xã mình")


def test_the_dossier_list_filters_by_status_round_unit_and_search_without_diacritics(demo):
    first = b.new_dossier()
    b.to_submitted(first)
    b.new_dossier(head="truongthon.a2", village="GL-MY-DD-02")
    chair = Official("huyen.thanhtra")

    def codes(**params):
        return [d["code"] for d in chair.get("/api/dossiers/", **params).json()["results"]]

    assert codes(status="submitted") == [first.code]
    assert codes(unit="GL-MY-DD-01") == [first.code]
    assert len(codes(unit="GL-MY-DD")) == 2
    assert codes(search="nguyen van duc 1", unit="GL-MY-DD-01") == [first.code]
    assert codes(search="NGUYỄN VĂN ĐỨC 1", unit="GL-MY-DD-01") == [first.code]
    assert codes(search=first.code.lower()) == [first.code]
    assert codes(round=first.round_id, status="draft") != [first.code]


def test_anonymous_requests_are_refused(demo):
    from rest_framework.test import APIClient

    response = APIClient().get("/api/dossiers/")
    assert response.status_code in (401, 403)
    assert "đăng nhập" in response.json()["detail"]
