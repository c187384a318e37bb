"""`manage.py classify_tasks`: CSV in, classifications out, no database.

pytest-django refuses database access in tests without the django_db mark, so these tests
also prove that the command never touches the database.
"""

import json
import subprocess
import sys
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from tasks.classifier import Reason
from tasks.reasons import format_number, reason_text, reasons_text

ENGLISH = """title,area,hours_per_week,recurring,skill,enjoyment,core
Bookkeeping,finance,3,yes,1,2,no
Inbox,admin,6,yes,4,3,no
Website relaunch,tech,10,no,4,4,no
Sales calls,sales,8,yes,5,5,yes
"""
GERMAN = """Titel;Bereich;Stunden pro Woche;wiederkehrend;Können;Freude;Kerntätigkeit
Buchhaltung;Finance;1,5;ja;2;1;nein
Netzwerken;networking;4;JA;5;5;ja
"""


@pytest.fixture(autouse=True)
def english():
    # The sentences asserted here are the English source strings.
    with translation.override("en"):
        yield


def write(tmp_path, text: str, name: str = "tasks.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run_json(capsys, *args) -> list[dict]:
    call_command("classify_tasks", *args, "--format", "json")
    return json.loads(capsys.readouterr().out)


def test_it_classifies_an_english_file_as_json(tmp_path, capsys):
    assert run_json(capsys, write(tmp_path, ENGLISH)) == [
        {
            "title": "Bookkeeping",
            "category": "smart",
            "route": "specialist",
            "reasons": [
                "enjoyment 2 ≤ your 'hate' threshold 2 → a task you hate → smart outsourcing",
                "skill 1 ≤ your 'can't do' threshold 2 → a skill you lack → a specialist's job",
                "recurring, 3 h a week ≥ your 'time eater' threshold 1 h → it eats your time",
            ],
        },
        {
            "title": "Inbox",
            "category": "time",
            "route": "virtual_assistant",
            "reasons": [
                "recurring, 6 h a week ≥ your 'time eater' threshold 1 h → it eats your time"
            ],
        },
        {
            "title": "Website relaunch",
            "category": "keep",
            "route": "keep",
            "reasons": ["not core, but no rule argues for handing it off → keep it for now"],
        },
        {
            "title": "Sales calls",
            "category": "keep",
            "route": "keep",
            "reasons": ["Core to your business → keep it"],
        },
    ]


def test_it_classifies_a_german_file(tmp_path, capsys):
    results = run_json(capsys, write(tmp_path, GERMAN))
    assert [(r["title"], r["category"], r["route"]) for r in results] == [
        ("Buchhaltung", "smart", "specialist"),
        ("Netzwerken", "keep", "keep"),
    ]
    assert results[0]["reasons"] == [
        "enjoyment 1 ≤ your 'hate' threshold 2 → a task you hate → smart outsourcing",
        "skill 2 ≤ your 'can't do' threshold 2 → a skill you lack → a specialist's job",
        "recurring, 1.5 h a week ≥ your 'time eater' threshold 1 h → it eats your time",
    ]


def test_it_sends_one_offs_to_a_freelancer_over_capacity(tmp_path, capsys):
    results = run_json(capsys, write(tmp_path, ENGLISH), "--capacity", "26.5")
    assert results[2] == {
        "title": "Website relaunch",
        "category": "time",
        "route": "project_freelancer",
        "reasons": [
            "27 h planned > your capacity of 26.5 h → hand off one-off work",
            "a one-off project → a project freelancer",
        ],
    }


def test_it_keeps_one_offs_at_capacity(tmp_path, capsys):
    results = run_json(capsys, write(tmp_path, ENGLISH), "--capacity", "27")
    assert results[2]["category"] == "keep"


def test_it_prints_an_aligned_table_by_default(tmp_path, capsys):
    call_command("classify_tasks", write(tmp_path, ENGLISH))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["title", "category", "route", "reasons"]
    assert lines[1].split("  ")[0] == "Bookkeeping"
    assert "Core to your business → keep it" in lines[4]
    # Every column starts at the same position on every line.
    for header, value in [("category", "smart"), ("route", "specialist"), ("reasons", "enjoyment")]:
        assert lines[1].index(value) == lines[0].index(header)
    assert lines[2].index("time") == lines[0].index("category")


BAD_FILES = [
    # (id, file text, expected fragments of the error)
    (
        "hours_not_a_number",
        "title,area,hours_per_week,recurring,skill,enjoyment,core\n"
        "Inbox,admin,6,yes,4,3,no\nReports,admin,lots,yes,4,3,no\n",
        ['row 2 (line 3), column hours_per_week: "lots" is not a number'],
    ),
    (
        "skill_out_of_range",
        "title,area,hours_per_week,recurring,skill,enjoyment,core\nInbox,admin,6,yes,7,3,no\n",
        ['row 1 (line 2), column skill: "7" is not a whole number from 1 to 5'],
    ),
    (
        "missing_column",
        "Titel;Bereich;Stunden pro Woche;Können;Freude\nx;admin;1;3;3\n",
        ["column recurring: missing from the header", "wiederkehrend"],
    ),
    (
        "every_problem_at_once",
        "title,area,hours_per_week,recurring,skill,enjoyment,core\n"
        "Inbox,cooking,6,yes,4,3,no\nReports,admin,1,perhaps,4,0,no\n",
        [
            'row 1 (line 2), column area: "cooking" is not one of',
            'row 2 (line 3), column recurring: "perhaps"',
            'row 2 (line 3), column enjoyment: "0"',
            "3 problem(s)",
        ],
    ),
    ("empty_file", "", ["the file is empty"]),
]


@pytest.mark.parametrize(
    "text, fragments", [case[1:] for case in BAD_FILES], ids=[case[0] for case in BAD_FILES]
)
def test_it_fails_on_bad_input_naming_row_and_column(tmp_path, capsys, text, fragments):
    path = write(tmp_path, text)
    with pytest.raises(CommandError) as caught:
        call_command("classify_tasks", path, "--format", "json")
    for fragment in fragments:
        assert fragment in str(caught.value)
    assert capsys.readouterr().out == ""


def test_it_fails_on_a_missing_file(tmp_path, capsys):
    with pytest.raises(CommandError, match="cannot read the file"):
        call_command("classify_tasks", str(tmp_path / "nope.csv"))
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    "capacity, message",
    [("lots", '"lots" is not a number'), ("-5", '"-5" is not between 0 and 168')],
)
def test_it_fails_on_a_bad_capacity(tmp_path, capsys, capacity, message):
    with pytest.raises(CommandError) as caught:
        call_command("classify_tasks", write(tmp_path, ENGLISH), "--capacity", capacity)
    assert str(caught.value) == f"--capacity: {message}"
    assert capsys.readouterr().out == ""


def test_from_the_shell_it_prints_errors_to_stderr_and_exits_non_zero(tmp_path):
    path = write(
        tmp_path,
        "title,area,hours_per_week,recurring,skill,enjoyment,core\nx,admin,lots,no,3,3,no\n",
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "classify_tasks", path, "--format", "json"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert 'row 1 (line 2), column hours_per_week: "lots" is not a number' in done.stderr


# The sentences themselves (tasks/reasons.py), which the command prints.


@pytest.mark.parametrize(
    "value, text",
    [
        (Decimal("6"), "6"),
        (Decimal("6.00"), "6"),
        (Decimal("1.50"), "1.5"),
        (Decimal("100"), "100"),
        (Decimal("0.00"), "0"),
        ("52.00", "52"),
        (3, "3"),
    ],
)
def test_it_formats_hours_without_trailing_zeros(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize(
    "reason, text",
    [
        (Reason("core"), "Core to your business → keep it"),
        (Reason("core", (("suggested", "coaching"),)), "Usually a founder's core work → keep it"),
        (
            Reason("hate", (("enjoyment", 1), ("max", 2))),
            "enjoyment 1 ≤ your 'hate' threshold 2 → a task you hate → smart outsourcing",
        ),
        (
            Reason("skill_gap", (("skill", 2), ("max", 3))),
            "skill 2 ≤ your 'can't do' threshold 3 → a skill you lack → a specialist's job",
        ),
        (
            Reason("time_eater", (("hours", Decimal("6.00")), ("min_hours", Decimal("1.5")))),
            "recurring, 6 h a week ≥ your 'time eater' threshold 1.5 h → it eats your time",
        ),
        (Reason("one_off"), "a one-off project → a project freelancer"),
        (
            Reason("overloaded", (("planned", Decimal("52")), ("capacity", Decimal("45.0")))),
            "52 h planned > your capacity of 45 h → hand off one-off work",
        ),
        (Reason("overloaded"), "You are over capacity"),
        (
            Reason("no_reason_to_delegate"),
            "not core, but no rule argues for handing it off → keep it for now",
        ),
        (Reason("not_rated"), "Not rated yet — rate it to sharpen the advice"),
        (
            Reason("suggested", (("entry", "invoicing"),)),
            "typical for invoicing — rate it to make it yours",
        ),
        # Reasons stored before the sentences named the thresholds still read.
        (Reason("hate", (("enjoyment", 1),)), "You rated your enjoyment 1/5"),
    ],
)
def test_each_reason_reads_as_one_sentence(reason, text):
    assert reason_text(reason) == text


def test_it_reads_reasons_stored_as_json():
    stored = [{"code": "time_eater", "params": {"hours": "1.50"}}, {"code": "one_off"}]
    assert reasons_text(stored) == [
        "Recurring, 1.5 h/week",
        "a one-off project → a project freelancer",
    ]


def test_empty_ratings_are_not_rated_and_give_no_reason(tmp_path, capsys):
    text = (
        "title,area,hours_per_week,recurring,skill,enjoyment,core\nTax return,finance,0.5,no,,,no\n"
    )
    [row] = run_json(capsys, write(tmp_path, text))
    # The catalogue suggests the skill a tax return needs; the reasons say it is a suggestion.
    assert (row["category"], row["route"]) == ("skill", "specialist")
    assert row["reasons"] == [
        "skill 2 ≤ your 'can't do' threshold 2 → a skill you lack → a specialist's job",
        "typical for tax return — rate it to make it yours",
    ]


def test_a_title_nobody_knows_left_unrated_is_not_rated_yet(tmp_path, capsys):
    text = (
        "title,area,hours_per_week,recurring,skill,enjoyment\nGarden gnome census,other,9,yes,,\n"
    )
    [row] = run_json(capsys, write(tmp_path, text), "--capacity", "1")
    assert (row["category"], row["route"]) == ("keep", "keep")
    assert row["reasons"] == ["Not rated yet — rate it to sharpen the advice"]
