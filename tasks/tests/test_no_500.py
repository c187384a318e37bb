"""The founder-reachable causes of a 500 in security issue #19, each answered with a 4xx or
a message, fixed at the root: one id parser, one safe "next" redirect, numbers in ASCII
digits only, and every text stripped of control and bidi characters."""

import pytest

from accounts.inputs import parse_id
from tasks.models import Task
from tasks.tests.factories import make_task

QUICK = {"title": "Tax return", "time_amount": "8", "time_unit": "year"}


@pytest.mark.parametrize("junk", ["²", "٣", "1_0", " 1", "-1", "99999999999999999999", ""])
def test_an_id_is_ascii_digits_only(junk):
    assert parse_id(junk) is None
    assert parse_id("0042") == 42


@pytest.mark.parametrize("junk", ["²", "٣"])
def test_bulk_ids_that_are_no_ids_choose_nothing(alice_client, alice, junk):
    make_task(alice, title="Three")  # pk may well be 3: "٣" must not pick it
    response = alice_client.post("/tasks/bulk/", {"action": "done", "ids": junk})
    assert response.status_code == 302
    page = alice_client.get(response["Location"]).content.decode()
    assert "Choose at least one task." in page
    assert not Task.objects.filter(status=Task.DONE).exists()


@pytest.mark.parametrize("target", ["abc", "dashboard", "//evil.example/", "/\\evil.example"])
def test_quick_capture_with_a_next_that_is_no_path_goes_to_the_dashboard(
    alice_client, alice, target
):
    response = alice_client.post("/tasks/quick/", {**QUICK, "next": target})
    assert response.status_code == 302 and response["Location"] == "/"
    assert Task.objects.filter(owner=alice).count() == 1


def test_task_details_with_a_next_that_is_no_path_go_to_the_dashboard(alice_client, alice):
    task = make_task(alice, title="Inbox")
    data = {f"task-{task.pk}-area": "admin", "next": "abc"}
    response = alice_client.post(f"/tasks/{task.pk}/details/", data)
    assert response.status_code == 302 and response["Location"] == "/"


def test_a_path_on_this_site_is_where_quick_capture_goes_back_to(alice_client, alice):
    response = alice_client.post("/tasks/quick/", {**QUICK, "next": "/tasks/?sort=title"})
    assert response["Location"] == "/tasks/?sort=title"


@pytest.mark.parametrize("number", ["1_0", "\u0661", "1e1", "NaN", "Infinity", "\u0663,5"])
def test_quick_capture_takes_numbers_in_ascii_digits_only(alice_client, alice, number):
    response = alice_client.post("/tasks/quick/", {**QUICK, "time_amount": number, "next": "/"})
    assert response.status_code == 400
    assert "Enter a number." in response.content.decode()
    assert not Task.objects.exists()


def test_a_german_founder_reads_the_number_message_in_german(alice_client, alice):
    alice.profile.language = "de"
    alice.profile.save()
    response = alice_client.post("/tasks/quick/", {**QUICK, "time_amount": "1e1", "next": "/"})
    assert "Gib eine Zahl ein." in response.content.decode()


def test_a_german_decimal_comma_still_counts(alice_client, alice):
    response = alice_client.post("/tasks/quick/", {**QUICK, "time_amount": "2,5", "next": "/"})
    assert response.status_code == 302


def test_a_huge_number_is_the_fields_problem(alice_client, alice):
    response = alice_client.post("/tasks/quick/", {**QUICK, "time_amount": "9" * 20})
    assert response.status_code == 400
    assert "no more than 7 digits" in response.content.decode()


def test_control_and_bidi_characters_are_stripped_from_titles(alice_client, alice):
    title = "\x1b[31mInvoice\x07 \u202egnp.exe\u2066"
    alice_client.post("/tasks/quick/", {**QUICK, "title": title, "next": "/"})
    assert Task.objects.get(owner=alice).title == "[31mInvoice gnp.exe"


def test_line_breaks_and_tabs_stay_in_notes(alice, bob):
    from tasks.models import TaskNote

    task = make_task(alice, title="Inbox")
    note = TaskNote.objects.create(task=task, author=bob, text="One\n\tTwo\x00\u202e")
    note.refresh_from_db()
    assert note.text == "One\n\tTwo"
