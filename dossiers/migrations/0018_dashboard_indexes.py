"""The dashboard and statistics of a province at a million dossiers (issue 17): the province's dossiers that
reached it, found by one index rather than filtered from all of the province's; and the awarded nominations
in an index of their own, so counting them never reads the pending ones. A million-dossier database builds
both in under a minute."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0017_dossier_lookup_key")]

    operations = [
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                fields=["province", "reached_level", "status"],
                include=("commune",),
                name="dossier_province_reach",
            ),
        ),
        migrations.AddIndex(
            model_name="nomination",
            index=models.Index(
                condition=models.Q(("outcome", "awarded")),
                fields=["dossier"],
                include=("award_form", "nominee_kind"),
                name="nomination_awarded",
            ),
        ),
    ]
