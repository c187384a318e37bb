from django.core.management import call_command

from accounts.models import User
from tasks.demo import DEMO_EMAIL
from tasks.models import Task


def test_it_creates_the_founders_and_running_it_again_changes_nothing(db, capsys):
    call_command("seed_demo", "--founders", "3", "--tasks", "25")
    users = set(User.objects.values_list("email", flat=True))
    assert users == {DEMO_EMAIL, "founder2@example.com", "founder3@example.com"}
    assert Task.objects.filter(owner__email="founder3@example.com").count() == 25
    before = list(Task.objects.order_by("pk").values_list("pk", "title", "category_id", "status"))
    call_command("seed_demo", "--founders", "3", "--tasks", "25")
    after = list(Task.objects.order_by("pk").values_list("pk", "title", "category_id", "status"))
    assert after == before
    assert "buyback-demo" in capsys.readouterr().out


def test_the_demo_founder_can_log_in_and_has_tasks_in_every_category(client, db):
    call_command("seed_demo")
    response = client.post("/accounts/login/", {"username": DEMO_EMAIL, "password": "buyback-demo"})
    assert response.status_code == 302
    categories = set(
        Task.objects.filter(owner__email=DEMO_EMAIL).values_list("category_id", flat=True)
    )
    assert categories == {"time", "skill", "smart", "keep"}
