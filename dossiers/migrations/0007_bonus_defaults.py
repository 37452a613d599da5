"""Bonus amounts from Decree 152/2025 (Art. 54) and the base salary of Decree 73/2024, as data; the figures
marked unconfirmed in the sources are left for an administrator to add."""

import datetime

from django.db import migrations

RATES = [("giay_khen_xa", "", "0.30"), ("giay_khen_huyen", "", "0.30"), ("bang_khen_tinh", "", "1.50"),
         ("bang_khen_ttg", "", "3.50")]


def add_defaults(apps, schema_editor):
    BaseSalary = apps.get_model("dossiers", "BaseSalary")
    BonusRate = apps.get_model("dossiers", "BonusRate")
    AwardForm = apps.get_model("dossiers", "AwardForm")
    BaseSalary.objects.get_or_create(valid_from=datetime.date(2024, 7, 1), defaults={"amount": 2_340_000})
    for code, kind, multiplier in RATES:  # for the forms that exist; seed_demo adds them for new ones
        for form in AwardForm.objects.filter(code=code):
            BonusRate.objects.get_or_create(award_form=form, nominee_kind=kind, valid_from=datetime.date(2025, 7, 1),
                                            defaults={"multiplier": multiplier})


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0006_bonus_amounts")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
