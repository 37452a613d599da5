"""Every dossier gets the look-up key printed on its receipt (dossiers.lookup_keys).

The column is added empty, the dossiers already made are given their own key in batches (one UPDATE per batch
through ``bulk_update``, never one save per row: a province may hold a million dossiers), and only then does
the field take the model's default that draws a key for each new dossier. Adding it with that default at once
would give every existing row the same key.
"""

from django.db import migrations, models

import dossiers.lookup_keys

BATCH = 2000


def give_every_dossier_a_key(apps, schema_editor):
    """Draw a key for each dossier that has none, walking the primary key so that each batch is one indexed
    read and one update; safe to run again (a dossier that has a key keeps it)."""
    Dossier = apps.get_model("dossiers", "Dossier")
    last = 0
    while True:
        ids = list(
            Dossier.objects.filter(pk__gt=last, lookup_key="")
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if not ids:
            return
        keyed = [Dossier(pk=pk, lookup_key=dossiers.lookup_keys.new_lookup_key()) for pk in ids]
        Dossier.objects.bulk_update(keyed, ["lookup_key"], batch_size=BATCH)
        last = ids[-1]


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0016_nominee_identity"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="lookup_key",
            field=models.CharField(default="", editable=False, max_length=10, verbose_name="mã tra cứu"),
        ),
        migrations.RunPython(give_every_dossier_a_key, migrations.RunPython.noop, elidable=True),
        # The default is Python's alone: no column changes, so no statement (SQLite would copy the table).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="dossier",
                    name="lookup_key",
                    field=models.CharField(
                        default=dossiers.lookup_keys.new_lookup_key,
                        editable=False,
                        max_length=10,
                        verbose_name="mã tra cứu",
                    ),
                ),
            ],
        ),
    ]
