"""Chain the audit events with hashes (existing events are chained in their order), and on PostgreSQL
make the table refuse UPDATE and DELETE outright."""

from django.db import migrations, models

from dossiers.chain import GENESIS, digest

APPEND_ONLY_SQL = """
CREATE OR REPLACE FUNCTION dossiers_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Lịch sử hồ sơ chỉ được ghi thêm (% bị từ chối)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER dossiers_auditevent_append_only
    BEFORE UPDATE OR DELETE ON dossiers_auditevent
    FOR EACH ROW EXECUTE FUNCTION dossiers_auditevent_append_only();
"""
DROP_SQL = """
DROP TRIGGER IF EXISTS dossiers_auditevent_append_only ON dossiers_auditevent;
DROP FUNCTION IF EXISTS dossiers_auditevent_append_only();
"""


def chain_existing(apps, schema_editor):
    AuditEvent = apps.get_model("dossiers", "AuditEvent")
    prev_hash = GENESIS
    for event in AuditEvent.objects.order_by("pk").iterator():
        event_hash = digest(event, prev_hash)
        # The historical model has no append-only guard; this is the one write that fills the new columns.
        AuditEvent.objects.filter(pk=event.pk).update(prev_hash=prev_hash, hash=event_hash)
        prev_hash = event_hash


def install_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY_SQL, params=None)


def remove_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0002_nominations_count")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="mã băm sự kiện trước"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="mã băm"),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(editable=False, max_length=64, unique=True, verbose_name="mã băm"),
        ),
        migrations.RunPython(install_trigger, remove_trigger),
    ]
