"""Consultants read their clients' work instructions and keep the shared template library."""

from django.db import migrations

from accounts.roles import grant_to_consultants, revoke_from_consultants

PERMISSIONS = {
    "instruction": ("view",),
    "instructionversion": ("view",),
    "handoverlink": ("view",),
    "run": ("view",),
    "step": ("view",),
    "template": ("view", "add", "change"),
}


def grant(apps, schema_editor):
    grant_to_consultants(apps, "sops", PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_from_consultants(apps, "sops")


class Migration(migrations.Migration):
    dependencies = [
        ("sops", "0002_starter_templates"),
        ("accounts", "0002_consultants_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
