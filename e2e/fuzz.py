"""The junk walker: every URL pattern with junk ids and junk query strings, then every page a
role reaches by links with junk posted through its real forms. Any 5xx is a finding.

Routes come from the URLconf (a new view is walked without a change here); pages are
discovered by links as the axe walk discovers them (`e2e.walk.shape` bounds them per URL
shape), through Django's test client rather than a browser, so the walk stays fast."""

import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urldefrag, urlencode, urlsplit

from django.contrib import admin
from django.urls import URLResolver, get_resolver

from e2e.walk import Frontier

# Ids as a URL gives them: "²" passes str.isdigit() but not int(), "٣" is read as 3 by
# int(), 20 digits overflow a bigint, "\x00" goes in as %00.
JUNK_IDS = ["²", "٣", "99999999999999999999", "-1", "x" * 300, "\x00"]
# Values for query strings and form fields.
HUGE = "Ü" * 5_000
CONTROL = "\x1b[31m\x07\u202eevil\u2066 title"
JUNK_VALUES = [HUGE, "²", "٣", "1e30", "-1", CONTROL, "1_0", "NaN"]
# What views and the admin read from query strings.
QUERY_KEYS = (
    "task from token next page p o q e all language delegate days sort order ids "
    "_changelist_filters _to_field _popup owner areas revision compare with"
).split()
# Pages a walk does not follow: they end the session, leave HTML or change the language.
NOT_FOLLOWED = re.compile(r"/logout/|/i18n/|/static/|/media/|/jsi18n/|\.csv$|export")
# The largest page the walker accepts (a re-rendered formset of 1,001 forms was 1.9 MB).
MAX_PAGE_BYTES = 1_000_000
# The most CPU one answer may take, in seconds (1,001 re-rendered forms took 30 s). CPU time,
# not wall time: a busy machine must not make the walk fail.
MAX_SECONDS = 5.0

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


def routes() -> list[str]:
    return sorted(set(url_patterns()))


def drill_downs() -> list[str]:
    """Every admin change list with a date hierarchy, drilled down past the calendar's ends."""
    paths = []
    for model, model_admin in admin.site._registry.items():
        name = model_admin.date_hierarchy
        if not name:
            continue
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/?"
        for values in (("9999",), ("9999", "12"), ("9999", "12", "31"), ("1", "1", "1"), ("²",)):
            parts = zip(("year", "month", "day"), values, strict=False)
            paths.append(base + urlencode({f"{name}__{part}": value for part, value in parts}))
    return paths


@dataclass
class Form:
    action: str
    method: str
    # (name, value, kind): kind is the input type, "select", "textarea" or "option".
    fields: list[tuple[str, str, str]] = field(default_factory=list)


class PageParser(HTMLParser):
    """The links and the forms of a page, as a browser would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self.forms.append(Form(a.get("action", ""), a.get("method", "get").lower()))
        elif tag == "option" and self._select and self.forms:
            self.forms[-1].fields.append((self._select, a.get("value", ""), "option"))
        elif not self.forms or "name" not in a:
            return
        elif tag in ("input", "button") and a.get("type") not in ("submit", "image", "reset"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.forms[-1].fields.append((a["name"], a.get("value", ""), kind))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "textarea":
            self.forms[-1].fields.append((a["name"], "", "textarea"))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


def _is_date(name: str, kind: str) -> bool:
    return kind == "date" or name.endswith(("_on", "date", "_0")) or "date" in name


def junk_posts(form: Form) -> list[dict[str, list[str]]]:
    """The form's own data, then variants: every visible field one junk value; dates past
    the calendar's end; the management forms' TOTAL_FORMS huge; hidden ids swapped."""
    base: dict[str, list[str]] = {}
    for name, value, kind in form.fields:
        if kind == "option" and name in base:
            continue  # the first option stands for the select
        base.setdefault(name, []).append(value)
    visible = [n for n, _, kind in form.fields if kind not in ("hidden", "checkbox", "radio")]
    hidden = [n for n, _, kind in form.fields if kind == "hidden" and n != "csrfmiddlewaretoken"]
    posts = [base]
    # Each post gives each field another junk value: a field meets half of them, its
    # neighbours the other half.
    for k in range(0, len(JUNK_VALUES), 2):
        rotated = JUNK_VALUES[k:] + JUNK_VALUES[:k]
        posts.append(base | {n: [rotated[i % len(rotated)]] for i, n in enumerate(visible)})
    dates = {n: ["9999-12-31"] for n, _, kind in form.fields if _is_date(n, kind)}
    if dates:
        posts.append(base | dates | {n: ["0001-01-01"] for n in dates if n.endswith("_1")})
    totals = [n for n in base if n.endswith("TOTAL_FORMS")]
    if totals:
        posts.append(base | {n: ["100000"] for n in totals})
        posts.append(base | {n: ["²"] for n in totals})
    ids = [n for n in hidden if n.endswith(("-id", "_id", "id")) or n in ("ids", "task", "pk")]
    for junk in ("²", "1", "99999999999999999999"):
        if ids:
            posts.append(base | {n: [junk] for n in ids})
    return posts


@dataclass
class Walker:
    client: object
    relogin: object = None
    max_pages: int = 40
    per_shape: int = 1
    failures: list[str] = field(default_factory=list)
    requests: int = 0

    def request(self, method: str, path: str, data=None) -> object:
        started = time.process_time()
        call = self.client.get if method == "GET" else self.client.post
        response = call(path, data or {})
        self.requests += 1
        seconds = time.process_time() - started
        where = f"{method} {path[:100]}"
        if data:
            where += f" {str(data)[:160]}"
        if response.status_code >= 500:
            self.failures.append(f"{where}: HTTP {response.status_code}")
        elif len(response.content) > MAX_PAGE_BYTES:
            self.failures.append(f"{where}: a {len(response.content)} byte page")
        elif seconds > MAX_SECONDS:
            self.failures.append(f"{where}: {seconds:.1f} s")
        if self.relogin and ("logout" in path or "/delete/" in path):
            self.relogin()
        return response

    def junk_routes(self, *, staff: bool) -> None:
        """Each URL pattern with junk in every parameter, GET and POST, junk queries too."""
        for route in routes():
            # The admin sends everyone who is not staff to its login, whatever the URL.
            # Staff get two: the admin's object ids are one <path:…> converter for all.
            junks = JUNK_IDS[:1] if not staff else JUNK_IDS[::2][:2]
            junks = junks if route.startswith("admin/") else JUNK_IDS
            for junk in junks:
                path = filled(route, junk)
                data = dict.fromkeys(QUERY_KEYS, junk)
                self.request("GET", path, data)
                self.request("POST", path, data)

    def drill(self) -> None:
        for path in drill_downs():
            self.request("GET", path)

    def discover(self, *starts: str) -> list[str]:
        """Pages reachable by links from `starts`, one (or `per_shape`) per URL shape."""
        frontier, found = Frontier(starts, self.per_shape), []
        while frontier.queue and len(found) < self.max_pages:
            path = frontier.queue.popleft()
            response = self.request("GET", path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            found.append(path)
            for href in parse(response.content.decode()).links:
                local = self._local(href, path)
                if local is not None:
                    frontier.offer(local)
        return found

    @staticmethod
    def _local(href: str, page: str) -> str | None:
        href, _ = urldefrag(href)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href:
            return None
        if href.startswith("?"):
            href = urlsplit(page).path + href
        if not href.startswith("/") or NOT_FOLLOWED.search(href):
            return None
        return href

    def post_junk(self, pages: list[str]) -> int:
        """Every form of every page, posted with junk; deleting and logging out come last."""
        posts = []
        for page in pages:
            response = self.request("GET", page)
            if response.status_code != 200:
                continue
            for form in parse(response.content.decode()).forms:
                action = self._local(form.action or page, page)
                if action is None or form.method != "post":
                    continue
                posts.extend((action, data) for data in junk_posts(form))
        # A form on several pages (the same action, the same fields) is posted its junk once.
        posts = list({(action, repr(data)): (action, data) for action, data in posts}.values())
        posts.sort(key=lambda post: "delete" in post[0] or "logout" in post[0])
        for action, data in posts:
            self.request("POST", action, data)
        return len(posts)

    def walk_queries(self, pages: list[str]) -> None:
        """Each page again with junk in every query key it might read (one request per junk)."""
        # Pages that differ by their query string alone are one path here: asked once.
        for path in dict.fromkeys(urlsplit(page).path for page in pages):
            for junk in ("²", "9999", CONTROL):
                self.request("GET", path + "?" + urlencode(dict.fromkeys(QUERY_KEYS, junk)))

    def report(self) -> str:
        return f"{len(self.failures)} finding(s) in {self.requests} requests:\n" + "\n".join(
            self.failures[:40]
        )
