"""`seed_demo_dossiers` (run by `make run` after seed_demo): a decided 2024 round on the three-tier ladder and
today's two-tier round with a dossier at each stage, all moved by the demo officials through the services."""

import datetime
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from dossiers.models import AuditEvent, Decision, Document, Dossier, Nomination, Round
from dossiers.states import Outcome, Status
from workflows.management.commands import seed_demo_dossiers
from workflows.management.commands._demo_dossiers import LADDER_ROUND, TWO_TIER
from workflows.selectors import inbox_tasks

from . import two_tier as tt
from .builders import TODAY

# Where each of today's dossiers waits ("": decided).
TWO_TIER_STAGES = {
    "draft": "prepare",
    "intake": "intake",
    "opinion": "economic_opinion",
    "council": "council",
    "supplemented": "commune_appraisal",
    "to_chair": "commune_decision",
    "so_noi_vu": "province_appraisal",
    "province_chair": "province_decision",
    "decided": "",
}
TWO_TIER_ACCOUNTS = [
    "truongthon.my1",
    "xa.my.vhxh",
    "xa.my.kinhte",
    "xa.my.chutich",
    "xa.my.phochutich",
    "tinh.noivu",
    "tinh.chutich",
    "tinh.phochutich",
]


def seed():
    call_command("seed_demo_dossiers", stdout=open("/dev/null", "w"))


def decisions_of(round_):
    awarded = Nomination.objects.filter(dossier__round=round_, decision__isnull=False)
    return Decision.objects.filter(pk__in=awarded.values("decision")).select_related("issuer", "signer")


def test_it_decides_every_dossier_of_the_2024_round_on_the_ladder_and_closes_it(demo):
    seed()
    ladder = Round.objects.get(name=LADDER_ROUND)
    assert (ladder.route, ladder.year, ladder.is_open) == ("three_tier", 2024, False)
    assert ladder.deadline == datetime.date(2024, 11, 10)
    dossiers = ladder.dossiers.all()
    assert Counter(dossiers.values_list("status", flat=True)) == {Status.DECIDED: 6, Status.REJECTED: 1}
    assert dossiers.get(status=Status.REJECTED).events.last().action == "appraisal_reject"
    assert not Nomination.objects.filter(
        dossier__round=ladder, outcome__in=[Outcome.PENDING, Outcome.FORWARDED]
    ).exists()
    decisions = {(d.issuer.code, d.number): d for d in decisions_of(ladder)}
    assert set(decisions) == {
        ("GL-MY-DD", "18/QĐ-UBND"),
        ("GL-MY-LP", "25/QĐ-UBND"),
        ("GL-MY", "245/QĐ-UBND"),
        ("GL-MY", "251/QĐ-UBND"),
        ("GL", "1520/QĐ-UBND"),
    }
    assert {d.date.year for d in decisions.values()} == {2024}
    assert decisions["GL-MY", "251/QĐ-UBND"].signer.username == "huyen.phochutich"
    batch = Nomination.objects.filter(decision=decisions["GL-MY", "245/QĐ-UBND"])
    assert batch.values("dossier").distinct().count() == 3
    assert (
        Nomination.objects.get(decision=decisions["GL", "1520/QĐ-UBND"]).award_form.code == "bang_khen_tinh"
    )
    actions = set(AuditEvent.objects.filter(dossier__round=ladder).values_list("action", flat=True))
    assert {"request_supplement", "resubmit", "record_province_outcome"} <= actions


def test_it_puts_todays_two_tier_dossiers_at_the_stages_of_the_route(demo):
    seed()
    dossiers = {d.title: d for d in tt.two_tier_round().dossiers.all()}
    assert {key: dossiers[spec.title].stage for key, spec in TWO_TIER.items()} == TWO_TIER_STAGES
    assert dossiers[TWO_TIER["decided"].title].status == Status.DECIDED
    assert dossiers[TWO_TIER["supplemented"].title].supplement_requests == 1
    # Appraised by Sở Nội vụ: its Bằng khen tỉnh waits for the province chair.
    awaiting = dossiers[TWO_TIER["province_chair"].title].nominations.get()
    assert (awaiting.award_form.code, awaiting.eligible, awaiting.outcome) == (
        "bang_khen_tinh",
        True,
        "pending",
    )
    signers = {
        d.number: (d.issuer.code, d.date, d.signer.username) for d in decisions_of(tt.two_tier_round())
    }
    assert signers == {
        "51/QĐ-UBND": ("GL-XMY", TODAY, "xa.my.chutich"),
        "52/QĐ-UBND": ("GL-XMY", TODAY, "xa.my.phochutich"),
    }


def test_each_two_tier_demo_account_finds_work_in_its_inbox(demo):
    seed()
    for username in TWO_TIER_ACCOUNTS:
        user = get_user_model().objects.get(username=username)
        assert inbox_tasks(user).count() > 0, username


def test_the_workflow_and_the_history_hold_and_a_second_run_changes_nothing(demo):
    seed()
    call_command("check_workflow", stdout=open("/dev/null", "w"))  # raises CommandError on a mismatch
    call_command("verify_audit", stdout=open("/dev/null", "w"))

    def counts():
        return [
            model.objects.count() for model in (Dossier, Nomination, Document, Decision, AuditEvent, Round)
        ]

    before = counts()
    seed()
    assert counts() == before


def test_it_leaves_a_round_that_already_holds_dossiers_alone(demo):
    mine = tt.new_two_tier_dossier()
    seed()
    assert list(tt.two_tier_round().dossiers.all()) == [mine]
    assert Round.objects.get(name=LADDER_ROUND).dossiers.count() == 7


def test_it_asks_for_the_demo_world_first(db):
    with pytest.raises(CommandError, match="seed_demo"):
        seed()
    assert not Dossier.objects.exists()


def test_it_reopens_a_2024_round_left_closed_without_dossiers_and_closes_it_again(demo):
    Round.objects.create(
        movement=tt.two_tier_round().movement,
        name=LADDER_ROUND,
        kind="annual",
        year=2024,
        deadline=datetime.date(2024, 11, 10),
        is_open=False,
        route="three_tier",
    )
    seed()
    ladder = Round.objects.get(name=LADDER_ROUND)
    assert ladder.dossiers.count() == 7 and not ladder.is_open


def test_a_failure_midway_leaves_no_round_or_dossier_behind(demo, monkeypatch):
    def broken(round_):
        raise RuntimeError("hỏng giữa chừng")

    monkeypatch.setattr(seed_demo_dossiers, "seed_two_tier", broken)
    with pytest.raises(RuntimeError):
        seed()
    assert not Round.objects.filter(name=LADDER_ROUND).exists()
    assert not Dossier.objects.exists() and not Decision.objects.exists()
