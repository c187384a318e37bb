from django.core.management import call_command

from accounts.models import User
from tasks.demo import DEMO_EMAIL
from tasks.models import Task


def test_it_creates_the_founders_and_running_it_again_changes_nothing(db, capsys):
    call_command("seed_demo", "--founders", "3", "--tasks", "25")
    users = set(User.objects.values_list("email", flat=True))
    founders = {DEMO_EMAIL, "founder2@example.com", "founder3@example.com"}
    assert users == {*founders, "consultant@example.com"}  # and the demo's consultant
    assert Task.objects.filter(owner__email="founder3@example.com").count() == 25
    before = list(Task.objects.order_by("pk").values_list("pk", "title", "category_id", "status"))
    call_command("seed_demo", "--founders", "3", "--tasks", "25")
    after = list(Task.objects.order_by("pk").values_list("pk", "title", "category_id", "status"))
    assert after == before
    printed = capsys.readouterr().out
    assert "buyback-demo" in printed
    assert "consultant@example.com / buyback-consultant" in printed
    assert User.objects.filter(email="consultant@example.com").count() == 1


def test_the_demo_consultant_coaches_the_demo_founder_and_lands_on_the_overview(client, db):
    call_command("seed_demo")
    founder = User.objects.get(email=DEMO_EMAIL)
    assert founder.profile.consultants.filter(email="consultant@example.com").exists()
    response = client.post(
        "/accounts/login/", {"username": "consultant@example.com", "password": "buyback-consultant"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/accounts/user/overview/"
    overview = client.get(response["Location"]).content.decode()
    assert 'data-founder="demo@example.com"' in overview


def test_a_founder_still_lands_on_their_dashboard(client, db):
    call_command("seed_demo")
    response = client.post("/accounts/login/", {"username": DEMO_EMAIL, "password": "buyback-demo"})
    assert response["Location"] == "/"


def test_the_demo_founder_can_log_in_and_has_tasks_in_every_category(client, db):
    call_command("seed_demo")
    response = client.post("/accounts/login/", {"username": DEMO_EMAIL, "password": "buyback-demo"})
    assert response.status_code == 302
    categories = set(
        Task.objects.filter(owner__email=DEMO_EMAIL).values_list("category_id", flat=True)
    )
    assert categories == {"time", "skill", "smart", "keep"}


def test_the_german_demo_founder_reads_german_data_and_the_default_stays_english(db):
    from sops.models import Instruction

    call_command("seed_demo", "--language", "de", "--tasks", "20")
    founder = User.objects.get(email=DEMO_EMAIL)
    assert founder.profile.language == "de"
    titles = set(founder.tasks.values_list("title", flat=True))
    assert {"Posteingang sortieren", "Jahresabschluss", "Belege buchen"} <= titles
    assert "Inbox triage" not in titles
    assert founder.tasks.get(title="Jahresabschluss").status == Task.DELEGATED
    names = set(founder.delegates.values_list("name", flat=True))
    assert "Maria (virtuelle Assistenz)" in names
    assert set(founder.delegates.values_list("language", flat=True)) == {"de"}
    instruction = Instruction.objects.get(owner=founder)
    assert instruction.task.title == "Posteingang sortieren"
    assert instruction.latest_version().title != "Inbox triage"


def test_without_a_language_the_demo_is_english(db):
    call_command("seed_demo")
    founder = User.objects.get(email=DEMO_EMAIL)
    assert founder.profile.language == "en"
    assert founder.tasks.filter(title="Inbox triage").exists()
