"""The admin speaks about the founder, and names people (issue 27, items 3 and 4).

A consultant reads the founder's reasons in the third person ("The founder's enjoyment: 2/5",
"Bewertete Freude: 2/5"), never as if they had rated the task themselves ("Deine Freude
daran"); and wherever the admin shows a person — the task's founder, a note's author, who
overrode a category, the overview — it shows their name, the email only when no name is set."""

import re

import pytest
from django.utils import translation

from tasks import classifier, services
from tasks.models import Task, TaskNote
from tasks.reasons import OLD_SENTENCES, SENTENCES, reason_text
from tasks.tests.factories import make_task

# Every code, with the parameters its sentence needs (the suggested core too).
REASONS = [
    {"code": classifier.CORE, "params": {}},
    {"code": classifier.CORE, "params": {"suggested": True}},
    {"code": classifier.HATE, "params": {"enjoyment": 2, "max": 2}},
    {"code": classifier.HATE, "params": {"enjoyment": 2}},  # stored before the thresholds
    {"code": classifier.SKILL_GAP, "params": {"skill": 1, "max": 2}},
    {"code": classifier.SKILL_GAP, "params": {"skill": 1}},
    {"code": classifier.TIME_EATER, "params": {"hours": "3.00", "min_hours": 2}},
    {"code": classifier.TIME_EATER, "params": {"hours": "3.00"}},
    {"code": classifier.ONE_OFF, "params": {}},
    {"code": classifier.OVERLOADED, "params": {"planned": 50, "capacity": 40}},
    {"code": classifier.OVERLOADED, "params": {}},
    {"code": classifier.NO_REASON_TO_DELEGATE, "params": {}},
    {"code": classifier.NOT_RATED, "params": {}},
    {"code": classifier.SUGGESTED, "params": {"entry": "invoicing"}},
]
SPEAKS_TO_THE_READER = {
    "en": re.compile(r"(?i)\b(?:you|your|yours)\b|\brate it\b|\bkeep it\b(?! with)"),
    "de": re.compile(r"(?i)\b(?:du|dich|dir|dein\w*)\b|\b(?:behalte|bewerte|gib)\b"),
}


def test_every_reason_has_one_sentence_pair_in_one_table():
    assert set(SENTENCES) >= {reason["code"] for reason in REASONS}
    assert set(OLD_SENTENCES) <= set(SENTENCES)


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("reason", REASONS, ids=lambda r: f"{r['code']}-{len(r['params'])}")
def test_a_reason_about_the_founder_does_not_speak_to_the_reader(reason, language):
    with translation.override(language):
        about = reason_text(reason, about_founder=True)
        to_founder = reason_text(reason)
    assert about and not SPEAKS_TO_THE_READER[language].search(about), about
    assert to_founder  # the founder's own sentence is still there


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "shown", "never"),
    [
        ("en", "The founder's enjoyment: 2/5", "You rated your enjoyment"),
        ("de", "Bewertete Freude: 2/5", "Deine Freude"),
    ],
)
def test_the_admin_tells_the_consultant_about_the_founders_rating(
    client, cast, language, shown, never
):
    bob, alice = cast.consultants["bob"], cast.founders["alice"]
    task = make_task(alice, title="Buchhaltung")
    Task.objects.filter(pk=task.pk).update(reasons=[{"code": "hate", "params": {"enjoyment": 2}}])
    client.force_login(bob)
    client.cookies["django_language"] = language
    html = client.get(f"/admin/tasks/task/{task.pk}/change/").content.decode()
    assert shown in html.replace("&#x27;", "'")
    assert never not in html


@pytest.mark.django_db
def test_the_admin_names_people_and_falls_back_to_the_email(client, cast):
    bob, alice, dora = cast.consultants["bob"], cast.founders["alice"], cast.founders["dora"]
    bob.first_name, bob.last_name = "Bob", "Berater"
    bob.save()
    alice.profile.display_name = "Alice Weber"
    alice.profile.save()
    task = make_task(alice, title="Buchhaltung")
    TaskNote.objects.create(task=task, author=bob, text="Gib das an Maria ab.")
    services.task_override(task=task, category="time", reason="Passt besser", by=bob)
    client.force_login(bob)

    change = client.get(f"/admin/tasks/task/{task.pk}/change/").content.decode()
    # The note's author and who overrode: Bob by name.
    assert re.search(r"field-author.*?Bob Berater", change, re.S), "the note's author"
    assert re.search(r"field-override_trail.*?by Bob Berater", change, re.S), "who overrode"
    tasks = client.get("/admin/tasks/task/").content.decode()
    assert re.search(r'class="field-owner[^"]*"[^>]*>(?:<a[^>]*>)?Alice Weber', tasks), tasks
    dora_at = re.escape(dora.email)  # no name set: the address stands for her
    assert re.search(rf'class="field-owner[^"]*"[^>]*>(?:<a[^>]*>)?{dora_at}', tasks)
    overview = client.get("/admin/accounts/user/overview/").content.decode()
    assert re.search(r'data-founder="alice@example.com">\s*<th[^>]*><a[^>]*>Alice Weber<', overview)
    assert re.search(rf'data-founder="{dora_at}">\s*<th[^>]*><a[^>]*>{dora_at}<', overview)


def test_a_person_without_a_name_is_shown_by_their_address(db, bob, alice):
    assert str(bob) == "bob@example.com"
    alice.profile.display_name = "  "
    alice.profile.save()
    alice.first_name = "Alice"
    alice.save()
    assert str(alice) == "Alice"
