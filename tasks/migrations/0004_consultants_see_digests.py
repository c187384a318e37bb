"""Joins the two 0003 branches (the Consultants group, the weekly digest ledger) and lets
consultants see their clients' digests: sent, failed and the week's snapshot."""

from django.db import migrations

from tasks.roles import CONSULTANTS, grant_to_consultants


def grant(apps, schema_editor):
    grant_to_consultants(apps, "tasks", {"weeklydigest": ("view",)})


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=CONSULTANTS):
        group.permissions.remove(*Permission.objects.filter(codename="view_weeklydigest"))


class Migration(migrations.Migration):
    dependencies = [
        ("tasks", "0003_consultants_group"),
        ("tasks", "0003_weekly_digest"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
