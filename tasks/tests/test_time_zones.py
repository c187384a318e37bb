"""Every time shown is in the viewer's time zone: a founder in Pacific/Auckland (UTC+13 in
November) sees tomorrow's date where UTC still says today."""

from datetime import UTC, datetime

from django.test import Client
from django.utils import timezone

from accounts.models import Profile
from sops import services as sops_services
from sops.models import HandoverLink
from sops.tests.factories import published_va_task
from tasks.models import Task
from tasks.tests.factories import make_delegate, make_task

LATE_EVENING_UTC = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)  # 28 Nov, 12:30 in Auckland


def test_an_override_shows_in_the_founders_zone(alice_client, alice):
    Profile.objects.filter(user=alice).update(time_zone="Pacific/Auckland")
    task = make_task(alice)
    alice_client.post(f"/tasks/{task.pk}/override/", {"category": "keep", "reason": "Clients"})
    Task.objects.filter(pk=task.pk).update(override_at=LATE_EVENING_UTC)
    task.override_records.update(at=LATE_EVENING_UTC)
    page = alice_client.get(f"/tasks/{task.pk}/").content.decode()
    assert "11/28/2026 12:30 p.m." in page
    assert "11/27/2026" not in page


def test_a_links_expiry_shows_in_the_founders_zone(alice_client, alice):
    Profile.objects.filter(user=alice).update(time_zone="Pacific/Auckland")
    _task, instruction, _version = published_va_task(alice)
    link = sops_services.handover_link_create(
        instruction=instruction, delegate=make_delegate(alice)
    )
    HandoverLink.objects.filter(pk=link.pk).update(
        expires_at=datetime(2026, 12, 31, 11, 30, tzinfo=UTC)  # 1 Jan 2027, 00:30 in Auckland
    )
    page = alice_client.get(f"/instructions/{instruction.pk}/").content.decode()
    assert "valid until 01/01/2027" in page


def test_the_zone_is_the_viewers_and_does_not_leak_into_the_next_request(alice_client, alice):
    Profile.objects.filter(user=alice).update(time_zone="Pacific/Auckland")
    task = make_task(alice, title="Annual accounts", recurring=False, skill=1)
    make_delegate(alice, kind="specialist")
    today_auckland = timezone.now().astimezone(timezone.get_fixed_timezone(13 * 60)).date()
    page = alice_client.get(f"/tasks/{task.pk}/").content.decode()
    assert f'value="{today_auckland:%Y-%m-%d}"' in page
    assert timezone.get_current_timezone_name() == "UTC"  # reset after the request


def test_the_same_moment_reads_differently_for_two_founders(alice_client, alice, charlie):
    Profile.objects.filter(user=alice).update(time_zone="Pacific/Auckland")
    Profile.objects.filter(user=charlie).update(time_zone="America/Los_Angeles")
    for founder in (alice, charlie):
        task = make_task(founder, title=f"{founder.email} task")
        Task.objects.filter(pk=task.pk).update(
            override_category_id="keep", override_at=LATE_EVENING_UTC, override_by=founder
        )
    client = Client()
    client.force_login(charlie)
    theirs = Task.objects.get(owner=charlie)
    page = client.get(f"/tasks/{theirs.pk}/").content.decode()
    assert "11/27/2026 3:30 p.m." in page  # UTC−8
    mine = Task.objects.get(owner=alice)
    assert "11/28/2026 12:30 p.m." in alice_client.get(f"/tasks/{mine.pk}/").content.decode()
