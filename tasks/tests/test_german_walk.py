"""A German walk (issue 27): every page a German founder reaches by links from the dashboard,
and the error pages, read as a German editor would — no English word (from a list of words
German does not share), no "Sie"-form and none of the terms the glossary rules out."""

import re
from collections import Counter, deque

from tasks.tests.german_support import (
    english_words,
    forbidden_words,
    formal_address,
    make_german_founder,
)

SKIP = re.compile(r"/logout/|/i18n/|/static/|/admin/|export|\.csv$|\.ics$|/api/")
LIMIT = 80


def _visible_text(html: str) -> str:
    main = html.split("<main", 1)[-1]
    main = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", main, flags=re.S)
    main = re.sub(r'<[^>]*\blang="en"[^>]*>[^<]*', " ", main)  # the language switch's "English"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def crawl(client, start: str = "/") -> dict[str, str]:
    """Pages by links, breadth-first; at most two of one shape (20 task pages are one page)."""
    pages, seen, shapes, queue = {}, {start}, Counter(), deque([start])
    while queue and len(pages) < LIMIT:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[path] = html
        for href in re.findall(r'href="(/[^"#]*)"', html):
            href = href.replace("&amp;", "&")
            shape = re.sub(r"\d+", "N", href.split("?")[0]) + ("?" if "?" in href else "")
            if href in seen or SKIP.search(href) or shapes[shape] >= 2:
                continue
            seen.add(href)
            shapes[shape] += 1
            queue.append(href)
    return pages


def test_every_page_a_german_founder_reaches_is_german(client, alice, settings):
    make_german_founder(alice)
    client.force_login(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    pages = crawl(client)
    assert len(pages) >= 10, sorted(pages)
    problems = {}
    for path, html in pages.items():
        text = _visible_text(html)
        found = english_words(text) + forbidden_words(text) + formal_address(text)
        if found:
            problems[path] = found
    assert not problems, problems


def test_the_error_pages_are_german_too(client, alice, settings):
    settings.DEBUG = False
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    for path in ("/nicht-da/", "/instructions/handover/kaputt/"):
        text = _visible_text(client.get(path).content.decode())
        assert english_words(text) + formal_address(text) == [], path
