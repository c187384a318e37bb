"""German pages built on Django's own forms, the password-reset email, CSV problems and times:
in "du", in our words, as a German founder reads them."""

import io
import re
from datetime import UTC, datetime

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from tasks import csv_rows, services
from tasks.classifier import AREAS
from tasks.tests.factories import make_task
from tasks.tests.german_support import formal_address

# Django's own German that used to reach a founder: formal, stiff or both.
DJANGO_GERMAN = (
    "zwingend erforderlich",
    "Bitte das selbe Passwort",
    "Altes Passwort",
    "Bitte einen gültigen",
    "Das Passwort darf nicht",
    "Bitte neu eingeben",
)


def _in_german(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    return client


def _words(response):
    html = response.content.decode()
    main = html.split("<main", 1)[-1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def _assert_our_german(words):
    assert [phrase for phrase in DJANGO_GERMAN if phrase in words] == []
    assert formal_address(words) == []


def test_a_failed_login_in_german_says_what_to_check_in_du_form(client, alice):
    response = _in_german(client).post(
        "/accounts/login/", {"username": "alice@example.com", "password": "wrong-one"}
    )
    words = _words(response)
    assert "Prüf beides: Beim Passwort zählt die Groß- und Kleinschreibung." in words
    assert "E-Mail-Adresse" in words
    _assert_our_german(words)


def test_the_german_sign_up_explains_its_password_rules_and_errors_in_du_form(client, db):
    response = _in_german(client).post(
        "/accounts/signup/",
        {"email": "neu@example.com", "password1": "12345678", "password2": "1234567x"},
    )
    words = _words(response)
    assert "Die beiden Passwörter sind nicht gleich. Gib zweimal dasselbe ein." in words
    assert "Mindestens 8 Zeichen." in words and "Nicht nur Ziffern." in words
    assert "Gib dasselbe Passwort noch einmal ein" in words
    _assert_our_german(words)

    response = client.post(
        "/accounts/signup/",
        {"email": "neu@example.com", "password1": "1234567", "password2": "1234567"},
    )
    words = _words(response)
    assert "Dieses Passwort ist zu kurz: Nimm mindestens 8 Zeichen." in words
    assert "Dieses Passwort besteht nur aus Ziffern" in words
    _assert_our_german(words)

    words = _words(client.post("/accounts/signup/", {"email": ""}))
    assert "Bitte ausfüllen." in words
    _assert_our_german(words)


def test_changing_the_password_in_german_asks_for_the_current_one(client, alice):
    alice.profile.language = "de"
    alice.profile.save()
    client.force_login(alice)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": "guess", "new_password1": "x", "new_password2": "x"},
    )
    words = _words(response)
    assert "Dein aktuelles Passwort" in words
    assert "Das ist nicht dein aktuelles Passwort. Versuch es noch einmal." in words
    _assert_our_german(words)


def test_the_german_password_reset_email_says_du_and_has_no_english(client, alice, smtp_server):
    _in_german(client).post("/accounts/password_reset/", {"email": "alice@example.com"})
    [received] = smtp_server.messages
    message = received["message"]
    body = message.get_content()
    assert message["subject"].strip() == "Dein neues Passwort für „Kauf dir deine Zeit zurück“"
    assert "Wenn du das warst, setz hier dein neues Passwort:" in body
    assert "/accounts/reset/" in body
    assert formal_address(body) == []
    english = ("You're receiving", "Please go to", "Thanks for using", "team", "Hello")
    assert [word for word in english if word in body] == []


def _problems(file, language):
    try:
        csv_rows.parse_tasks(io.StringIO(file))
    except csv_rows.CsvError as error:
        with translation.override(language):
            return [problem.render(gettext) for problem in error.problems]
    raise AssertionError("the file was accepted")


def test_csv_problems_on_a_german_import_name_german_columns_and_areas(db):
    header = "Titel;Bereich;Stunden pro Woche;wiederkehrend;Können;Freude;Kerntätigkeit\n"
    german = _problems(header + "Posteingang;Buchhaltung;2;ja;3;3;nein\n", "de")
    assert german == [
        "Aufgabe 1 (Zeile 2), Spalte „Bereich“: „Buchhaltung“ ist keiner dieser Bereiche: "
        "Verwaltung, Kundensupport, Vertrieb, Marketing, Produkt, Technik, Design, Finanzen, "
        "Recht, Netzwerken, Sonstiges"
    ]
    german = _problems("Titel;Bereich;Können\nPosteingang;Verwaltung;3\n", "de")
    assert german[0] == (
        "Spalte „Stunden pro Woche“: fehlt in der Kopfzeile "
        "(nenne sie „Stunden pro Woche“ oder „hours_per_week“)"
    )
    english = _problems("title,area\nX,admin\n", "en")
    assert english[0].startswith("column hours_per_week: missing from the header")


def test_the_area_list_in_csv_problems_is_every_area():
    assert ", ".join(AREAS) == csv_rows.AREA_LIST


def test_an_override_reads_am_um_uhr_in_the_founders_time_zone(client, alice):
    alice.profile.language, alice.profile.time_zone = "de", "Europe/Berlin"
    alice.profile.save()
    task = make_task(alice)
    services.task_override(task=task, category="smart", reason="Hasse ich", by=alice)
    task.override_at = datetime(2026, 11, 27, 21, 24, tzinfo=UTC)  # 22:24 in Berlin
    task.save(update_fields=["override_at"])
    client.force_login(alice)
    words = _words(client.get(f"/tasks/{task.pk}/"))
    assert "Manuell festgelegt von alice@example.com am 27.11.2026 um 22:24 Uhr" in words
    assert "von Hand" not in words


def test_any_german_form_says_what_is_missing_in_our_words(alice_client, alice):
    """Django's own field messages come from our catalogue (outsourcing/django_texts.py)."""
    alice.profile.language = "de"
    alice.profile.save()
    words = _words(alice_client.post("/tasks/new/", {"title": "", "time_amount": "viel"}))
    assert "Bitte ausfüllen." in words and "Gib eine Zahl ein." in words
    _assert_our_german(words)
