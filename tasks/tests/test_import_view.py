"""Import with a preview: upload → preview (nothing written) → one confirmation."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tasks.models import Task
from tasks.tests.factories import make_task

FILES = Path(__file__).parent / "files"
GOOD = (
    "Titel;Bereich;Stunden pro Woche;wiederkehrend;Können;Freude;Kerntätigkeit\n"
    "Posteingang sortieren;admin;5;ja;4;3;nein\n"
    "Jahresabschluss;finance;3;nein;1;3;nein\n"
)
BAD = (
    "title,area,hours_per_week,recurring,skill,enjoyment,core\n"
    "Inbox triage,admin,5,yes,4,3,no\n"
    "Bookkeeping,finance,lots,yes,7,3,no\n"
)


def _upload(content, name="tasks.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


def upload(client, content, name="tasks.csv"):
    return client.post("/tasks/import/", {"file": _upload(content, name)})


def choices(response, **changes) -> dict:
    """The preview's form as the browser would send it, with `changes` on top."""
    formset = response.context["formset"]
    data = {"token": response.context["stored"]["token"]}
    for key in formset.management_form.fields:
        data[f"form-{key}"] = formset.management_form[key].value()
    for form in formset.forms:
        for name in form.fields:
            value = form[name].value()
            if value not in (None, False, ""):
                data[form[name].html_name] = "on" if value is True else value
    return data | changes


def test_an_upload_shows_a_preview_and_writes_nothing(alice_client, alice):
    response = upload(alice_client, GOOD)
    assert response.status_code == 302 and response["Location"] == "/tasks/import/preview/"
    preview = alice_client.get("/tasks/import/preview/")
    page = preview.content.decode()
    assert "Posteingang sortieren" in page and "Jahresabschluss" in page
    assert not Task.objects.filter(owner=alice).exists()


def test_the_confirmation_creates_the_tasks_in_one_go(alice_client, alice):
    upload(alice_client, GOOD)
    preview = alice_client.get("/tasks/import/preview/")
    response = alice_client.post("/tasks/import/preview/", choices(preview))
    assert response.status_code == 302 and response["Location"] == "/"
    tasks = dict(Task.objects.filter(owner=alice).values_list("title", "category_id"))
    assert tasks == {"Posteingang sortieren": "time", "Jahresabschluss": "skill"}
    # The preview is used up: confirming again changes nothing.
    assert alice_client.get("/tasks/import/preview/").status_code == 302


def test_a_matching_title_is_skipped_or_updated_never_duplicated(alice_client, alice):
    make_task(
        alice, title="posteingang  SORTIEREN", hours_per_week=Decimal(1), skill=2, recurring=False
    )
    upload(alice_client, GOOD)
    preview = alice_client.get("/tasks/import/preview/")
    assert "already on your list" in preview.content.decode()
    # By default the match is skipped.
    alice_client.post("/tasks/import/preview/", choices(preview))
    assert Task.objects.filter(owner=alice).count() == 2
    assert Task.objects.get(title__iexact="posteingang  sortieren").hours_per_week == 1
    # Chosen "update": the founder's values stay, the file's ratings fill the unrated ones.
    upload(alice_client, GOOD)
    preview = alice_client.get("/tasks/import/preview/")
    alice_client.post("/tasks/import/preview/", choices(preview, **{"form-0-action": "import"}))
    assert Task.objects.filter(owner=alice).count() == 2
    task = Task.objects.get(title__iexact="posteingang  sortieren")
    assert (task.hours_per_week, task.skill, task.recurring) == (Decimal(1), 4, False)
    # Ticked, the file's time and "recurring" replace the founder's.
    upload(alice_client, GOOD)
    preview = alice_client.get("/tasks/import/preview/")
    ticked = {"form-0-action": "import", "form-0-take": ["hours", "recurring"]}
    alice_client.post("/tasks/import/preview/", choices(preview, **ticked))
    task = Task.objects.get(title__iexact="posteingang  sortieren")
    assert (task.hours_per_week, task.skill, task.recurring) == (Decimal(5), 4, True)


def test_two_confirmations_of_one_preview_do_not_duplicate(alice_client, alice):
    upload(alice_client, GOOD)
    preview = alice_client.get("/tasks/import/preview/")
    data = choices(preview)
    alice_client.post("/tasks/import/preview/", data)
    second = alice_client.post("/tasks/import/preview/", data)
    assert second.status_code == 302
    assert Task.objects.filter(owner=alice).count() == 2


def test_a_stale_token_writes_nothing(alice_client, alice):
    upload(alice_client, GOOD)
    preview = alice_client.get("/tasks/import/preview/")
    response = alice_client.post("/tasks/import/preview/", choices(preview, token="forged"))
    assert response.status_code == 302 and response["Location"] == "/tasks/import/"
    assert not Task.objects.filter(owner=alice).exists()


def test_a_tampered_form_count_or_choice_writes_nothing(alice_client, alice):
    upload(alice_client, GOOD)
    preview = alice_client.get("/tasks/import/preview/")
    for tampered in ({"form-TOTAL_FORMS": "3"}, {"form-1-skill": "9"}, {"form-0-area": "x"}):
        response = alice_client.post("/tasks/import/preview/", choices(preview, **tampered))
        assert response.status_code == 400
    assert not Task.objects.filter(owner=alice).exists()


def test_the_founder_rates_in_the_preview(alice_client, alice):
    text = "title,area,hours_per_week,recurring,skill,enjoyment,core\nInbox,admin,5,yes,,,no\n"
    upload(alice_client, text)
    preview = alice_client.get("/tasks/import/preview/")
    alice_client.post("/tasks/import/preview/", choices(preview, **{"form-0-enjoyment": "1"}))
    task = Task.objects.get(owner=alice)
    assert (task.skill, task.enjoyment, task.category_id) == (None, 1, "smart")


def test_cancel_forgets_the_upload(alice_client, alice):
    upload(alice_client, GOOD)
    alice_client.post("/tasks/import/cancel/")
    assert alice_client.get("/tasks/import/preview/")["Location"] == "/tasks/import/"
    assert not Task.objects.filter(owner=alice).exists()


def test_a_bad_row_imports_nothing_and_names_row_and_column(alice_client, alice):
    response = upload(alice_client, BAD)
    page = response.content.decode()
    assert response.status_code == 400
    assert "row 2 (line 3), column hours_per_week" in page
    assert "row 2 (line 3), column skill" in page
    assert not Task.objects.filter(owner=alice).exists()


def test_the_same_title_twice_in_a_file_is_a_problem(alice_client, alice):
    text = GOOD + "posteingang Sortieren;admin;1;ja;4;3;nein\n"
    page = upload(alice_client, text).content.decode()
    assert "row 3" in page and "the same title as row 1" in page


def test_a_missing_column_is_named(alice_client, alice):
    response = upload(alice_client, "title,area\nX,admin\n")
    assert response.status_code == 400
    assert "hours_per_week" in response.content.decode()


def test_a_german_founder_reads_the_problems_in_german(alice_client, alice):
    alice.profile.language = "de"
    alice.profile.save()
    page = upload(alice_client, BAD).content.decode()
    assert "Aufgabe 2 (Zeile 3), Spalte „hours_per_week“: „lots“ ist keine Zahl" in page
    assert "Es wurde nichts importiert" in page


def test_a_german_file_gets_its_own_column_names_back(alice_client, alice):
    alice.profile.language = "de"
    alice.profile.save()
    bad = GOOD.replace("admin;5;ja", "admin;viel;ja")
    page = upload(alice_client, bad).content.decode()
    assert "Aufgabe 1 (Zeile 2), Spalte „Stunden pro Woche“: „viel“ ist keine Zahl" in page


def test_only_the_first_problems_are_shown_then_how_many_more(alice_client, alice, settings):
    settings.IMPORT_PROBLEMS_SHOWN = 3
    rows = "".join(f"T{i},admin,lots,yes,3,3,no\n" for i in range(10))
    response = upload(
        alice_client, "title,area,hours_per_week,recurring,skill,enjoyment,core\n" + rows
    )
    assert len(response.context["problems"]) == 3
    assert "and 7 more problems" in response.content.decode()


@pytest.mark.parametrize("name", ["tasks-en.csv", "tasks-de.csv"])
def test_the_sample_files_import_cleanly(alice_client, alice, name):
    sample = Path(__file__).parents[2] / "static" / "samples" / name
    assert upload(alice_client, sample.read_bytes(), name).status_code == 302
    preview = alice_client.get("/tasks/import/preview/")
    alice_client.post("/tasks/import/preview/", choices(preview))
    assert Task.objects.filter(owner=alice).count() == 5
    assert Task.objects.filter(owner=alice, skill__isnull=True).count() == 1


def test_the_import_page_links_both_samples(alice_client):
    page = alice_client.get("/tasks/import/").content.decode()
    assert "samples/tasks-en.csv" in page and "samples/tasks-de.csv" in page


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "toggl_detailed.csv",
            {"Inbox triage": ("2.50", True), "Website relaunch": ("1.50", False)},
        ),
        (
            "clockify_detailed.csv",
            {"Bookkeeping": ("2.00", True), "Podcast interview": ("0.38", False)},
        ),
        ("calendar.ics", {"Team call": ("1.00", True), "Payroll": ("0.33", False)}),
    ],
)
def test_trackers_and_calendars_become_proposed_tasks(alice_client, alice, name, expected):
    assert upload(alice_client, (FILES / name).read_bytes(), name).status_code == 302
    preview = alice_client.get("/tasks/import/preview/")
    rows = {row.title: row for row in preview.context["stored"]["rows"]}
    for title, (hours, recurring) in expected.items():
        assert (str(rows[title].hours_per_week), rows[title].recurring) == (hours, recurring)
    assert {row.skill for row in rows.values()} == {None}
    assert not Task.objects.filter(owner=alice).exists()
    alice_client.post("/tasks/import/preview/", choices(preview))
    task = Task.objects.get(owner=alice, title=next(iter(expected)))
    # Nobody rated it: no hate, and a skill gap only as the catalogue's marked suggestion.
    assert task.reasons and "hate" not in [r["code"] for r in task.reasons]
    gaps = [r for r in task.reasons if r["code"] == "skill_gap"]
    assert all(r["params"].get("suggested") for r in gaps)
