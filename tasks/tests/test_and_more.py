"""Every shortened list of tasks ends with "and M more", linking to the task list filtered to
all of them (issue 21: "6 tasks wait" listed 5 names and said nothing of the sixth). One
helper, tasks.task_list.and_more, makes them all."""

from decimal import Decimal
from html import unescape

from dashboard import reads
from dashboard.task_list import LIST_SHOWN
from tasks.task_list import and_more
from tasks.tests.factories import make_task
from tasks.views import rate


def test_the_helper_counts_what_is_left_and_links_the_filters():
    rest = and_more(total=7, shown=5, status="moves", sort="value", q="")
    assert (rest.more, rest.url) == (2, "/tasks/?status=moves&sort=value")
    assert and_more(total=3, shown=3, status="open").more == 0


def _titles(client, url) -> list[str]:
    return [task.title for task in client.get(url).context["page"]]


def test_the_next_moves_end_with_and_more_and_the_link_lists_them_all(alice_client, alice):
    for n in range(reads.MOVES_SHOWN + 2):
        make_task(alice, title=f"Routine {n}", hours_per_week=Decimal(n + 1))
    make_task(alice, title="Strategy", core=True)  # kept: not a move
    response = alice_client.get("/")
    rest = response.context["moves_rest"]
    assert rest.more == 2
    page = unescape(response.content.decode())
    assert f'<a href="{rest.url}">and 2 more</a>' in page
    listed = _titles(alice_client, rest.url)
    assert len(listed) == reads.MOVES_SHOWN + 2 and "Strategy" not in listed
    assert listed[0] == f"Routine {reads.MOVES_SHOWN + 1}"  # the best net first, as ranked


def test_six_tasks_waiting_for_their_instruction_list_five_and_one_more(alice_client, alice):
    for n in range(reads.WAITING_SHOWN + 1):
        make_task(alice, title=f"VA work {n}")
    page = alice_client.get("/").content.decode()
    assert "6 tasks wait for their work instruction" in page
    section = page.split('data-waiting-kind="instruction"')[1].split("</ul>")[0]
    assert section.count("<li>") == 5 and "and 1 more" in section
    url = "/tasks/?route=virtual_assistant&amp;status=inventory"
    assert url in section
    assert len(_titles(alice_client, unescape(url))) == 6


def test_a_long_column_of_the_three_lists_ends_with_and_more(alice_client, alice):
    for n in range(LIST_SHOWN + 3):
        make_task(alice, title=f"Hated {n}", enjoyment=1)
    page = alice_client.get("/tasks/lists/").content.decode()
    column = page.split('data-list-column="hate"')[1].split("</section>")[0]
    assert "and 3 more" in column and "/tasks/?list=hate&amp;status=open" in column
    assert len(_titles(alice_client, "/tasks/?list=hate&status=open")) == LIST_SHOWN + 3


def test_the_rating_page_says_how_many_more_wait(alice_client, alice, monkeypatch):
    monkeypatch.setattr(rate, "ROWS_SHOWN", 2)
    for n in range(4):
        make_task(alice, title=f"Unrated {n}", skill=None, enjoyment=None, core=None)
    page = alice_client.get("/tasks/rate/").content.decode()
    assert '<a href="/tasks/?status=open">and 2 more</a>' in page
