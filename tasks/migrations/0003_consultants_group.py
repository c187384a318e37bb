"""The Consultants group: staff who coach founders through the admin, scoped to their clients."""

from django.db import migrations

from tasks.roles import CONSULTANTS, grant_to_consultants

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
    grant_to_consultants(apps, "tasks", PERMISSIONS)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CONSULTANTS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tasks", "0002_categories"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
