"""The Consultants group: staff who coach founders through the admin, scoped to their clients.

Each app grants the group its own models' rights in a data migration of its own."""

from django.db import migrations

from accounts.roles import CONSULTANTS, grant_to_consultants

# Read and adjust the founder's numbers. Founders themselves are created and deleted by
# superusers.
PERMISSIONS = {"user": ("view", "change"), "profile": ("view", "change")}


def create_group(apps, schema_editor):
    grant_to_consultants(apps, "accounts", PERMISSIONS)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CONSULTANTS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
