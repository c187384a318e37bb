"""Consultants work on their clients' tasks and delegates, and leave notes on their tasks."""

from django.db import migrations

from accounts.roles import grant_to_consultants, revoke_from_consultants

PERMISSIONS = {
    "task": ("view", "add", "change", "delete"),
    "delegate": ("view", "add", "change", "delete"),
    "category": ("view",),
    "tasknote": ("view", "add"),
}


def grant(apps, schema_editor):
    grant_to_consultants(apps, "tasks", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_from_consultants(apps, "tasks")


class Migration(migrations.Migration):
    dependencies = [("tasks", "0002_categories"), ("accounts", "0002_consultants_group")]

    operations = [migrations.RunPython(grant, revoke)]
