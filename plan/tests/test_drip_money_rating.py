"""The founder rates what an hour of a task is worth, $ to $$$$ (Martell's time and energy
audit); the DRIP matrix places by that rating, and only an unrated task by the suggestion
from its route's market rate, marked as one.

By hand (tasks/tests/money_support.py, an hour worth €45): Customer emails goes to a VA at
€15 → $$ suggested; with enjoyment 3 it drains → Delegation. Rated $$$$ by the founder it
earns well → Replacement. Data entry rated $ with enjoyment 5 → Investment. A task whose
enjoyment is not rated is placed nowhere and says why.
"""

import re

from tasks.models import Task
from tasks.tests.money_support import money_founder


def _row(html, pk):
    return re.search(rf'data-drip-row="{pk}">.*?</tr>', html, re.S).group(0)


def test_the_founders_money_rating_places_the_task_and_the_suggestion_says_so(alice_client, alice):
    tasks = money_founder(alice)
    emails, data_entry = tasks["Customer emails"], tasks["Data entry"]
    Task.objects.filter(pk__in=[emails.pk, data_entry.pk]).update(enjoyment=3)
    html = alice_client.get("/plan/drip/").content.decode()
    row = _row(html, emails.pk)
    assert "<td data-drip-quadrant>Delegation</td>" in row
    assert "$$ <span" in row and "data-suggested" in row

    # Quick edit on the list: the rating is saved with the rest of the row.
    response = alice_client.post(
        f"/tasks/{emails.pk}/quick-edit/",
        {"hours_per_week": "5", "skill": "3", "enjoyment": "3", "money_rating": "4"},
    )
    assert response.status_code == 302
    assert Task.objects.get(pk=emails.pk).money_rating == 4
    # The task form too.
    form = alice_client.get(f"/tasks/{data_entry.pk}/edit/").content.decode()
    assert 'name="money_rating"' in form and "$$$$ – the most" in form
    data = {
        "title": "Data entry",
        "area": "admin",
        "time_amount": "4",
        "time_unit": "week",
        "skill": "3",
        "enjoyment": "5",
        "money_rating": "1",
        "outcome": "route",
    }
    assert alice_client.post(f"/tasks/{data_entry.pk}/edit/", data).status_code == 302
    assert Task.objects.get(pk=data_entry.pk).money_rating == 1

    html = alice_client.get("/plan/drip/").content.decode()
    row = _row(html, emails.pk)
    assert "<td data-drip-quadrant>Replacement</td>" in row
    assert "$$$$ <span" in row and "data-suggested" not in row and "your rating" in row
    assert "<td data-drip-quadrant>Investment</td>" in _row(html, data_entry.pk)


def test_a_task_without_an_enjoyment_rating_is_placed_nowhere(alice_client, alice):
    tasks = money_founder(alice)
    Task.objects.filter(pk=tasks["Podcast editing"].pk).update(enjoyment=None)
    html = alice_client.get("/plan/drip/").content.decode()
    assert "<td data-drip-quadrant>not placed</td>" in _row(html, tasks["Podcast editing"].pk)
    unplaced = re.search(r"<p[^>]*data-unplaced>.*?</p>", html, re.S).group(0)
    assert "Podcast editing" in unplaced


def test_an_out_of_range_money_rating_is_refused_in_the_users_language(alice_client, alice):
    tasks = money_founder(alice, language="de")
    alice_client.cookies["django_language"] = "de"
    pk = tasks["Customer emails"].pk
    response = alice_client.post(
        f"/tasks/{pk}/quick-edit/",
        {"hours_per_week": "5", "skill": "3", "enjoyment": "3", "money_rating": "9"},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 400
    assert "Geldwert" in response.content.decode()
    assert Task.objects.get(pk=pk).money_rating is None
    drip = alice_client.get("/plan/drip/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Vorschlag" in drip
