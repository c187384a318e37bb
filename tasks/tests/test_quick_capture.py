"""Quick capture: a title and the time add a task; the rest is filled in where it appeared."""

from decimal import Decimal

from tasks.models import Task

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_dashboard_shows_the_quick_capture_form(alice_client):
    page = alice_client.get("/").content.decode()
    assert 'id="quick-capture-form"' in page
    assert "vendor/htmx/htmx.min.js" in page


def test_a_title_and_the_time_add_an_unrated_task_with_no_reason_nobody_gave(alice_client, alice):
    data = {"title": "Walk the dog", "time_amount": "8", "time_unit": "year", "next": "/"}
    response = alice_client.post("/tasks/quick/", data)
    assert response.status_code == 302 and response["Location"] == "/"
    task = Task.objects.get(owner=alice)
    assert (task.area, task.skill, task.enjoyment, task.core) == ("other", None, None, None)
    assert task.hours_per_week == Decimal("0.15")
    assert task.reasons == [{"code": "not_rated", "params": {}}]


def test_a_title_the_catalogue_knows_takes_its_suggestions_not_the_founders_ratings(
    alice_client, alice
):
    data = {"title": "Tax return", "time_amount": "8", "time_unit": "year", "next": "/"}
    alice_client.post("/tasks/quick/", data)
    task = Task.objects.get(owner=alice)
    assert (task.area, task.skill, task.enjoyment, task.core) == ("finance", None, None, None)
    assert (task.catalogue_key, task.suggested_skill, task.suggested_core) == (
        "tax_return",
        2,
        False,
    )
    assert (task.category_id, task.route) == ("skill", "specialist")
    assert task.reasons[0]["params"]["suggested"] == "tax_return"


def test_with_htmx_the_answer_is_the_classified_task_and_a_fresh_form(alice_client, alice):
    data = {"title": "Inbox", "time_amount": "1", "time_unit": "day"}
    response = alice_client.post("/tasks/quick/", data, **HTMX)
    page = response.content.decode()
    task = Task.objects.get(owner=alice)
    assert response.status_code == 200
    assert f'id="quick-task-{task.pk}"' in page
    # How often decides recurring; the catalogue suggests routine work anyone can do.
    assert 'data-category="time"' in page
    assert "typical for inbox triage — rate it to make it yours" in page
    assert 'data-hx-swap-oob="true"' in page and 'value="Inbox"' not in page


def test_a_bad_quick_capture_names_the_field_and_adds_nothing(alice_client, alice):
    data = {"title": "", "time_amount": "lots", "time_unit": "week", "next": "/"}
    response = alice_client.post("/tasks/quick/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in page and "Enter a number." in page
    assert not Task.objects.exists()


def test_with_htmx_a_bad_quick_capture_swaps_the_form_with_its_errors(alice_client, alice):
    data = {"title": "Inbox", "time_amount": "40", "time_unit": "day"}
    response = alice_client.post("/tasks/quick/", data, **HTMX)
    assert response["HX-Retarget"] == "#quick-capture-form"
    assert "more than the 168 hours of a week" in response.content.decode()
    assert not Task.objects.exists()


def test_an_outside_next_goes_to_the_dashboard(alice_client, alice):
    data = {"title": "X", "time_amount": "1", "time_unit": "week", "next": "https://evil.example/"}
    assert alice_client.post("/tasks/quick/", data)["Location"] == "/"


def test_the_details_reclassify_the_task_in_place(alice_client, alice):
    alice_client.post("/tasks/quick/", {"title": "Inbox", "time_amount": "5", "time_unit": "week"})
    task = Task.objects.get(owner=alice)
    prefix = f"task-{task.pk}-"
    details = {
        prefix + "area": "admin",
        prefix + "recurring": "on",
        prefix + "skill": "4",
        prefix + "enjoyment": "1",
    }
    response = alice_client.post(f"/tasks/{task.pk}/details/", details, **HTMX)
    task.refresh_from_db()
    assert (task.category_id, task.route) == ("smart", "virtual_assistant")
    assert task.hours_per_week == Decimal("5")  # the time is left as it was
    page = response.content.decode()
    assert "enjoyment 1 ≤ your" in page and "data-saved" in page


def test_bad_details_are_named_and_change_nothing(alice_client, alice):
    alice_client.post("/tasks/quick/", {"title": "Inbox", "time_amount": "5", "time_unit": "week"})
    task = Task.objects.get(owner=alice)
    bad = {f"task-{task.pk}-area": "astrology", f"task-{task.pk}-skill": "9"}
    response = alice_client.post(f"/tasks/{task.pk}/details/", bad)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    task.refresh_from_db()
    assert (task.area, task.skill) == ("admin", None)  # the catalogue's area for an inbox


def test_someone_elses_task_is_a_404(alice_client, charlie):
    from tasks.tests.factories import make_task

    task = make_task(charlie)
    response = alice_client.post(f"/tasks/{task.pk}/details/", {f"task-{task.pk}-area": "admin"})
    assert response.status_code == 404


def test_the_quick_capture_needs_a_login(client, db):
    response = client.post("/tasks/quick/", {"title": "X", "time_amount": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
