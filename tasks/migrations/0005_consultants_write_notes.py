"""Consultants may read and add notes on their clients' tasks (scoped in the admin)."""

from django.db import migrations

from accounts.roles import CONSULTANTS, grant_to_consultants


def grant(apps, schema_editor):
    grant_to_consultants(apps, "tasks", {"tasknote": ("view", "add")})


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    codenames = ["view_tasknote", "add_tasknote"]
    for group in Group.objects.filter(name=CONSULTANTS):
        group.permissions.remove(*Permission.objects.filter(codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("tasks", "0004_delegate_language_changerecord_consultantinvite_and_more")]

    operations = [migrations.RunPython(grant, revoke)]
