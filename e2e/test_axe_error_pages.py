"""The error pages in the axe walk (issue 27): 404, a broken handover link, the consultants'
workspace opened by a founder (403) and a lost CSRF cookie — in English and German, at 1366
and 375 px, with no axe-core violation and no sideways scrolling on a phone."""

import pytest
from playwright.sync_api import expect

from e2e.walk import LANGUAGES, Walk, language_cookie, open_error_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_error_pages_are_accessible(open_as, live_server, alice, language):
    alice.profile.language = language
    alice.profile.save()
    anyone, founder = open_as(None), open_as(alice)
    language_cookie(anyone, live_server.url, language)
    checked = []
    for page, where in open_error_pages(anyone, founder):
        expect(page.locator("html")).to_have_attribute("lang", language)
        walk = Walk(page=page, origin=live_server.url)
        walk.check_here(f"{where} [{language}]")
        checked.append(walk)
    assert len(checked) == 4
    problems = [problem for walk in checked for problem in walk.problems]
    assert not problems, "\n".join(problems)
