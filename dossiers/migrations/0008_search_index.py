"""On PostgreSQL, search with or without diacritics (a LIKE on the folded search_text) uses a trigram index
instead of scanning every dossier."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", params=None)
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS dossier_search_trgm ON dossiers_dossier USING gin (search_text gin_trgm_ops)",
            params=None,
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS dossier_search_trgm", params=None)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0007_bonus_defaults")]
    operations = [migrations.RunPython(create, drop)]
