"""The Consultants group: staff who coach founders through the admin, scoped to their clients.

The model permissions do not exist yet when migrations run on a fresh database (Django creates
them after `migrate`), so they are created here first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Consultants"
# What a consultant does for their clients: read and adjust the founder's numbers, work on the
# tasks and delegates. Founders themselves (accounts) are created and deleted by superusers.
PERMISSIONS = {
    "user": ("view", "change"),
    "profile": ("view", "change"),
    "task": ("view", "add", "change", "delete"),
    "delegate": ("view", "add", "change", "delete"),
    "category": ("view",),
}


def create_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    codenames = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="tasks", codename__in=codenames)
    )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tasks", "0002_categories"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
