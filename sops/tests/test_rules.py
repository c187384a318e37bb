"""The pure rules: template steps, what changed between versions, review dates, progress."""

from datetime import date

import pytest

from sops.rules import (
    Change,
    StepData,
    changes_between,
    parse_template_steps,
    progress,
    review_overdue,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("Open the inbox", [StepData("Open the inbox")]),
        (
            "Open it | It is open\n\n  \nClose it",
            [StepData("Open it", "", "It is open"), StepData("Close it")],
        ),
        ("A|B without spaces stays one text", [StepData("A|B without spaces stays one text")]),
    ],
)
def test_template_steps_are_one_per_line_with_an_optional_expected_result(text, expected):
    assert parse_template_steps(text) == expected


def _version(*steps, **fields):
    return {
        "title": "T",
        **fields,
        "steps": [{"text": s, "url": "", "expected": ""} for s in steps],
    }


@pytest.mark.parametrize(
    ("old", "new", "changes"),
    [
        (_version("a", "b"), _version("a", "b"), []),
        (_version("a"), _version("a", "b"), [Change("step_added", "2", "", "b")]),
        (_version("a", "b"), _version("b"), [Change("step_removed", "1", "a", "")]),
        (_version("a", "b"), _version("a", "c"), [Change("step_changed", "2", "b", "c")]),
        (
            _version("a", purpose="x"),
            _version("a", purpose="y"),
            [Change("field", "purpose", "x", "y")],
        ),
        (
            {},
            _version("a"),
            [Change("field", "title", "", "T"), Change("step_added", "1", "", "a")],
        ),
    ],
)
def test_it_lists_what_changed_between_two_versions(old, new, changes):
    assert changes_between(old, new) == changes


@pytest.mark.parametrize(
    ("review_on", "today", "overdue"),
    [
        (None, date(2026, 5, 1), False),
        (date(2026, 5, 1), date(2026, 5, 1), False),
        (date(2026, 4, 30), date(2026, 5, 1), True),
    ],
)
def test_an_instruction_is_overdue_only_after_its_review_date(review_on, today, overdue):
    assert review_overdue(review_on, today) is overdue


@pytest.mark.parametrize(
    ("checked", "total", "result"),
    [([], 9, (0, 9)), ([0, 1, 1, 8], 9, (3, 9)), ([9, -1], 9, (0, 9)), (list(range(7)), 9, (7, 9))],
)
def test_progress_counts_each_valid_step_once(checked, total, result):
    assert progress(checked, total) == result


def test_video_links_from_loom_youtube_and_vimeo_embed_others_do_not():
    from sops.rules import video_embed

    assert video_embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ").embed_url == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert video_embed("https://youtu.be/dQw4w9WgXcQ").provider == "YouTube"
    assert video_embed("https://vimeo.com/76979871").embed_url == (
        "https://player.vimeo.com/video/76979871?dnt=1"
    )
    loom = video_embed("https://www.loom.com/share/0123456789abcdef0123456789abcdef")
    assert loom.embed_url == "https://www.loom.com/embed/0123456789abcdef0123456789abcdef"
    assert video_embed("https://example.com/watch?v=dQw4w9WgXcQ") is None
    assert video_embed("http://youtu.be/dQw4w9WgXcQ") is None  # plain HTTP: no player
    assert video_embed("") is None
