"""Seed the benchmark's data set, through a bulk path that writes the rows the services write: dossiers at every
stage with their nominations, workflow processes and human tasks (done and open, each open one owned by its
stage's agency), and the chained audit history. One province of the demo province's shape per 30,000
dossiers (the country's 34 provinces at a million), the dossiers spread evenly over their villages and
committed 20,000 at a time, so memory stays bounded at any size.

    python -m bench.seed --dossiers 10000      (DATABASE_URL must point at the benchmark database)
"""

import argparse
import datetime
import math
import os
import random
import sys
from dataclasses import dataclass

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from viewflow.workflow.models import Process, Task  # noqa: E402

from dossiers.chain import GENESIS, digest  # noqa: E402
from dossiers.criteria import criteria_keys  # noqa: E402
from dossiers.models import AuditEvent, AwardForm, Decision, Dossier, Nomination, Round  # noqa: E402
from dossiers.text import fold  # noqa: E402
from permissions.models import Agency, Unit  # noqa: E402
from permissions.roles import AGENCY_NAMES, LEVEL_AGENCIES, Level  # noqa: E402
from workflows import queues  # noqa: E402
from workflows.flows import DossierFlow  # noqa: E402
from workflows.routes import THREE_TIER  # noqa: E402

from .names import household_name  # noqa: E402

# (status, decision level, stages done before the open one, open stage or None, reached level)
PROFILES = [
    ("draft", "", [], "prepare", "village", 10),
    ("submitted", "", ["prepare"], "commune_review", "commune", 20),
    ("returned", "", ["prepare", "commune_review"], "prepare", "commune", 5),
    ("awaiting_decision", "commune", ["prepare", "commune_review"], "commune_decision", "commune", 5),
    ("commune_approved", "district", ["prepare", "commune_review"], "compile", "district", 10),
    ("appraisal", "district", ["prepare", "commune_review", "compile"], "appraisal", "district", 15),
    (
        "supplement_requested",
        "district",
        ["prepare", "commune_review", "compile", "appraisal"],
        "supplement",
        "district",
        5,
    ),
    (
        "awaiting_decision",
        "district",
        ["prepare", "commune_review", "compile", "appraisal"],
        "district_decision",
        "district",
        10,
    ),
    (
        "forwarded",
        "district",
        ["prepare", "commune_review", "compile", "appraisal", "district_decision"],
        "province_outcome",
        "province",
        5,
    ),
    (
        "decided",
        "district",
        ["prepare", "commune_review", "compile", "appraisal", "district_decision"],
        None,
        "district",
        15,
    ),
]


# One province per this many dossiers (issue 17: the country's 34 provinces hold about a million), each in
# the shape of the demo province: 10 districts of 15 communes of 10 villages.
DOSSIERS_PER_PROVINCE = 30_000
DISTRICTS, COMMUNES, VILLAGES = 10, 15, 10


def units(provinces: int):
    """The demo province (Gia Lai, with the demo units and officials among its 1,650) and ``provinces - 1``
    more of the same shape; every unit with its agencies. Returns the villages, the demo province's first."""
    villages = _demo_province()
    for number in range(1, provinces):
        villages += _province_in_bulk(number)
    return villages


def _demo_province():
    province = Unit.objects.get(code="GL")
    villages = []
    for d in range(DISTRICTS):
        district = Unit.objects.get_or_create(
            code="GL-MY" if d == 0 else f"GL-D{d:02d}",
            defaults={"name": f"Huyện Số {d}", "level": Level.DISTRICT, "parent": province},
        )[0]
        for c in range(COMMUNES):
            commune = Unit.objects.get_or_create(
                code=f"{district.code}-C{c:02d}" if (d or c > 1) else ["GL-MY-DD", "GL-MY-LP"][c],
                defaults={"name": f"Xã Số {d}.{c}", "level": Level.COMMUNE, "parent": district},
            )[0]
            for v in range(VILLAGES):
                code = f"{commune.code}-{v + 1:02d}"
                villages.append(
                    Unit.objects.get_or_create(
                        code=code,
                        defaults={
                            "name": f"Thôn {v + 1} {commune.name}",
                            "level": Level.VILLAGE,
                            "parent": commune,
                        },
                    )[0]
                )
    for unit in Unit.objects.filter(code__startswith="GL"):
        unit.ensure_agencies()
    return villages


def _province_in_bulk(number: int) -> list:
    """Province ``number`` (code P01…), its units and agencies by bulk inserts, level by level; a province
    seeded before is read back."""
    code = f"P{number:02d}"
    province, made = Unit.objects.get_or_create(
        code=code, defaults={"name": f"Tỉnh Số {number}", "level": Level.PROVINCE}
    )
    if made:
        districts = _children(
            province, [(f"{code}-D{d:02d}", f"Huyện {d} Tỉnh {number}") for d in range(DISTRICTS)]
        )
        communes = _children_of(districts, COMMUNES, "C", "Xã {i}.{parent}")
        _children_of(communes, VILLAGES, "V", "Thôn {i} {parent}")
        new = Unit.objects.filter(code__startswith=f"{code}")
        Agency.objects.bulk_create(
            Agency(unit=unit, kind=kind, name=AGENCY_NAMES[kind].format(unit=unit.name))
            for unit in new
            for kind in LEVEL_AGENCIES[unit.level]
        )
    return list(Unit.objects.filter(code__startswith=f"{code}-", level=Level.VILLAGE).order_by("pk"))


NEXT_LEVEL = {Level.PROVINCE: Level.DISTRICT, Level.DISTRICT: Level.COMMUNE, Level.COMMUNE: Level.VILLAGE}


def _children(parent, codes_and_names):
    level = NEXT_LEVEL[parent.level]
    return Unit.objects.bulk_create(
        Unit(code=code, name=name, level=level, parent=parent) for code, name in codes_and_names
    )


def _children_of(parents, count, letter, name):
    made = []
    for parent in parents:
        rows = [
            (f"{parent.code}-{letter}{i:02d}", name.format(i=i, parent=parent.name)) for i in range(count)
        ]
        made += _children(parent, rows)
    return made


def next_ids(model, count):
    start = (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    return range(start, start + count)


CHUNK = 20_000  # dossiers per transaction: memory stays bounded at any size, and a chunk's work is committed


@dataclass
class World:
    villages: list
    line: dict
    agencies: dict
    round: Round
    forms: dict
    rng: random.Random
    now: datetime.datetime
    criteria: dict  # every criterion of a household met, as an appraiser records it


def seed(count: int):
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    villages = units(max(1, math.ceil(count / DOSSIERS_PER_PROVINCE)))
    round_ = Round.objects.get(name="Tổng kết 2021–2025")
    world = World(
        villages=villages,
        line={v.pk: v.lineage() for v in villages},
        agencies={(a.unit_id, a.kind): a.pk for a in Agency.objects.all()},
        round=round_,
        forms={f.code: f for f in AwardForm.objects.all()},
        rng=random.Random(20261122),
        now=timezone.now(),
        criteria=dict.fromkeys(criteria_keys("household", round_.movement_id), True),
    )
    made = [0, 0, 0]
    for first in range(0, count, CHUNK):
        for total, added in enumerate(_seed_chunk(world, first, min(CHUNK, count - first))):
            made[total] += added
        print(f"  {first + min(CHUNK, count - first):,} dossiers", flush=True)
    _reset_sequences()
    return made[0], made[1], made[2], len({line[Level.PROVINCE].pk for line in world.line.values()})


def _seed_chunk(world: World, first: int, count: int) -> tuple[int, int, int]:
    """``count`` dossiers (the ``first``-th onwards of the whole seed) with their rows, in one transaction."""
    rows = {"dossiers": [], "nominations": [], "processes": [], "tasks": [], "events": []}
    dossier_ids, process_ids = next_ids(Dossier, count), next_ids(Process, count)
    for i, (pk, process_pk) in enumerate(zip(dossier_ids, process_ids, strict=True)):
        _one_dossier(world, world.villages[(first + i) % len(world.villages)], pk, process_pk, rows)
    with transaction.atomic():
        Dossier.objects.bulk_create(rows["dossiers"], batch_size=5000)
        _award_the_decided(rows, chunk=first // CHUNK + 1)
        Nomination.objects.bulk_create(rows["nominations"], batch_size=5000)
        Process.objects.bulk_create(rows["processes"], batch_size=5000)
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO workflows_dossierprocess (process_ptr_id, dossier_id) VALUES (%s, %s)",
                list(zip(process_ids, dossier_ids, strict=True)),
            )
        Task.objects.bulk_create(rows["tasks"], batch_size=5000)
        _chain(rows["events"])
        AuditEvent.objects.bulk_create(rows["events"], batch_size=5000)
    return len(rows["dossiers"]), len(rows["tasks"]), len(rows["events"])


def _award_the_decided(rows: dict, chunk: int) -> None:
    """The nominees of the decided dossiers are awarded, under one decision of their district's chair per
    chunk (numbered by the chunk, so unique per district and year), as a chair's batch decision leaves them:
    the dashboard's award counts and the decisions pages then read real rows at every size."""
    decided = [d for d in rows["dossiers"] if d.status == "decided"]
    decisions = {}
    for dossier in decided:
        if dossier.district_id not in decisions:
            decisions[dossier.district_id] = Decision(
                issuer_id=dossier.district_id,
                number=f"{chunk}/QĐ-UBND",
                year=dossier.status_changed.year,
                date=dossier.status_changed.date(),
                recorded_by_id=1,
            )
    Decision.objects.bulk_create(decisions.values())
    by_dossier = {d.pk: decisions[d.district_id] for d in decided}
    for nomination in rows["nominations"]:
        decision = by_dossier.get(nomination.dossier_id)
        if decision is not None:
            nomination.outcome, nomination.decision = "awarded", decision


def _one_dossier(world: World, village, pk: int, process_pk: int, rows: dict) -> None:
    rng, units_of, creator_id = world.rng, world.line[village.pk], 1
    status, level, done, open_stage, reached, _ = rng.choices(PROFILES, [p[-1] for p in PROFILES])[0]
    created = world.now - datetime.timedelta(days=rng.randint(1, 400), minutes=rng.randint(0, 1000))
    name = household_name(rng)
    code = f"HS-{world.round.year}-{pk:06d}"
    rows["dossiers"].append(
        Dossier(
            pk=pk,
            code=code,
            round=world.round,
            village=village,
            commune=units_of[Level.COMMUNE],
            district=units_of[Level.DISTRICT],
            province=units_of[Level.PROVINCE],
            title=f"Đề nghị khen thưởng {village.name}",
            search_text=fold(f"{code} Đề nghị {name}"),
            nominations_count=1,
            status=status,
            route=THREE_TIER.name,
            stage=open_stage or "",
            reached_level=reached,
            decision_level=level,
            created_by_id=creator_id,
            created=created,
            status_changed=created,
        )
    )
    form = (
        "bang_khen_tinh"
        if status == "forwarded"
        else ("giay_khen_xa" if level == "commune" else "giay_khen_huyen")
    )
    rows["nominations"].append(_nomination(world, pk, name, world.forms[form], status, open_stage))
    rows["processes"].append(
        Process(
            pk=process_pk,
            flow_class=DossierFlow,
            status="DONE" if open_stage is None else "NEW",
            created=created,
        )
    )
    moment = created
    for stage in done:
        moment += datetime.timedelta(hours=rng.randint(2, 200))
        rows["tasks"].append(_task(process_pk, stage, "DONE", created, moment, units_of, world.agencies))
    if open_stage:
        rows["tasks"].append(_task(process_pk, open_stage, "NEW", moment, None, units_of, world.agencies))
    event = {"dossier_id": pk, "actor_id": creator_id, "unit_id": village.pk}
    rows["events"].append(
        AuditEvent(**event, at=created, role="village_head", action="create", to_status="draft")
    )
    for stage in done:
        rows["events"].append(
            AuditEvent(
                **event,
                at=created + datetime.timedelta(hours=1),
                role="",
                action=f"{stage}_done",
                from_status="draft",
                to_status=status,
            )
        )


def _nomination(world: World, dossier_pk: int, name: str, form, status: str, open_stage) -> Nomination:
    """The nomination as the services leave it at its dossier's stage: proposed by the commune's council
    (with its votes) once past it, found eligible on every criterion once appraised, forwarded with the
    dossier. A dossier's next step then works on it as on one made through the pages."""
    past_council = status not in ("draft", "submitted", "returned")
    appraised = open_stage in ("district_decision", "province_outcome", None)  # None: decided
    return Nomination(
        dossier_id=dossier_pk,
        nominee_kind="household",
        nominee_name=name,
        nominee_key=fold(name),
        award_form=form,
        commune_approved=True if past_council else None,
        commune_votes_for=world.rng.randint(5, 9) if past_council else None,
        eligible=True if appraised else None,
        criteria=world.criteria if appraised else {},
        outcome="forwarded" if status == "forwarded" else "pending",
    )


def _task(process_pk, stage_name, status, created, finished, units_of, agencies):
    stage = THREE_TIER.stages_by_name[stage_name]
    agency = agencies[(units_of[stage.level].pk, stage.agency)]
    return queues.agency_task(
        agency,
        process_id=process_pk,
        flow_task=getattr(DossierFlow, stage_name),
        status=status,
        created=created,
        finished=finished,
    )


def _chain(events):
    prev = AuditEvent.objects.order_by("-pk").values_list("hash", flat=True).first() or GENESIS
    for pk, event in zip(next_ids(AuditEvent, len(events)), events, strict=True):
        event.pk, event.prev_hash = pk, prev
        event.hash = prev = digest(event, prev)


def _reset_sequences():
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(
            no_style(), [Dossier, Process, AuditEvent, Task, Nomination]
        ):
            cursor.execute(sql)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dossiers", type=int, default=100_000)
    args = parser.parse_args()
    started = timezone.now()
    made = seed(args.dossiers)
    if connection.vendor == "postgresql":  # as after any bulk load: fresh statistics and visibility map
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(
        f"seeded {made[0]} dossiers, {made[1]} tasks, {made[2]} events in {made[3]} provinces "
        f"in {timezone.now() - started}"
    )
