"""Near-duplicate titles (rapidfuzz, token-based, German compounds): the thresholds hold on both
sides, in the import preview and in quick capture."""

import random
import time
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from tasks.models import Task
from tasks.similar_titles import THRESHOLD, TitleIndex, earlier_similar, score
from tasks.tests.factories import make_task
from tasks.tests.test_import_view import choices

ALIKE = [
    ("Inbox zero block", "Inbox"),
    ("Coaching session", "Client coaching calls"),
    ("Social media posts", "Social media post"),
    ("Social-Media-Posts", "social media posts"),
    ("Rechnungen schreiben", "Rechnung schreiben"),
    ("Kundentermine", "Kunden-Termine"),
    ("Buchhaltung machen", "Buchhaltung"),
    ("Steuererklärung", "Steuererklaerung"),
    ("E-Mail-Postfach sortieren", "Postfach sortieren"),
    ("Newsletter schreiben", "Newsletterschreiben"),
    ("Sales calls", "Sales call"),
]
DIFFERENT = [
    ("Client calls", "Client onboarding"),
    ("Sales calls", "Tax return"),
    ("Inbox", "Invoicing"),
    ("Blog posts", "Social media posts"),
    ("Buchhaltung", "Bewerbungen"),
    ("Website relaunch", "Website hosting"),
    ("Team call", "Tax call"),
    ("Design review", "Code review"),
    ("Podcast interview", "Podcast editing"),
]


@pytest.mark.parametrize(("first", "second"), ALIKE, ids=str)
def test_alike_titles_score_at_or_above_the_threshold(first, second):
    assert score(first, second) >= THRESHOLD
    assert TitleIndex([second, "Something else"]).most_similar(first) == second


@pytest.mark.parametrize(("first", "second"), DIFFERENT, ids=str)
def test_different_titles_stay_below_it(first, second):
    assert score(first, second) < THRESHOLD
    assert TitleIndex([second]).most_similar(first) is None


def test_the_same_title_is_not_its_own_near_duplicate():
    assert TitleIndex(["Inbox"]).most_similar(" inbox ") is None


CSV = (
    b"title,area,hours_per_week,recurring,core\n"
    b"Inbox zero block,admin,3,yes,no\nInbox zero,admin,1,yes,no\n"
)


def test_the_preview_proposes_merge_or_add_anyway(alice_client, alice):
    inbox = make_task(alice, title="Inbox", hours_per_week=Decimal(2), recurring=False)
    alice_client.post("/tasks/import/", {"file": SimpleUploadedFile("t.csv", CSV)})
    preview = alice_client.get("/tasks/import/preview/")
    page = preview.content.decode()
    assert "looks like your task “Inbox”: merge, or add anyway" in page
    assert "looks like the row “Inbox zero block” above" in page
    # Merged: the task "Inbox" is updated (the file's time ticked), nothing added for row 1.
    data = choices(
        preview, **{"form-0-action": "merge", "form-0-take": ["hours"], "form-1-action": "skip"}
    )
    assert alice_client.post("/tasks/import/preview/", data).status_code == 302
    assert Task.objects.filter(owner=alice).count() == 1
    inbox.refresh_from_db()
    assert inbox.hours_per_week == 3


def test_add_anyway_adds_the_second_task(alice_client, alice):
    make_task(alice, title="Inbox")
    alice_client.post("/tasks/import/", {"file": SimpleUploadedFile("t.csv", CSV)})
    preview = alice_client.get("/tasks/import/preview/")
    alice_client.post("/tasks/import/preview/", choices(preview, **{"form-1-action": "skip"}))
    assert set(Task.objects.filter(owner=alice).values_list("title", flat=True)) == {
        "Inbox",
        "Inbox zero block",
    }


def test_quick_capture_asks_before_adding_a_second_social_media_posts(alice_client, alice):
    make_task(alice, title="Social media posts")
    post = {"title": "social media post", "time_amount": "2", "time_unit": "week"}
    response = alice_client.post("/tasks/quick/", post)
    assert response.status_code == 400
    assert "You already have a task like this: “Social media posts”" in response.content.decode()
    assert Task.objects.filter(owner=alice).count() == 1
    alice_client.post("/tasks/quick/", {**post, "add_anyway": "on"})
    assert Task.objects.filter(owner=alice).count() == 2


def _pairwise(titles):
    """The rule spelled out: the earlier title with the highest score (not the same title),
    ties to the earliest — every pair scored one by one."""
    found = []
    for number, title in enumerate(titles):
        best = None
        for other in range(number):
            if " ".join(titles[other].split()).casefold() == " ".join(title.split()).casefold():
                continue
            value = score(title, titles[other])
            if value >= THRESHOLD and (best is None or value > best[0]):
                best = (value, other)
        found.append(best and best[1])
    return found


def _words(count, seed):
    letters = random.Random(seed)  # noqa: S311 — test data, repeatable
    return [
        "".join(letters.choices("aeioubdfgklmnprstz", k=letters.randint(3, 9)))
        for _ in range(count)
    ]


@pytest.mark.parametrize("seed", range(4))
def test_rows_of_a_file_find_the_same_near_duplicates_as_pair_by_pair(seed):
    pick = random.Random(seed)  # noqa: S311 — test data, repeatable
    pool = [title for pair in ALIKE + DIFFERENT for title in pair] + _words(40, seed)
    # Words in another order with a letter missing: alike without a word in common.
    pool += [" ".join(word[:-1] for word in reversed(title.split())) for title in pool[:20]]
    titles = [" ".join(pick.sample(pool, pick.randint(1, 3))) for _ in range(250)]
    assert earlier_similar(titles) == _pairwise(titles)


def test_the_largest_import_is_checked_to_its_last_row_in_a_few_tenths_of_a_second():
    pick = random.Random(7)  # noqa: S311 — test data, repeatable
    vocabulary = _words(3000, 7)
    titles = list(dict.fromkeys(" ".join(pick.sample(vocabulary, 3)) for _ in range(2100)))
    titles = [*titles[:1999], titles[0] + " block"]  # the last row: "… block" ~ row 1
    assert len(titles) == settings.IMPORT_MAX_ROWS
    started = time.thread_time()
    found = earlier_similar(titles, seconds=60)
    assert time.thread_time() - started < 1.0  # about 0.2 s on an idle core
    assert found[-1] == 0


def test_a_file_whose_titles_all_share_a_word_is_bounded_in_time():
    titles = [f"Invoice {word}" for word in dict.fromkeys(_words(2500, 3))][:2000]
    started = time.thread_time()
    found = earlier_similar(titles, seconds=0.05)
    assert time.thread_time() - started < 0.5
    assert len(found) == len(titles)
