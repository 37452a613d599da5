"""Applying the 2025 reorganisation to a live database: Xã Đak Djrăng and Xã Lơ Pang merge into Xã Mang
Yang, Huyện Mang Yang is abolished. A dry run says where every open dossier will go; the run does exactly
that, all or nothing; afterwards the workflow and the history check out, each dossier's history is unchanged
up to the reorganisation's own event, and every open dossier can be finished on the two-tier route."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from dossiers.errors import StateConflict
from dossiers.models import AuditEvent, Decision, Dossier
from dossiers.services.access import membership_grant
from permissions.models import Membership, Unit
from workflows.models import Reorganisation, UnitSuccession
from workflows.services.reorganisation import plan, reorganisation_apply

from . import builders as b
from . import two_tier as tt
from .api import Official

LADDER = [  # (award forms, the builder that takes a dossier to a stage of the ladder)
    (("giay_khen_xa",), None),
    (("giay_khen_xa",), b.to_submitted),
    (("giay_khen_xa",), b.to_commune_decision),
    (("giay_khen_huyen", "bang_khen_tinh"), b.to_commune_approved),
    (("giay_khen_huyen", "bang_khen_tinh"), b.to_appraisal),
    (("giay_khen_huyen", "bang_khen_tinh"), b.to_district_decision),
    (("giay_khen_huyen", "bang_khen_tinh"), b.to_forwarded),
]
EXPECTED = {  # the ladder's stage → where the dossier continues on the two-tier route
    "prepare": "prepare",
    "commune_review": "intake",
    "commune_decision": "commune_decision",
    "compile": "commune_appraisal",
    "appraisal": "commune_appraisal",
    "supplement": "commune_appraisal",
    "district_decision": "commune_decision",
    "province_outcome": "province_appraisal",
}


@pytest.fixture
def ladder(demo):
    made = []
    for forms, step in LADDER:
        dossier = b.new_dossier(award_forms=forms)
        if step:
            step(dossier)
        made.append(dossier)
    supplement = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_appraisal(supplement)
    b.fire("huyen.noivu", supplement, "request_supplement", comment="Bổ sung")
    decided = b.new_dossier()
    b.to_commune_decision(decided)
    b.fire("xa.a.chutich", decided, "approve", **b.decision_payload("7/QĐ-UBND"))
    collective = b.new_dossier()
    collective.nominations.update(nominee_kind="collective", nominee_name="UBND Xã Lơ Pang")
    return [Dossier.objects.get(pk=d.pk) for d in [*made, supplement, decided, collective]]


@pytest.fixture
def reorganisation(demo):
    admin = get_user_model().objects.get(username="admin")
    reorganisation = Reorganisation.objects.create(
        name="Sắp xếp đơn vị hành chính cấp xã tỉnh Gia Lai",
        basis="Nghị quyết số 1664/NQ-UBTVQH15 ngày 16/6/2025",
        effective_on=b.TODAY,
        recorded_by=admin,
    )
    units = {u.code: u for u in Unit.objects.all()}
    for old, new in (("GL-MY-DD", "GL-XMY"), ("GL-MY-LP", "GL-XMY"), ("GL-MY", None)):
        UnitSuccession.objects.create(
            reorganisation=reorganisation, unit=units[old], successor=units.get(new)
        )
    return reorganisation


def history(dossier):
    return list(AuditEvent.objects.filter(dossier=dossier).order_by("pk").values_list("pk", "hash"))


def finish(dossier):
    """Take a two-tier dossier from wherever it stands to its end, by the officials of today's units."""
    steps = {
        "prepare": lambda d: b.fire("truongthon.a1", d, "submit"),
        "intake": lambda d: b.fire("xa.a.canbo", d, "receive"),  # the officer moved with the merger
        "economic_opinion": lambda d: b.fire(tt.ECONOMIST, d, "give_opinion", comment="Đúng tiêu chí."),
        "council": lambda d: b.fire(tt.CHAIR, d, "council_vote", **b.commune_approve_payload(d)),
        "commune_appraisal": lambda d: b.fire(tt.OFFICER, d, "appraise", **b.appraise_payload(d)),
        "commune_decision": lambda d: b.fire(tt.CHAIR, d, "approve", **b.decision_payload(f"{d.pk}/QĐ-UBND")),
        "province_appraisal": lambda d: b.fire(
            tt.PROVINCE_OFFICER, d, "province_appraise", **tt.province_appraise_payload(d)
        ),
        "province_decision": lambda d: b.fire(
            tt.PROVINCE_CHAIR, d, "approve", **b.decision_payload(f"{1000 + d.pk}/QĐ-UBND")
        ),
    }
    for _ in range(12):
        if not dossier.stage:
            return dossier
        if dossier.stage == "council":
            b.commune_documents(dossier, username=tt.OFFICER)
        dossier = steps[dossier.stage](dossier)
    raise AssertionError(f"{dossier.code} did not finish: {dossier.stage}")


def test_the_dry_run_says_where_everything_goes_and_changes_nothing(ladder, reorganisation):
    before = list(Dossier.objects.order_by("pk").values())
    dry = plan(reorganisation)
    assert list(Dossier.objects.order_by("pk").values()) == before
    moves = {m.dossier.pk: m for m in dry.dossiers}
    open_ones = [d for d in ladder if d.stage]
    assert set(moves) == {d.pk for d in open_ones}
    for dossier in open_ones:
        move = moves[dossier.pk]
        assert (move.route_after, move.stage_after) == ("two_tier", EXPECTED[dossier.stage]), dossier.stage
        assert move.units_after["commune"].code == "GL-XMY" and move.units_after["district"] is None
    ended = {(m.user.username, m.role) for m, successor in dry.memberships if successor is None}
    moved = {(m.user.username, successor.code) for m, successor in dry.memberships if successor}
    assert {("huyen.chutich", "district_chair"), ("xa.a.chutich", "commune_chair")} <= ended
    assert {("xa.a.canbo", "GL-XMY"), ("xa.b.canbo", "GL-XMY")} <= moved
    assert [(n.nominee_name, u.code) for n, u in dry.flagged] == [("UBND Xã Lơ Pang", "GL-MY-LP")]
    assert {(u.code, o.code, n.code) for u, o, n in dry.reparented} >= {("GL-MY-DD-01", "GL-MY-DD", "GL-XMY")}


def test_the_run_moves_every_open_dossier_as_the_dry_run_said_and_each_can_be_finished(
    ladder, reorganisation
):
    admin = get_user_model().objects.get(username="admin")
    dry = {
        m.dossier.pk: (m.route_after, m.stage_after, m.status_after) for m in plan(reorganisation).dossiers
    }
    histories = {d.pk: history(d) for d in ladder}
    decision = Decision.objects.get(number="7/QĐ-UBND")

    reorganisation_apply(reorganisation_id=reorganisation.pk, by=admin)

    call_command("check_workflow", stdout=open("/dev/null", "w"))
    call_command("verify_audit", stdout=open("/dev/null", "w"))
    for dossier in ladder:
        after = Dossier.objects.get(pk=dossier.pk)
        events = history(after)
        assert events[: len(histories[dossier.pk])] == histories[dossier.pk]  # never rewritten
        if dossier.pk in dry:
            assert (after.route, after.stage, after.status) == dry[dossier.pk]
            assert AuditEvent.objects.get(pk=events[-1][0]).action == "reorganise"
        else:
            assert events == histories[dossier.pk] and after.commune.code == "GL-MY-DD"  # finished: as it was
    assert Decision.objects.get(pk=decision.pk).issuer.code == "GL-MY-DD"  # issued decisions stay issued
    assert not Membership.objects.filter(unit__code__in=["GL-MY", "GL-MY-DD", "GL-MY-LP"]).exists()
    assert Unit.objects.get(code="GL-MY-DD-01").parent.code == "GL-XMY"
    assert Unit.objects.get(code="GL-MY-DD").dissolved_on == b.TODAY

    officer = Official("xa.my.vhxh")  # an official of the successor sees them, found by old and new names
    sent = {pk for pk in dry if Dossier.objects.get(pk=pk).status != "draft"}  # a draft is the village's own
    for name in ("Đak Djrăng", "Dak Djrang", "Mang Yang"):
        found = {row["id"] for row in officer.get("/api/dossiers/", q=name).json()["results"]}
        assert found == sent, name

    for pk in dry:
        finished = finish(Dossier.objects.get(pk=pk))
        assert finished.status == "decided", finished.code
    call_command("check_workflow", stdout=open("/dev/null", "w"))
    call_command("verify_audit", stdout=open("/dev/null", "w"))


def test_a_reorganisation_is_applied_once(ladder, reorganisation):
    admin = get_user_model().objects.get(username="admin")
    reorganisation_apply(reorganisation_id=reorganisation.pk, by=admin)
    with pytest.raises(StateConflict, match="đã được áp dụng"):
        reorganisation_apply(reorganisation_id=reorganisation.pk, by=admin)


def test_the_administrator_sees_the_dry_run_then_applies_it_in_the_admin(ladder, reorganisation, client):
    client.force_login(get_user_model().objects.get(username="admin"))
    url = f"/admin/workflows/reorganisation/{reorganisation.pk}/plan/"
    page = client.get(url).content.decode()
    for expected in (
        "Hồ sơ đang xử lý (9)",
        "Phòng Văn hóa – Xã hội thẩm định",
        "Bãi bỏ",
        "Kết thúc",
        "UBND Xã Lơ Pang",
    ):
        assert expected in page, expected
    assert not Reorganisation.objects.get(pk=reorganisation.pk).applied_at
    response = client.post(url, follow=True)
    assert "Đã áp dụng" in response.content.decode()
    assert Reorganisation.objects.get(pk=reorganisation.pk).applied_by.username == "admin"
    assert client.get(f"/admin/workflows/reorganisation/{reorganisation.pk}/change/").status_code == 200


def test_an_official_cannot_open_the_reorganisation_pages(ladder, reorganisation, client):
    client.force_login(get_user_model().objects.get(username="xa.a.chutich"))
    response = client.get(f"/admin/workflows/reorganisation/{reorganisation.pk}/plan/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Reorganisation.objects.get(pk=reorganisation.pk).applied_at is None


def test_a_merged_province_hands_its_communes_dossiers_and_officers_to_its_successor(demo):
    admin = get_user_model().objects.get(username="admin")
    gia_lai = Unit.objects.get(code="GL")
    binh_dinh = Unit.objects.create(code="BD", name="Tỉnh Bình Định", level="province")
    commune = Unit.objects.create(code="BD-TS", name="Xã Tây Sơn", level="commune", parent=binh_dinh)
    village = Unit.objects.create(code="BD-TS-01", name="Thôn Phú Lạc", level="village", parent=commune)
    for unit in (binh_dinh, commune, village):
        unit.ensure_agencies()
    people = {}
    for username, role, unit in (
        ("truongthon.pl", "village_head", village),
        ("xa.ts.vhxh", "commune_officer", commune),
        ("tinh.bd.noivu", "province_officer", binh_dinh),
        ("tinh.bd.chutich", "province_chair", binh_dinh),
    ):
        people[username] = get_user_model().objects.create_user(username, password="demo12345")
        membership_grant(by=admin, user=people[username], role=role, unit=unit)
    dossier = tt.new_two_tier_dossier(
        head="truongthon.pl", village="BD-TS-01", award_forms=("bang_khen_tinh",)
    )
    b.fire("truongthon.pl", dossier, "submit")
    reorganisation = Reorganisation.objects.create(
        name="Hợp nhất tỉnh", basis="Nghị quyết số 202/2025/QH15", effective_on=b.TODAY, recorded_by=admin
    )
    UnitSuccession.objects.create(reorganisation=reorganisation, unit=binh_dinh, successor=gia_lai)

    reorganisation_apply(reorganisation_id=reorganisation.pk, by=admin)

    dossier.refresh_from_db()
    assert (dossier.route, dossier.stage, dossier.province.code, dossier.commune.code) == (
        "two_tier",
        "intake",
        "GL",
        "BD-TS",
    )
    assert Unit.objects.get(code="BD-TS").parent.code == "GL"
    assert Membership.objects.get(user=people["tinh.bd.noivu"]).unit.code == "GL"
    assert not Membership.objects.filter(user=people["tinh.bd.chutich"]).exists()
    call_command("check_workflow", stdout=open("/dev/null", "w"))
    call_command("verify_audit", stdout=open("/dev/null", "w"))
    # The commune's own office still works it; the province it goes to is now Gia Lai.
    assert b.fire("xa.ts.vhxh", dossier, "receive").stage == "economic_opinion"


def test_the_history_tells_the_move_in_words(ladder, reorganisation, client):
    reorganisation_apply(
        reorganisation_id=reorganisation.pk, by=get_user_model().objects.get(username="admin")
    )
    moved = next(d for d in ladder if d.stage == "appraisal")
    client.force_login(get_user_model().objects.get(username="xa.my.vhxh"))
    page = client.get(f"/dossiers/{moved.pk}/history/").content.decode()
    for words in (
        "Chuyển theo sắp xếp đơn vị hành chính",
        "Hai cấp",
        "Phòng Văn hóa – Xã hội thẩm định",
        "Xã Đak Djrăng",
    ):
        assert words in page, words
