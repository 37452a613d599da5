"""The village head drafts and edits; edits are recorded; nothing is edited once it left the village."""

from . import builders as b
from .api import Official


def test_nominations_are_added_changed_and_removed_in_one_edit_and_recorded(demo):
    dossier = b.new_dossier(award_forms=("giay_khen_xa", "giay_khen_huyen"))
    keep, drop = dossier.nominations.order_by("pk")
    head = Official("truongthon.a1")
    response = head.client.patch(
        f"/api/dossiers/{dossier.pk}/",
        {
            "nominations": [
                {
                    "id": keep.pk,
                    "nominee_kind": "individual",
                    "nominee_name": "Bà Rơ Châm H'Lan",
                    "award_form": "giay_khen_xa",
                },
                {
                    "nominee_kind": "enterprise",
                    "nominee_name": "HTX Nông nghiệp Đak Djrăng",
                    "award_form": "giay_khen_huyen",
                },
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    names = [n["nominee_name"] for n in response.json()["nominations"]]
    assert names == ["Bà Rơ Châm H'Lan", "HTX Nông nghiệp Đak Djrăng"]
    edit = dossier.events.get(action="edit")
    before, after = edit.changes["nominations"]
    assert {n["nominee_name"] for n in before} == {"Hộ ông Nguyễn Văn Đức 1", "Hộ ông Nguyễn Văn Đức 2"}
    assert len(after) == 2
    assert dossier.documents.filter(nomination__isnull=True).count() == 1  # the dropped one's report stays
    search = head.get("/api/dossiers/", search="htx nong nghiep").json()["results"]
    assert [d["id"] for d in search] == [dossier.pk]


def test_a_submitted_dossier_cannot_be_edited_by_anyone(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    for username in ("truongthon.a1", "xa.a.canbo"):
        response = Official(username).client.patch(
            f"/api/dossiers/{dossier.pk}/", {"title": "Sửa"}, format="json"
        )
        assert response.status_code == 403, username
    assert (
        Official("truongthon.b1")
        .client.patch(f"/api/dossiers/{dossier.pk}/", {"title": "x"}, format="json")
        .status_code
        == 404
    )
    dossier.refresh_from_db()
    assert dossier.title != "Sửa" and not dossier.events.filter(action="edit").exists()


def test_a_nomination_of_another_dossier_cannot_be_edited_through_this_one(demo):
    first, second = b.new_dossier(), b.new_dossier()
    foreign = second.nominations.get()
    response = Official("truongthon.a1").client.patch(
        f"/api/dossiers/{first.pk}/",
        {
            "nominations": [
                {
                    "id": foreign.pk,
                    "nominee_kind": "household",
                    "nominee_name": "X",
                    "award_form": "giay_khen_xa",
                }
            ]
        },
        format="json",
    )
    assert response.status_code == 400 and "nominations" in response.json()["errors"]
    foreign.refresh_from_db()
    assert foreign.nominee_name != "X"


def test_a_dossier_cannot_be_moved_to_another_village_or_state_by_editing(demo):
    dossier = b.new_dossier()
    head = Official("truongthon.a1")
    for field, value in (
        ("unit", "GL-MY-LP-01"),
        ("village", 3),
        ("status", "decided"),
        ("round", 2),
        ("code", "X"),
    ):
        response = head.client.patch(
            f"/api/dossiers/{dossier.pk}/", {field: value, "title": "Mới"}, format="json"
        )
        assert response.status_code == 400 and field in response.json()["errors"], field
    dossier.refresh_from_db()
    assert (dossier.village.code, dossier.status, dossier.title) == (
        "GL-MY-DD-01",
        "draft",
        "Đề nghị khen thưởng tổng kết phong trào",
    )
