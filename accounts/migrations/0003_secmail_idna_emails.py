"""Addresses stored before the domain was folded to its IDNA form (security issue #19) get
that form now, unless another account already has it (that pair is left for the operator:
`manage.py shell`, merge or remove by hand)."""

from django.db import migrations


def fold_domains(apps, schema_editor):
    from accounts.models import normalize_email

    User = apps.get_model("accounts", "User")
    for user in User.objects.exclude(email__regex=r"^[\x00-\x7f]*$"):
        folded = normalize_email(user.email)
        if folded != user.email and not User.objects.filter(email=folded).exists():
            User.objects.filter(pk=user.pk).update(email=folded)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_consultants_group")]

    operations = [migrations.RunPython(fold_domains, migrations.RunPython.noop)]
