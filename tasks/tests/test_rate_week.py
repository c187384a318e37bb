"""Rate your week in a minute: the unrated tasks on one page, saved row by row."""

from decimal import Decimal

from tasks import services
from tasks.models import Task

HTMX = {"HTTP_HX_REQUEST": "true"}


def quick(owner, title, amount="2", unit="week"):
    return services.task_create(
        owner=owner, title=title, time_amount=Decimal(amount), time_unit=unit
    )


def test_the_page_lists_unrated_tasks_with_the_suggestion_preselected(alice_client, alice):
    taxes = quick(alice, "Tax return", "16", "year")
    rated = services.task_create(
        owner=alice, title="Rated", hours_per_week=Decimal("1"), skill=3, enjoyment=3, core=False
    )
    page = alice_client.get("/tasks/rate/").content.decode()
    assert f'id="rate-{taxes.pk}"' in page and f'id="rate-{rated.pk}"' not in page
    # The catalogue's skill for a tax adviser's job is chosen; nothing invents enjoyment.
    assert f'name="rate-{taxes.pk}-skill" id="id_rate-{taxes.pk}-skill_1" value="2" checked' in page
    assert f'name="rate-{taxes.pk}-enjoyment"' in page and 'value="1" checked' not in page
    assert "typical for tax return — rate it to make it yours" in page
    assert 'role="radiogroup"' in page and 'role="switch"' in page


def test_a_row_saves_with_htmx_and_comes_back_reclassified(alice_client, alice):
    task = quick(alice, "Inbox triage", "1", "day")
    prefix = f"rate-{task.pk}-"
    data = {prefix + "skill": "4", prefix + "enjoyment": "1"}
    response = alice_client.post(f"/tasks/{task.pk}/rate/", data, **HTMX)
    assert response.status_code == 200
    task.refresh_from_db()
    assert (task.skill, task.enjoyment, task.core) == (4, 1, False)
    assert task.category_id == "smart"
    page = response.content.decode()
    assert "data-saved" in page and 'data-category="smart"' in page


def test_without_javascript_a_row_is_a_plain_form(alice_client, alice):
    task = quick(alice, "Coaching sessions", "10", "week")
    prefix = f"rate-{task.pk}-"
    data = {prefix + "skill": "5", prefix + "enjoyment": "5", prefix + "core": "on"}
    response = alice_client.post(f"/tasks/{task.pk}/rate/", data)
    assert response.status_code == 302 and response["Location"] == "/tasks/rate/"
    task.refresh_from_db()
    assert (task.skill, task.enjoyment, task.core, task.category_id) == (5, 5, True, "keep")


def test_a_bad_rating_is_refused_and_nothing_is_saved(alice_client, alice):
    task = quick(alice, "Inbox triage", "1", "day")
    response = alice_client.post(f"/tasks/{task.pk}/rate/", {f"rate-{task.pk}-skill": "9"}, **HTMX)
    assert response.status_code == 400
    assert Task.objects.get(pk=task.pk).skill is None


def test_someone_elses_task_cannot_be_rated(client, alice, bob):
    task = quick(alice, "Inbox triage", "1", "day")
    client.force_login(bob)
    response = client.post(f"/tasks/{task.pk}/rate/", {f"rate-{task.pk}-skill": "1"})
    assert response.status_code == 404
    assert Task.objects.get(pk=task.pk).skill is None


def test_with_everything_rated_the_page_says_so(alice_client, alice):
    assert "data-rate-empty" in alice_client.get("/tasks/rate/").content.decode()
