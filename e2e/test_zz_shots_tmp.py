import pytest

from accounts.models import Profile
from tasks.tests.money_support import money_founder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_shots(open_as, live_server, alice):
    tasks = money_founder(alice)
    page = open_as(alice)
    for lang in ("en", "de"):
        Profile.objects.filter(user=alice).update(language=lang)
        page.context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
        for width in (1366, 375):
            page.set_viewport_size({"width": width, "height": 900})
            for name, url in (("dash", "/"), ("task", f"/tasks/{tasks['Podcast editing'].pk}/"), ("settings", "/settings/")):
                page.goto(url)
                page.screenshot(path=f"/tmp/shots/{name}-{lang}-{width}.png", full_page=True)
