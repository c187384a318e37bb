"""Bounded work per request (security issue #8, hole 4) and strict CSV values (hole 7)."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tasks import csv_rows
from tasks.models import Task
from tasks.tests.factories import make_task

HEADER = "title,area,hours_per_week,recurring,skill,enjoyment,core\n"


def _csv(rows: int, hours="2") -> str:
    return HEADER + "".join(f"Task {i},admin,{hours},yes,3,3,no\n" for i in range(rows))


def _upload(text):
    return SimpleUploadedFile("t.csv", text.encode(), content_type="text/csv")


def test_a_file_with_too_many_rows_is_refused_before_the_rest_is_parsed():
    # Row 4 is broken CSV (an unterminated quote): refused on row count before it is read.
    text = _csv(3) + 'x,admin,"1,yes,3,3,no\n' * 3
    with pytest.raises(csv_rows.CsvError) as caught:
        csv_rows.parse_tasks(io.StringIO(text), max_rows=2)
    assert [p.render() for p in caught.value.problems] == [
        "the file has more than 2 tasks; import at most 2 at a time"
    ]


def test_the_web_import_refuses_more_rows_than_the_setting(alice_client, alice, settings):
    settings.IMPORT_MAX_ROWS = 5
    response = alice_client.post("/tasks/import/", {"file": _upload(_csv(6))})
    assert response.status_code == 400
    assert "more than 5 tasks" in response.content.decode()
    assert not Task.objects.filter(owner=alice).exists()
    assert alice_client.post("/tasks/import/", {"file": _upload(_csv(5))}).status_code == 302


def test_the_web_import_lists_the_first_problems_then_how_many_more(alice_client, settings):
    settings.IMPORT_PROBLEMS_SHOWN = 3
    response = alice_client.post("/tasks/import/", {"file": _upload(_csv(10, hours="lots"))})
    page = response.content.decode()
    assert page.count("is not a number") == 3
    assert "and 7 more problems" in page


def test_a_german_founder_reads_how_many_more_in_german(alice_client, alice, settings):
    alice.profile.language = "de"
    alice.profile.save()
    settings.IMPORT_PROBLEMS_SHOWN = 1
    response = alice_client.post("/tasks/import/", {"file": _upload(_csv(3, hours="lots"))})
    assert "und 2 weitere Probleme" in response.content.decode()


def test_the_import_cannot_pass_the_open_tasks_limit(alice_client, alice, settings):
    settings.OPEN_TASKS_MAX = 4
    make_task(alice, title="Already there")
    response = alice_client.post("/tasks/import/", {"file": _upload(_csv(4))})
    assert response.status_code == 400
    assert "at most 4 open tasks" in response.content.decode()
    assert Task.objects.filter(owner=alice).count() == 1


def test_every_way_of_adding_a_task_meets_the_open_tasks_limit(alice, settings):
    settings.OPEN_TASKS_MAX = 2
    make_task(alice, title="One")
    make_task(alice, title="Two")
    with pytest.raises(ValidationError, match="at most 2 open tasks"):
        make_task(alice, title="Three")
    Task.objects.filter(owner=alice, title="One").update(status=Task.DONE)
    assert make_task(alice, title="Three").pk  # done tasks do not count


def test_the_form_says_so_when_the_limit_is_reached(alice_client, alice, settings):
    settings.OPEN_TASKS_MAX = 1
    make_task(alice, title="One")
    response = alice_client.post(
        "/tasks/new/",
        {"title": "Two", "area": "admin", "hours_per_week": "1", "skill": "3", "enjoyment": "3"},
    )
    assert response.status_code == 200
    assert "at most 1 open tasks" in response.content.decode()
    assert Task.objects.filter(owner=alice).count() == 1


@pytest.mark.parametrize(
    "column,value,message",
    [
        ("hours_per_week", "0.005", '"0.005" has more than 2 decimal places'),
        ("hours_per_week", "1e-400", '"1e-400" is not a number'),
        ("hours_per_week", "1_0", '"1_0" is not a number'),
        ("hours_per_week", "²", '"²" is not a number'),
        ("skill", "1_0", '"1_0" is not a whole number from 1 to 5'),
        ("skill", "²", '"²" is not a whole number from 1 to 5'),
    ],
)
def test_values_the_database_would_refuse_name_row_and_column(column, value, message):
    cells = {"title": "X", "area": "admin", "hours_per_week": "1", "recurring": "no"}
    cells |= {"skill": "3", "enjoyment": "3", "core": "no", column: value}
    text = HEADER + ",".join(cells[c] for c in csv_rows.COLUMNS) + "\n"
    with pytest.raises(csv_rows.CsvError) as caught:
        csv_rows.parse_tasks(io.StringIO(text))
    assert [p.render() for p in caught.value.problems] == [
        f"row 1 (line 2), column {column}: {message}"
    ]


def test_a_value_the_database_would_refuse_is_a_problem_not_an_error_page(alice_client, alice):
    response = alice_client.post("/tasks/import/", {"file": _upload(_csv(1, hours="0.005"))})
    assert response.status_code == 400
    assert "row 1 (line 2), column hours_per_week" in response.content.decode()


def test_the_founders_admin_page_lists_the_first_tasks_and_links_to_all(client, cast):
    from consultants.admin.paging import INLINE_ROWS

    alice = cast.founders["alice"]
    Task.objects.bulk_create(
        [
            Task(
                owner=alice,
                title=f"Bulk {i}",
                area="admin",
                hours_per_week=1,
                skill=3,
                enjoyment=3,
                category_id="keep",
                route="keep",
            )
            for i in range(INLINE_ROWS + 5)
        ]
    )
    total = Task.objects.filter(owner=alice).count()
    client.force_login(cast.root)
    page = client.get(f"/admin/accounts/user/{alice.pk}/change/").content.decode()
    shown = set(re.findall(r'href="/admin/tasks/task/(\d+)/change/', page))
    assert len(shown) == INLINE_ROWS
    assert f'data-more-rows="{total - INLINE_ROWS}"' in page
    all_rows = f"/admin/tasks/task/?owner__id__exact={alice.pk}"
    assert all_rows in page
    listing = client.get(all_rows)
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == total
