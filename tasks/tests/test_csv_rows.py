"""Reading tasks from CSV: headers, delimiters, values, and every problem at once."""

import io
from decimal import Decimal

import pytest

from tasks.classifier import TaskInput
from tasks.csv_rows import CsvError, decode, parse_bool, parse_hours, parse_tasks

HEADER = "title,area,hours_per_week,recurring,skill,enjoyment,core"
ROW = "Bookkeeping,finance,3,yes,1,2,no"
BOOKKEEPING = TaskInput(
    title="Bookkeeping",
    area="finance",
    hours_per_week=Decimal("3"),
    recurring=True,
    skill=1,
    enjoyment=2,
    core=False,
)


def parse(text: str) -> list[TaskInput]:
    return parse_tasks(io.StringIO(text))


def problems(text: str) -> list[str]:
    with pytest.raises(CsvError) as caught:
        parse(text)
    return [str(problem) for problem in caught.value.problems]


def test_it_reads_english_headers():
    assert parse(f"{HEADER}\n{ROW}\n") == [BOOKKEEPING]


def test_it_reads_german_headers_semicolons_and_decimal_commas():
    text = (
        "Titel;Bereich;Stunden pro Woche;wiederkehrend;Können;Freude;Kerntätigkeit\n"
        "Buchhaltung;Finance;1,5;Ja;1;2;nein\n"
    )
    [task] = parse(text)
    assert task == TaskInput(
        title="Buchhaltung",
        area="finance",
        hours_per_week=Decimal("1.5"),
        recurring=True,
        skill=1,
        enjoyment=2,
        core=False,
    )


def test_it_tolerates_bom_case_whitespace_extra_columns_and_column_order():
    text = (
        "\ufeff Core , NOTES,Enjoyment,Skill,Recurring,Hours_Per_Week,Area,Title\n"
        "no,ignored,2,1,yes,3,FINANCE,  Bookkeeping  \n"
    )
    assert parse(text) == [BOOKKEEPING]


def test_it_accepts_a_comma_inside_quotes_with_a_semicolon_delimiter():
    text = f'{HEADER.replace(",", ";")}\n"Invoices, reminders";finance;2,5;yes;1;2;no\n'
    [task] = parse(text)
    assert (task.title, task.hours_per_week) == ("Invoices, reminders", Decimal("2.5"))


def test_it_skips_blank_lines():
    assert parse(f"\n{HEADER}\n\n{ROW}\n\n{ROW}\n") == [BOOKKEEPING, BOOKKEEPING]


@pytest.mark.parametrize(
    "word, expected",
    [
        ("yes", True),
        ("YES", True),
        ("true", True),
        ("True", True),
        ("1", True),
        ("ja", True),
        (" Ja ", True),
        ("no", False),
        ("No", False),
        ("false", False),
        ("FALSE", False),
        ("0", False),
        ("nein", False),
        ("NEIN", False),
    ],
)
def test_parse_bool_reads_english_german_and_digits(word, expected):
    assert parse_bool(word) is expected


@pytest.mark.parametrize("word", ["", "maybe", "y", "2", "wahr"])
def test_parse_bool_rejects_anything_else(word):
    with pytest.raises(ValueError):
        parse_bool(word)


@pytest.mark.parametrize(
    "text, hours",
    [("0", Decimal("0")), ("1.5", Decimal("1.5")), ("1,5", Decimal("1.5")), ("168", 168)],
)
def test_parse_hours_takes_0_to_168(text, hours):
    assert parse_hours(text) == hours


@pytest.mark.parametrize("text", ["-0.1", "168.01", "lots", "NaN", "Infinity", "1.5,0"])
def test_parse_hours_rejects_the_rest(text):
    with pytest.raises(ValueError):
        parse_hours(text)


BAD_VALUES = [
    # (column, value, message)
    ("title", "", "row 1 (line 2), column title: a value is required"),
    ("title", "x" * 201, "row 1 (line 2), column title: is longer than 200 characters"),
    (
        "area",
        "cooking",
        'row 1 (line 2), column area: "cooking" is not one of admin, customer_support',
    ),
    ("hours_per_week", "lots", 'row 1 (line 2), column hours_per_week: "lots" is not a number'),
    (
        "hours_per_week",
        "169",
        'row 1 (line 2), column hours_per_week: "169" is not between 0 and 168',
    ),
    (
        "hours_per_week",
        "-1",
        'row 1 (line 2), column hours_per_week: "-1" is not between 0 and 168',
    ),
    ("recurring", "maybe", 'row 1 (line 2), column recurring: "maybe" is not one of yes/no'),
    ("skill", "0", 'row 1 (line 2), column skill: "0" is not a whole number from 1 to 5'),
    ("skill", "7", 'row 1 (line 2), column skill: "7" is not a whole number from 1 to 5'),
    ("skill", "3.5", 'row 1 (line 2), column skill: "3.5" is not a whole number from 1 to 5'),
    ("enjoyment", "6", 'row 1 (line 2), column enjoyment: "6" is not a whole number from 1 to 5'),
    ("hours_per_week", "", "row 1 (line 2), column hours_per_week: a value is required"),
]


@pytest.mark.parametrize("column, value, message", BAD_VALUES)
def test_it_names_row_and_column_of_a_bad_value(column, value, message):
    cells = dict(zip(HEADER.split(","), ROW.split(","), strict=True)) | {column: value}
    [problem] = problems(f"{HEADER}\n{','.join(cells.values())}\n")
    assert problem.startswith(message)


@pytest.mark.parametrize(
    "column, value",
    [("title", "x" * 200), ("skill", "5"), ("enjoyment", "1"), ("hours_per_week", "168")],
)
def test_it_accepts_values_at_the_limits(column, value):
    cells = dict(zip(HEADER.split(","), ROW.split(","), strict=True)) | {column: value}
    assert len(parse(f"{HEADER}\n{','.join(cells.values())}\n")) == 1


def test_it_reports_every_problem_with_its_data_row():
    text = f"{HEADER}\n{ROW}\nA,admin,lots,yes,7,2,no\n{ROW}\nB,admin,1,perhaps,1,2,no\n"
    assert problems(text) == [
        'row 2 (line 3), column hours_per_week: "lots" is not a number',
        'row 2 (line 3), column skill: "7" is not a whole number from 1 to 5',
        'row 4 (line 5), column recurring: "perhaps" is not one of yes/no, true/false, 1/0, '
        "ja/nein",
    ]


def test_a_short_row_misses_its_last_values():
    # An enjoyment or core left out is "not rated"; a missing recurring is a problem.
    assert problems(f"{HEADER}\nBookkeeping,finance,3\n") == [
        "row 1 (line 2), column recurring: a value is required",
    ]


def test_it_names_each_missing_column():
    assert problems("Titel;Bereich;Stunden pro Woche;Können;Freude\nx;admin;1;3;3\n") == [
        'column recurring: missing from the header (name it "recurring" or "wiederkehrend")',
    ]


def test_it_refuses_a_column_given_twice():
    assert problems(f"{HEADER},Titel\n{ROW},Again\n") == [
        "column title: appears more than once in the header"
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "\ufeff", "  \n"])
def test_it_refuses_an_empty_file(text):
    assert problems(text) == ["the file is empty"]


def test_it_refuses_a_header_without_tasks():
    assert problems(f"{HEADER}\n\n") == ["the file has a header but no tasks"]


def test_the_error_message_lists_all_problems():
    with pytest.raises(CsvError) as caught:
        parse(f"{HEADER}\nA,admin,lots,yes,7,2,no\n")
    assert str(caught.value).splitlines() == [
        'row 1 (line 2), column hours_per_week: "lots" is not a number',
        'row 1 (line 2), column skill: "7" is not a whole number from 1 to 5',
    ]


@pytest.mark.parametrize(
    "data",
    ["Können".encode(), "\ufeffKönnen".encode(), "Können".encode("cp1252")],
    ids=["utf8", "utf8_bom", "excel_cp1252"],
)
def test_decode_reads_utf8_and_old_excel_files(data):
    assert decode(data) == "Können"


def test_a_problem_names_the_column_as_the_file_does():
    german = "Titel;Bereich;Stunden pro Woche;wiederkehrend;Können;Freude;Kerntätigkeit\n"
    assert problems(german + "Buchhaltung;finance;viel;ja;7;2;nein\n") == [
        'row 1 (line 2), column Stunden pro Woche: "viel" is not a number',
        'row 1 (line 2), column Können: "7" is not a whole number from 1 to 5',
    ]


@pytest.mark.parametrize(
    ("written", "area"),
    [("Finanzen", "finance"), ("VERTRIEB", "sales"), ("Kundensupport", "customer_support")],
)
def test_german_area_names_are_accepted(written, area):
    from tasks.csv_rows import parse_area

    assert parse_area(written) == area


def test_empty_ratings_are_not_rated():
    [task] = parse(f"{HEADER}\nBookkeeping,finance,3,yes,,  ,no\n")
    assert (task.skill, task.enjoyment) == (None, None)


def test_the_rating_columns_may_be_left_out():
    [task] = parse("title,area,hours_per_week,recurring,core\nBookkeeping,finance,3,yes,no\n")
    assert (task.skill, task.enjoyment) == (None, None)
