"""The inbox reads the open human tasks of a few agencies: a partial index on exactly those rows serves it
whatever the number of finished tasks (viewflow's own queue matches by string concatenation, no index)."""

from django.db import migrations

SQL = (
    "CREATE INDEX IF NOT EXISTS task_open_by_agency ON viewflow_task (owner_permission_obj_pk, created) "
    "WHERE flow_task_type = 'HUMAN' AND status IN ('NEW', 'ASSIGNED', 'STARTED')"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor in ("postgresql", "sqlite"):
        schema_editor.execute(SQL, params=None)


def drop(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS task_open_by_agency", params=None)


class Migration(migrations.Migration):
    dependencies = [("workflows", "0005_generated_files"), ("viewflow", "0015_task_scheduled")]
    operations = [migrations.RunPython(create, drop)]
