"""Dossiers made before the routes were data keep their place: the migration that gave every dossier its
route and stage reads the stage from the state as the three-tier declaration of that time did, and a
dossier so migrated can be finished."""

import importlib

from django.apps import apps

from dossiers.models import Dossier

from . import builders as b

routes_migration = importlib.import_module("dossiers.migrations.0012_routes")


def _at_every_ladder_stage():
    """One dossier at each stage of the three-tier ladder, and one decided."""
    commune_level = [(), (b.to_submitted,), (b.to_commune_decision,)]
    district_level = [
        (b.to_commune_approved,),
        (b.to_appraisal,),
        (b.to_district_decision,),
        (b.to_forwarded,),
    ]
    for steps, forms in [(s, ("giay_khen_xa",)) for s in commune_level] + [
        (s, ("giay_khen_huyen", "bang_khen_tinh")) for s in district_level
    ]:
        dossier = b.new_dossier(award_forms=forms)
        for step in steps:
            step(dossier)
    supplement = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_appraisal(supplement)
    b.fire("huyen.noivu", supplement, "request_supplement", comment="Bổ sung")
    decided = b.new_dossier()
    b.to_commune_decision(decided)
    b.fire("xa.a.chutich", decided, "approve", **b.decision_payload())


def test_the_migration_gives_each_old_dossier_the_stage_the_services_give_it(demo):
    _at_every_ladder_stage()
    expected = dict(Dossier.objects.values_list("pk", "stage"))
    assert set(expected.values()) == {
        "prepare",
        "commune_review",
        "commune_decision",
        "compile",
        "appraisal",
        "district_decision",
        "province_outcome",
        "supplement",
        "",
    }
    Dossier.objects.update(stage="lost")
    routes_migration.stages_of_the_ladder(apps, None)
    assert dict(Dossier.objects.values_list("pk", "stage")) == expected
    assert set(Dossier.objects.values_list("route", flat=True)) == {"three_tier"}


def test_a_migrated_dossier_is_finished_on_its_route(demo):
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_district_decision(dossier)
    Dossier.objects.filter(pk=dossier.pk).update(stage="")
    routes_migration.stages_of_the_ladder(apps, None)
    dossier = b.fire("huyen.chutich", Dossier.objects.get(pk=dossier.pk), "approve", **b.decision_payload())
    assert (dossier.status, dossier.stage) == ("decided", "")
