"""A keyboard user: the first Tab reaches a skip link, and every control shows where focus is."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  return {tag: el.tagName, name: el.name || el.textContent.trim().slice(0, 40),
          outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
}"""


def test_the_first_tab_reaches_a_skip_link_that_jumps_to_the_content(open_as, alice):
    page = open_as(alice)
    page.goto("/")
    page.keyboard.press("Tab")
    link = page.locator(".skip-link")
    expect(page.locator(".skip-link")).to_be_focused()
    box = link.bounding_box()
    assert box is not None and box["y"] >= 0, "the skip link must be on screen once focused"
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()


@pytest.mark.parametrize("path", ["/", "/tasks/new/", "/accounts/login/"])
def test_every_control_shows_a_visible_focus_outline(open_as, alice, path):
    page = open_as(None if path.startswith("/accounts/") else alice)
    page.goto(path)
    seen = [page.evaluate(FOCUSED)]  # a field with autofocus starts focused
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "BODY":
            break
        seen.append(focused)
    seen = [f for f in seen if f["tag"] != "BODY"]
    assert len(seen) >= 5, seen
    invisible = [f for f in seen if f["outline"] == "none" or f["width"] < 2]
    assert not invisible, f"no visible focus on: {invisible}"
