"""Consultants see their clients' digests: sent, failed and the week's snapshot."""

from django.db import migrations

from accounts.roles import grant_to_consultants, revoke_from_consultants


def grant(apps, schema_editor):
    grant_to_consultants(apps, "digest", {"weeklydigest": ("view",)})


def revoke(apps, schema_editor):
    revoke_from_consultants(apps, "digest")


class Migration(migrations.Migration):
    dependencies = [("digest", "0001_initial"), ("accounts", "0002_consultants_group")]

    operations = [migrations.RunPython(grant, revoke)]
