"""Every official is in the group "Cán bộ", which may open the workflow pages (viewflow answers 403
to a user without the process model's view permission)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Cán bộ"


def create_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="workflows", codename="view_dossierprocess")
    )


class Migration(migrations.Migration):
    dependencies = [("workflows", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
