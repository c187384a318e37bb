"""The digest's next slot and the news email's hour are their apps' rows now (digest 0006, sops
0008 copy them first): the profile keeps only what the founder chooses."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0007_data_version'),
        ('digest', '0006_digest_slot'),
        ('sops', '0008_news_hour'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='profile',
            name='next_digest_at',
        ),
        migrations.RemoveField(
            model_name='profile',
            name='notified_at',
        ),
    ]
