"""Imports use what the file knows (issue #21): billable entries and entries for a client are
the founder's core work, the project gives the area where it can, and the preview says why.
Billable client coaching from a Toggl export is never advised to a virtual assistant."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tasks.models import Task
from tasks.tests.test_import_view import choices
from tasks.time_audit import Entry, project_area, what_the_file_knows

TOGGL = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
    "End time,Duration,Tags,Amount (EUR)\n"
)


def _toggl_week(monday: int) -> str:
    days = [f"2026-10-{monday + offset:02}" for offset in range(5)]
    rows = []
    for day in days:
        rows.append(
            f"Ana,a@x.org,ACME,Coaching,,Client coaching,Yes,{day},09:00:00,{day},"
            "11:00:00,02:00:00,,300"
        )
        rows.append(
            f"Ana,a@x.org,,Marketing,,Instagram posts,No,{day},14:00:00,{day},15:00:00,01:00:00,,"
        )
        rows.append(f"Ana,a@x.org,,,,Inbox,No,{day},08:00:00,{day},09:00:00,01:00:00,,")
    return "\n".join(rows) + "\n"


def test_billable_client_work_is_core_and_says_why():
    coaching = [Entry("Client coaching", None, 2, billable=True, client="ACME", project="Coaching")]
    assert what_the_file_knows(coaching) == (True, "other", (("billable client work: yours", ()),))
    assert what_the_file_knows([Entry("x", None, 1, client="ACME")])[0] is True
    assert what_the_file_knows([Entry("x", None, 1, billable=True)])[0] is True
    # Not billable, no client: the file says nothing about core (not rated, never "no").
    assert what_the_file_knows([Entry("x", None, 1)])[0] is None


def test_the_project_gives_the_area_where_it_can():
    assert project_area("Marketing 2026") == "marketing"
    assert project_area("Buchhaltung") == "finance"
    assert project_area("Vertrieb Nord") == "sales"
    assert project_area("Project A") is None


def test_billable_coaching_from_toggl_is_never_advised_to_a_va(alice_client, alice):
    # Over capacity on purpose: 20 h of imported work a week on top of a full plate.
    alice.profile.weekly_capacity = 10
    alice.profile.save()
    text = TOGGL + _toggl_week(5) + _toggl_week(12) + _toggl_week(19)
    upload = SimpleUploadedFile("toggl.csv", text.encode())
    assert alice_client.post("/tasks/import/", {"file": upload}).status_code == 302
    preview = alice_client.get("/tasks/import/preview/")
    page = preview.content.decode()
    assert "billable client work: yours" in page
    assert 'project "Marketing": area' in page.replace("&quot;", '"')
    rows = {row.title: row for row in preview.context["stored"]["rows"]}
    assert rows["Client coaching"].core and rows["Instagram posts"].area == "marketing"
    assert not rows["Inbox"].core
    alice_client.post("/tasks/import/preview/", choices(preview))
    coaching = Task.objects.get(owner=alice, title="Client coaching")
    assert coaching.core and coaching.hours_per_week == 10
    assert coaching.category_id not in ("time", "smart") and not coaching.goes_to_virtual_assistant
    # The non-billable entries stay unrated, so the catalogue's suggestion speaks for them.
    inbox = Task.objects.get(owner=alice, title="Inbox")
    assert inbox.core is None and inbox.catalogue_key == "inbox" and not inbox.is_core
    assert inbox.suggestion is not None and inbox.reasons[-1]["code"] == "suggested"


def test_a_german_founder_reads_why_in_german(alice_client, alice):
    alice.profile.language = "de"
    alice.profile.save()
    upload = SimpleUploadedFile("toggl.csv", (TOGGL + _toggl_week(5)).encode())
    alice_client.post("/tasks/import/", {"file": upload})
    page = alice_client.get("/tasks/import/preview/").content.decode()
    assert "abrechenbare Kundenarbeit: bleibt bei dir" in page
