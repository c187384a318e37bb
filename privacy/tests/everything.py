"""A founder with one of every kind of data, made through the services where they exist."""

from datetime import timedelta

from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from consultants import consulting
from consultants.models import ConsultantInvite
from digest import services as digest_services
from digest.models import WeeklyDigest
from privacy.models import DataExport
from sops import services as sops_services
from sops import threads
from sops.models import NewsHour
from sops.tests.factories import published_va_task
from tasks import services as task_services
from tasks.models import Task
from tasks.tests.factories import make_delegate


def give_everything(founder, consultant) -> dict:
    """Every kind of row a founder can have, with `consultant` as their coach."""
    task, instruction, version = published_va_task(founder, title="Invoices for Müller GmbH")
    delegate = make_delegate(founder, name="Maria", email="maria@example.com")
    task_services.delegation_start(task=task, delegate=delegate, start_date=timezone.localdate())
    task_services.task_override(task=task, category="time", reason="I hate it", by=consultant)
    link = sops_services.handover_link_create(instruction=instruction, delegate=delegate)
    sops_services.handover_acknowledge(link=link, version=version)
    run = sops_services.run_record(
        version=version,
        performed_on=timezone.localdate(),
        performed_by="Maria",
        checked_steps=[0, 1],
        minutes=25,
        notes="Two invoices were late",
        link=link,
    )
    threads.question_ask(link=link, text="Which folder?", run_id=run.pk)
    threads.question_answer(link=link, text="The blue one", run_id=run.pk)
    consulting.task_note_add(task=task, author=consultant, text="Batch these on Fridays")
    consulting.change_record(
        founder=founder, by=consultant, kind="task", label=task.title, fields=["hours_per_week"]
    )
    now = timezone.now()
    ConsultantInvite.objects.create(
        consultant=consultant,
        email=founder.email,
        token="invite-" + founder.email,
        expires_at=now + timedelta(days=7),
        state=ConsultantInvite.ACCEPTED,
        answered_at=now - timedelta(days=1),
        founder=founder,
    )
    founder.profile.consultants.add(consultant)
    WeeklyDigest.objects.create(
        founder=founder,
        iso_year=2026,
        iso_week=40,
        state=WeeklyDigest.SENT,
        claimed_at=now,
        sent_at=now,
        hours_delegated=5,
    )
    # The digest plans the founder's next one (a slot row); the news email's hour is taken.
    digest_services.digests_claim(founder_ids=[founder.pk], now=now)
    NewsHour.objects.create(founder=founder, notified_at=now)
    LogEntry.objects.create(
        user=founder,
        content_type=ContentType.objects.get_for_model(Task),
        object_id=str(task.pk),
        object_repr=task.title,
        action_flag=ADDITION,
    )
    # The API app sits beside this one (not below it): its rows are made by name.
    apps.get_model("api", "AccessToken").objects.create(
        founder=founder,
        name="Zapier",
        scope="read_write",
        prefix="bbt_x",
        key_hash=f"token-{founder.pk}",
        last_used_at=now,
    )
    apps.get_model("api", "CalendarFeed").objects.create(
        founder=founder, key_hash=f"feed-{founder.pk}"
    )
    DataExport.objects.create(founder=founder, created_at=now - timedelta(days=2))
    return {"task": task, "instruction": instruction, "version": version, "link": link}
