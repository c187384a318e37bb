"""The "heard back" email's hour moves from accounts.Profile to a row of its own (only founders
who were ever sent one get a row: no row is "never sent"). accounts 0008 removes the
profile's column after this copy."""

import itertools

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from accounts.cascade import founder_cascade


def copy_hours(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    NewsHour = apps.get_model("sops", "NewsHour")
    sent = Profile.objects.filter(notified_at__isnull=False).values_list("user_id", "notified_at")
    rows = (NewsHour(founder_id=user_id, notified_at=at) for user_id, at in sent.iterator())
    while batch := list(itertools.islice(rows, 2000)):
        NewsHour.objects.bulk_create(batch)


def copy_back(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    NewsHour = apps.get_model("sops", "NewsHour")
    for founder_id, at in NewsHour.objects.values_list("founder_id", "notified_at"):
        Profile.objects.filter(user_id=founder_id).update(notified_at=at)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0007_data_version'),
        ('sops', '0007_merge_0005_fuzz_template_authors_0006_loop_labels'),
    ]

    operations = [
        migrations.CreateModel(
            name='NewsHour',
            fields=[
                ('founder', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='news_hour', serialize=False, to=settings.AUTH_USER_MODEL, verbose_name='founder')),
                ('notified_at', models.DateTimeField(blank=True, null=True, verbose_name='last news email at')),
            ],
            options={
                'verbose_name': 'news email hour',
                'verbose_name_plural': 'news email hours',
            },
        ),
        migrations.RunPython(founder_cascade('sops_newshour'), migrations.RunPython.noop),
        migrations.RunPython(copy_hours, copy_back),
    ]
