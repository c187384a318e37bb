"""The junk walker (`pytest -m fuzz`): anonymous, founder, consultant and superuser request
every URL pattern with junk ids and queries, the admin's date drill-downs past the calendar's
end, and post junk through every form of every page they reach. No 5xx, no page over a
megabyte, no answer slower than five seconds (security issue #19)."""

import logging
import time

import pytest

from e2e import fuzz
from sops.models import Template
from tasks.models import Task, TaskNote

pytestmark = pytest.mark.fuzz

STARTS = {
    "anonymous": ("/", "/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"),
    "founder": ("/", "/tasks/", "/instructions/", "/delegates/", "/settings/"),
    "consultant": ("/admin/", "/"),
    "superuser": ("/admin/",),
}


@pytest.fixture
def quiet_request_log():
    """Thousands of 4xx are expected here; a 5xx is reported by the walker itself."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


def test_the_walk_covers_the_urlconf():
    routes = fuzz.routes()
    assert "instructions/<int:pk>/v/<int:number>/changes/" in routes
    assert any(route.startswith("admin/sops/instruction/") for route in routes)
    assert fuzz.filled("tasks/<int:pk>/", "²") == "/tasks/%C2%B2/"
    assert any("review_on__year=9999" in path for path in fuzz.drill_downs())


def test_forms_are_read_from_the_html_with_their_management_fields():
    html = """<form method="post" action="/x/"><input type="hidden" name="csrfmiddlewaretoken"
      value="t"><input name="title" value="a"><select name="area"><option value="admin">A
      </option><option value="tech">T</option></select><textarea name="notes"></textarea>
      <input type="hidden" name="steps-TOTAL_FORMS" value="1"><input type="hidden"
      name="notes-0-id" value="7"></form>"""
    (form,) = fuzz.parse(html).forms
    posts = fuzz.junk_posts(form)
    assert posts[0]["area"] == ["admin"] and posts[0]["title"] == ["a"]
    assert any(post["steps-TOTAL_FORMS"] == ["100000"] for post in posts)
    assert any(post["notes-0-id"] == ["²"] for post in posts)
    assert {post["title"][0] for post in posts} >= {fuzz.HUGE, "٣", "-1", "1_0"}
    assert {post["notes"][0] for post in posts} >= {"²", "1e30", fuzz.CONTROL, "NaN"}


@pytest.mark.parametrize("who", ["anonymous", "founder", "consultant", "superuser"])
def test_no_url_and_no_form_answers_5xx_to_junk(
    client, cast, who, quiet_request_log, record_property
):
    user = {
        "founder": cast.founders["alice"],
        "consultant": cast.consultants["bob"],
        "superuser": cast.root,
    }.get(who)
    alice_task = Task.objects.filter(owner=cast.founders["alice"]).first()
    TaskNote.objects.create(task=alice_task, author=cast.consultants["bob"], text="A note")
    Template.objects.create(slug="t", area="admin", title_en="T", title_de="T", steps_en="a")
    client.raise_request_exception = False
    relogin = (lambda: client.force_login(user)) if user else None
    if relogin:
        relogin()
    walker = fuzz.Walker(client, relogin)
    started = time.monotonic()
    walker.junk_routes(staff=who in ("consultant", "superuser"))
    walker.drill()
    pages = walker.discover(*STARTS[who])
    walker.walk_queries(pages)
    posts = walker.post_junk(pages)
    # What was walked, for the report (-rA shows it): pages, posts, requests, seconds.
    record_property("walked", (len(pages), posts, walker.requests, time.monotonic() - started))
    assert len(pages) >= {"anonymous": 3, "founder": 10, "consultant": 10, "superuser": 10}[who]
    assert walker.failures == [], walker.report()
