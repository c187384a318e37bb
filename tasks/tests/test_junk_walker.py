"""Every URL the project answers, with junk ids and junk query and form values, as a founder,
a consultant and an anonymous visitor: a 4xx (or a page) at worst, never a 5xx
(security issue #8, hole 5). URLs come from the URLconf, so a new view is walked too."""

import logging
import re
from urllib.parse import quote

import pytest
from django.urls import URLResolver, get_resolver

# "\x00" goes into paths as %00; "²" passes str.isdigit() but not int(); 20 digits overflow
# a bigint.
JUNK = ["²", "-1", "99999999999999999999", "\x00", "'", "x" * 3000]
# What views and the admin read from query strings and forms.
KEYS = (
    "task from token next page p o q e all language delegate days _changelist_filters "
    "review_on__year review_on__month review_on__day performed_on__year owner__id__exact "
    "_to_field _popup title area hours_per_week skill enjoyment performed_on start_date "
    "username password old_password new_password1 new_password2 email revision"
).split()
CONVERTER = re.compile(r"<(?:\w+:)?\w+>")
REGEX_GROUP = re.compile(r"\(\?P<\w+>([^)]*)\)")


def url_patterns(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, route)
        else:
            yield route


def filled(route: str, junk: str) -> str:
    """The route as a path, every parameter replaced by the junk value (a regex
    alternation of names, like the admin's app labels, by its first name)."""
    value = quote(junk, safe="%")

    def group(match):
        body = match.group(1)
        return body.split("|")[0] if re.fullmatch(r"[\w|]+", body) else value

    path = REGEX_GROUP.sub(group, CONVERTER.sub(value, route))
    return "/" + path.replace("^", "").replace("$", "")


ROUTES = sorted(set(url_patterns()))


def walk(client, relogin=None, *, staff: bool) -> list[str]:
    client.raise_request_exception = False
    failures = []
    for route in ROUTES:
        # The admin sends everyone who is not staff to its login, whatever the URL: one
        # junk value shows that, all of them are for staff.
        junks = JUNK if staff or not route.startswith("admin/") else JUNK[:1]
        for junk in junks:
            path = filled(route, junk)
            data = dict.fromkeys(KEYS, junk)
            for method in (client.get, client.post):
                response = method(path, data)
                if response.status_code >= 500:
                    failures.append(f"{method.__name__.upper()} {path[:80]} {junk[:10]!r}")
                if relogin and "logout" in route:
                    relogin()
    return failures


def test_the_walk_covers_the_urlconf():
    assert "instructions/<int:pk>/v/<int:number>/changes/" in ROUTES
    assert any(route.startswith("admin/sops/instruction/") for route in ROUTES)
    assert filled("tasks/<int:pk>/", "²") == "/tasks/%C2%B2/"


@pytest.fixture
def quiet_request_log():
    """Thousands of 404s are expected here; keep the log for what matters."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


@pytest.mark.fuzz
@pytest.mark.parametrize("who", ["founder", "consultant", "anonymous"])
def test_no_url_answers_5xx_to_junk(client, cast, who, quiet_request_log):
    user = {"founder": cast.founders["alice"], "consultant": cast.consultants["bob"]}.get(who)
    relogin = (lambda: client.force_login(user)) if user else None
    if relogin:
        relogin()
    assert walk(client, relogin, staff=who == "consultant") == []
