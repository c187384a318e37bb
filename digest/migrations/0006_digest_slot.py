"""The digest's next slot moves from accounts.Profile to a row of its own, with the schedule it
was planned for; the copy keeps every founder's plan (an empty one stays "not computed").
accounts 0008 removes the profile's column after this copy."""

import itertools

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from accounts.cascade import founder_cascade


def copy_slots(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    DigestSlot = apps.get_model("digest", "DigestSlot")
    profiles = Profile.objects.values_list(
        "user_id", "next_digest_at", "digest_weekday", "digest_hour", "time_zone"
    )
    rows = (
        DigestSlot(founder_id=user_id, next_digest_at=at, weekday=day, hour=hour, time_zone=zone)
        for user_id, at, day, hour, zone in profiles.iterator(chunk_size=2000)
    )
    while batch := list(itertools.islice(rows, 2000)):
        DigestSlot.objects.bulk_create(batch)


def copy_back(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    DigestSlot = apps.get_model("digest", "DigestSlot")
    for founder_id, at in DigestSlot.objects.values_list("founder_id", "next_digest_at"):
        Profile.objects.filter(user_id=founder_id).update(next_digest_at=at)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0007_data_version'),
        ('digest', '0005_fenced_at'),
    ]

    operations = [
        migrations.CreateModel(
            name='DigestSlot',
            fields=[
                ('founder', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='digest_slot', serialize=False, to=settings.AUTH_USER_MODEL, verbose_name='founder')),
                ('next_digest_at', models.DateTimeField(blank=True, null=True, verbose_name='next digest at')),
                ('weekday', models.PositiveSmallIntegerField(verbose_name='digest weekday')),
                ('hour', models.PositiveSmallIntegerField(verbose_name='digest hour')),
                ('time_zone', models.CharField(max_length=64, verbose_name='time zone')),
            ],
            options={
                'verbose_name': 'digest slot',
                'verbose_name_plural': 'digest slots',
            },
        ),
        migrations.RunPython(founder_cascade('digest_digestslot'), migrations.RunPython.noop),
        migrations.RunPython(copy_slots, copy_back),
    ]
