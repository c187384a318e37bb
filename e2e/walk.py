"""The axe walk: find the pages a role can reach by following links, then check each one in
both languages and at a desktop and a phone width.

Pages are discovered, not listed, so a page that a later change links from anywhere is walked
too. The crawl is breadth-first over same-origin links, bounded: at most `per_shape` pages per
URL shape (numbers and query values blanked, so 20 task pages count as one shape) and at most
`limit` pages in all."""

import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from e2e import axe

WIDTHS = (1366, 375)
HEIGHT = 900
LANGUAGES = ("en", "de")
# Links that end a session, change something on GET in someone else's code, or leave HTML;
# and the JSON API (its docs page, /api/docs/, is walked).
SKIP = re.compile(r"/logout/|/i18n/|/static/|/media/|/jsi18n/|/export|\.csv$|^/api/(?!docs/$)")


def shape(url: str) -> str:
    parts = urlsplit(url)
    path = re.sub(r"/\d+(?=/)", "/N", parts.path)
    path = re.sub(r"/handover/[^/]+/", "/handover/T/", path)
    # A query string (a filter, a sort order, ?task=…) is one more shape of the same page.
    return f"{path}?" if parts.query else path


class Frontier:
    """The pages still to visit: none twice, at most `per_shape` of each URL shape."""

    def __init__(self, starts: tuple[str, ...], per_shape: int):
        self.seen, self.shapes = set(starts), dict[str, int]()
        self.queue, self.per_shape = deque(starts), per_shape

    def offer(self, path: str) -> None:
        if path in self.seen:
            return
        self.seen.add(path)
        key = shape(path)
        if self.shapes.get(key, 0) < self.per_shape:
            self.shapes[key] = self.shapes.get(key, 0) + 1
            self.queue.append(path)


def no_admin(path: str) -> bool:
    return not path.startswith("/admin/")


def admin_only(path: str) -> bool:
    # Sorting a change list (?o=) and an object's history render the same templates again.
    skipped = ("/history/", "/admin/r/", "?o=", "&o=")
    return path.startswith("/admin/") and not any(part in path for part in skipped)


@dataclass(frozen=True)
class Reach:
    """Where a role's walk starts, what it follows and how far: the axe walk and the HTML
    check (e2e/test_valid_html.py) walk the same pages."""

    starts: tuple[str, ...]
    allow: Callable[[str], bool]
    limit: int = 60
    per_shape: int = 2


ANYONE = Reach(("/accounts/login/",), no_admin)
FOUNDER = Reach(("/",), no_admin)
CONSULTANT = Reach(("/admin/", "/admin/accounts/user/overview/"), admin_only, 30, 1)


def local_path(href: str, *, origin: str, allow: Callable[[str], bool]) -> str | None:
    """The path of a link worth following: same origin, not skipped, allowed."""
    href, _ = urldefrag(href)
    if not href.startswith(origin + "/"):
        return None  # another site, mailto:, javascript:
    path = href[len(origin) :]
    if SKIP.search(path) or not allow(path):
        return None
    return path


def crawl(
    starts: tuple[str, ...],
    visit: Callable[[str], tuple[str, list[str]] | None],
    *,
    limit: int,
    per_shape: int,
) -> list[str]:
    """Every page reachable from `starts`, within the bounds, in visiting order. `visit(path)`
    opens a page and gives where it landed (after any redirect) and the paths it links to
    (already filtered by `local_path`), or None when it is not an HTML page."""
    frontier, found = Frontier(starts, per_shape), []
    while frontier.queue and len(found) < limit:
        visited = visit(frontier.queue.popleft())
        if visited is None or visited[0] in found:
            continue
        found.append(visited[0])
        for path in visited[1]:
            frontier.offer(path)
    return found


@dataclass
class Walk:
    page: object
    origin: str
    allow: Callable[[str], bool] = lambda path: True
    limit: int = 60
    per_shape: int = 2
    problems: list[str] = field(default_factory=list)
    # Called with (where the page landed, its response) on each new HTML page the discovery
    # opens, before it moves on: a check on the page as found saves opening it again.
    on_page: Callable[[str, object], None] | None = None
    _opened: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, page: object, origin: str, reach: Reach) -> "Walk":
        return cls(
            page=page,
            origin=origin,
            allow=reach.allow,
            limit=reach.limit,
            per_shape=reach.per_shape,
        )

    def _local(self, href: str) -> str | None:
        return local_path(href, origin=self.origin, allow=self.allow)

    def discover(self, *starts: str) -> list[str]:
        """Every page reachable from `starts` by links, within the bounds, in visiting order."""
        return crawl(starts, self._visit, limit=self.limit, per_shape=self.per_shape)

    def _visit(self, path: str) -> tuple[str, list[str]] | None:
        response = self.page.goto(path)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            return None
        landed = self._local(self.page.url) or path  # after any redirect
        # The links as the page came (before `on_page` waits for it or resizes it).
        hrefs = self.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        if self.on_page is not None and landed not in self._opened:
            self._opened.add(landed)
            self.on_page(landed, response)
        return landed, [link for link in map(self._local, hrefs) if link is not None]

    def switch_language(self, language: str) -> None:
        """Click the page's own English/Deutsch switch (a founder's choice is stored)."""
        button = self.page.locator(f"button[name=language][value={language}]").first
        if button.count():
            with self.page.expect_navigation():
                button.click()

    def check(self, path: str, *, language: str) -> None:
        """axe at each width; at a phone's width the page must not scroll sideways."""
        self._check_opened(path, self.page.goto(path), language=language)

    def _check_opened(self, path: str, response, *, language: str) -> None:
        where = f"{path} [{language}]"
        if response is not None and response.status >= 500:
            self.problems.append(f"{where}: HTTP {response.status}")
            return
        # A page that renders in the browser (the API docs) says aria-busy until it is done.
        expect(self.page.locator("[aria-busy=true]")).to_have_count(0)
        self.check_here(where)

    def check_here(self, where: str) -> None:
        self._check_structure(where)
        for width in WIDTHS:
            self.page.set_viewport_size({"width": width, "height": HEIGHT})
            found = axe.violations(self.page)
            if found:
                self.problems.append(axe.describe(found, where=f"{where} @{width}px"))
            if width < 600:
                overflow = self.page.evaluate(
                    "[document.documentElement.scrollWidth, window.innerWidth]"
                )
                if overflow[0] > overflow[1]:
                    self.problems.append(
                        f"{where} @{width}px: the page scrolls sideways"
                        f" ({overflow[0]} px wide in a {overflow[1]} px window)"
                    )
        self.page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})

    def _check_structure(self, where: str) -> None:
        """What axe does not check: a page title that names the page, and every table of the
        app's own pages inside the shared scroll box (admin pages and Swagger UI on /api/docs/
        bring their own)."""
        title, loose_tables = self.page.evaluate(
            """[document.title.trim(),
                [...document.querySelectorAll('main#main table')]
                  .filter(t => !t.closest('.table-scroll, .swagger-ui')).length]"""
        )
        if not title or title.startswith("·"):
            self.problems.append(f"{where}: the page title does not name the page ({title!r})")
        if loose_tables:
            self.problems.append(
                f"{where}: {loose_tables} table(s) outside a .table-scroll box (see app.css)"
            )

    def check_all(self, paths: list[str], *, home: str, languages=LANGUAGES) -> None:
        for language in languages:
            self.page.goto(home)
            self.switch_language(language)
            for path in paths:
                self.check(path, language=language)

    def discover_and_check(self, *starts: str, home: str) -> list[str]:
        """`discover` then `check_all`, with the first language's checks made on each page as
        the discovery opens it (in that language): every page is checked in every language
        and opened once per language, not once more to be found."""
        first, *others = LANGUAGES
        self.page.goto(home)
        self.switch_language(first)
        self.on_page = lambda path, response: self._check_opened(path, response, language=first)
        self._opened = set()
        try:
            pages = self.discover(*starts)
        finally:
            self.on_page = None
        assert set(pages) <= self._opened, set(pages) - self._opened  # each checked as found
        self.check_all(pages, home=home, languages=others)
        return pages

    def report(self) -> str:
        return f"{len(self.problems)} problem(s):\n" + "\n".join(self.problems)


class ClientWalk:
    """The same walk through Django's test client: the HTML as the server sends it, without a
    browser (the HTML check, e2e/test_valid_html.py). `pages` keeps what each page sent."""

    ORIGIN = "http://testserver"

    def __init__(self, client, reach: Reach):
        self.client, self.reach = client, reach
        self.pages: dict[str, str] = {}

    def discover(self) -> list[str]:
        reach = self.reach
        return crawl(reach.starts, self._visit, limit=reach.limit, per_shape=reach.per_shape)

    def fetch(self, path: str, **post: str) -> tuple[str, str] | None:
        """(where it landed, its HTML) after any redirect; None when it is not an HTML page.
        With `post`, the form is sent (test client: no CSRF token needed)."""
        send = self.client.post if post else self.client.get
        response = send(path, post, follow=True) if post else send(path, follow=True)
        if "text/html" not in response.get("Content-Type", ""):
            return None
        query = response.request.get("QUERY_STRING")
        landed = response.request["PATH_INFO"] + (f"?{query}" if query else "")
        return landed, response.content.decode()

    def switch_language(self, language: str) -> None:
        """What the page's English/Deutsch switch sends (a founder's choice is stored)."""
        response = self.client.post(reverse("set_language"), {"language": language, "next": "/"})
        # The pages fetched next are labelled with this language: the switch must have taken.
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == language, language

    def _visit(self, path: str) -> tuple[str, list[str]] | None:
        fetched = self.fetch(path)
        if fetched is None:
            return None
        landed, html = fetched
        landed = self._local(self.ORIGIN + landed) or path
        self.pages.setdefault(landed, html)
        links = _Links()
        links.feed(html)
        hrefs = (urljoin(self.ORIGIN + landed, href) for href in links.hrefs)
        return landed, [link for link in map(self._local, hrefs) if link is not None]

    def _local(self, href: str) -> str | None:
        return local_path(href, origin=self.ORIGIN, allow=self.reach.allow)


class _Links(HTMLParser):
    """Every <a href> of a page (what the browser walk reads as `a.href`)."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


# The error pages a visitor can meet by following a bad link or losing a session: (who, path,
# status); "founder" opens the consultants' workspace. The 429 page shares their template.
ERROR_PAGES = (
    ("anyone", "/nicht-da/", 404),
    ("anyone", "/instructions/handover/kaputt/", 404),
    ("founder", "/admin/", 403),
)


def open_error_pages(anyone, founder) -> Iterator[tuple[object, str]]:
    """Brings each error page on screen in turn and yields (page, where): the ones above, then
    the CSRF failure (the login form sent after its cookie was lost)."""
    pages = {"anyone": anyone, "founder": founder}
    for who, path, status in ERROR_PAGES:
        page = pages[who]
        response = page.goto(path)
        assert response is not None and response.status == status, (path, response)
        yield page, f"{path} ({status})"
    anyone.goto("/accounts/login/")
    anyone.context.clear_cookies(name="csrftoken")
    anyone.locator("input[name=username]").fill("someone@example.com")
    anyone.locator("input[name=password]").fill("a-password-1")
    with anyone.expect_response(lambda r: r.request.method == "POST") as sent:
        anyone.locator("main form[method=post] [type=submit]").first.click()
    assert sent.value.status == 403, sent.value.status
    anyone.wait_for_load_state()
    yield anyone, "the login form without its CSRF cookie (403)"


def language_cookie(page, origin: str, language: str) -> None:
    """A visitor without an account chooses a language by the cookie the switch sets."""
    page.context.add_cookies([{"name": "django_language", "value": language, "url": origin}])
