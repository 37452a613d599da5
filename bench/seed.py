"""Seed a province-sized data set for the benchmark, through a bulk path that writes the rows the services
write: dossiers at every stage with their nominations, workflow processes and human tasks (done and open,
each open one owned by its stage's agency), and the chained audit history.

    python -m bench.seed --dossiers 10000      (DATABASE_URL must point at the benchmark database)
"""

import argparse
import datetime
import os
import random
import sys

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from viewflow.workflow.models import Process, Task  # noqa: E402

from dossiers.chain import GENESIS, digest  # noqa: E402
from dossiers.models import AuditEvent, AwardForm, Dossier, Nomination, Round  # noqa: E402
from dossiers.text import fold  # noqa: E402
from permissions.models import Agency, Unit  # noqa: E402
from permissions.roles import Level  # noqa: E402
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


def units():
    """1 province, 10 districts, 150 communes, 1,500 villages (the demo ones among them), with agencies."""
    province = Unit.objects.get(code="GL")
    villages = []
    for d in range(10):
        district = Unit.objects.get_or_create(
            code="GL-MY" if d == 0 else f"GL-D{d:02d}",
            defaults={"name": f"Huyện Số {d}", "level": Level.DISTRICT, "parent": province},
        )[0]
        for c in range(15):
            commune = Unit.objects.get_or_create(
                code=f"{district.code}-C{c:02d}" if (d or c > 1) else ["GL-MY-DD", "GL-MY-LP"][c],
                defaults={"name": f"Xã Số {d}.{c}", "level": Level.COMMUNE, "parent": district},
            )[0]
            for v in range(10):
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
    for unit in Unit.objects.all():
        unit.ensure_agencies()
    return villages


def next_ids(model, count):
    start = (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    return range(start, start + count)


def seed(count: int):
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    villages = units()
    line = {v.pk: v.lineage() for v in villages}
    agencies = {(a.unit_id, a.kind): a.pk for a in Agency.objects.all()}
    agency_ct = Agency._meta.app_label
    round_ = Round.objects.get(name="Tổng kết 2021–2025")
    forms = {f.code: f for f in AwardForm.objects.all()}
    creator_id = 1
    rng = random.Random(20261122)
    weights = [p[-1] for p in PROFILES]
    now = timezone.now()
    dossier_ids = next_ids(Dossier, count)
    process_ids = next_ids(Process, count)
    dossiers, nominations, processes, tasks, events = [], [], [], [], []
    for i, (pk, process_pk) in enumerate(zip(dossier_ids, process_ids, strict=True)):
        status, level, done, open_stage, reached, _ = rng.choices(PROFILES, weights)[0]
        village = villages[i % len(villages)]
        units_of = line[village.pk]
        created = now - datetime.timedelta(days=rng.randint(1, 400), minutes=rng.randint(0, 1000))
        name = household_name(rng)
        code = f"HS-{round_.year}-{pk:06d}"
        dossiers.append(
            Dossier(
                pk=pk,
                code=code,
                round=round_,
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
        nominations.append(
            Nomination(dossier_id=pk, nominee_kind="household", nominee_name=name, award_form=forms[form])
        )
        processes.append(
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
            tasks.append(_task(process_pk, stage, "DONE", created, moment, units_of, agencies))
        if open_stage:
            tasks.append(_task(process_pk, open_stage, "NEW", moment, None, units_of, agencies))
        events.append(
            AuditEvent(
                dossier_id=pk,
                at=created,
                actor_id=creator_id,
                role="village_head",
                unit_id=village.pk,
                action="create",
                to_status="draft",
            )
        )
        for stage in done:
            events.append(
                AuditEvent(
                    dossier_id=pk,
                    at=created + datetime.timedelta(hours=1),
                    actor_id=creator_id,
                    role="",
                    unit_id=village.pk,
                    action=f"{stage}_done",
                    from_status="draft",
                    to_status=status,
                )
            )
    with transaction.atomic():
        Dossier.objects.bulk_create(dossiers, batch_size=5000)
        Nomination.objects.bulk_create(nominations, batch_size=5000)
        Process.objects.bulk_create(processes, batch_size=5000)
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO workflows_dossierprocess (process_ptr_id, dossier_id) VALUES (%s, %s)",
                list(zip(process_ids, dossier_ids, strict=True)),
            )
        Task.objects.bulk_create(tasks, batch_size=5000)
        _chain(events)
        AuditEvent.objects.bulk_create(events, batch_size=5000)
        _reset_sequences()
    return len(dossiers), len(tasks), len(events), agency_ct


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
    print(f"seeded {made[0]} dossiers, {made[1]} tasks, {made[2]} events in {timezone.now() - started}")
