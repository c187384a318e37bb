"""The trimmed Bootstrap (static/vendor/bootstrap/bootstrap.purged.min.css, `make css`) draws
every page exactly as the full one does: in Chromium, at a desktop and a phone width, each
page and state is loaded with the trimmed stylesheet, then the full one is put in its place,
and every element's computed style must stay the same. A template that starts using a
Bootstrap class the trimmed file lacks fails here until `make css` is run again.

The trimmed shots are kept in test-results/trimmed-css/ for a reader to look at."""

from pathlib import Path

import pytest

from accounts.models import User
from sops import demo as sops_demo
from sops import services as sop_services
from sops.models import HandoverLink
from tasks import demo
from tasks.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent
FULL = ROOT / "static" / "vendor" / "bootstrap" / "bootstrap.min.css"
SHOTS = ROOT / "test-results" / "trimmed-css"
WIDTHS = (1366, 375)


def _invalid_submit(page):
    """The form posted empty: every field in its error state."""
    page.locator("main form button[type=submit]").click()
    page.locator(".is-invalid").first.wait_for()


def _menu_open(page):
    page.get_by_role("button", name="Menu").click()
    page.locator("#nav.show").wait_for()
    page.wait_for_function("!document.querySelector('.collapsing')")


# Every element's computed style (its ::before and ::after too, where they exist), one string
# each, kept in the page; the second call answers the elements whose string changed.
STYLES = """(keep) => {
  const all = Array.from(document.querySelectorAll("body, body *")).flatMap((el) =>
    [null, "::before", "::after"].map((pseudo) => {
      const style = getComputedStyle(el, pseudo);
      const classes = typeof el.className === "string" ? el.className.trim() : "";
      const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        (classes ? "." + classes.split(/\\s+/).join(".") : "") + (pseudo || "");
      if (pseudo && style.getPropertyValue("content") === "none") return name + " {none}";
      const values = Array.from(style).map((p) => p + ":" + style.getPropertyValue(p));
      return name + " {" + values.join(";") + "}";
    }));
  if (keep) { window.trimmedStyles = all; return []; }
  if (all.length !== window.trimmedStyles.length) return ["the number of elements"];
  return all.filter((one, i) => one !== window.trimmedStyles[i]).map((one) => one.split(" {")[0]);
}"""
# Swaps the trimmed stylesheet for the full one in the same page load: a second visit could
# show other content (news marked as read, a freshly signed link).
SWAP = """() => new Promise((done) => {
  const trimmed = document.querySelector('link[href*="bootstrap.purged"]');
  const full = trimmed.cloneNode();
  full.href = "/full-bootstrap.css";
  full.onload = () => { trimmed.remove(); requestAnimationFrame(() => done()); };
  trimmed.after(full);
})"""


def _compare(open_as, user, path, width, action, shot: Path) -> list[str]:
    """The elements whose computed style differs between the trimmed and the full stylesheet
    (a screenshot with the trimmed one is kept). Computed styles, not pixels: anti-aliased
    corners differ by a shade from one paint to the next."""
    page = open_as(user)
    page.route(
        "**/full-bootstrap.css",
        lambda route: route.fulfill(path=str(FULL), content_type="text/css"),
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path)  # waits for the load event: stylesheets, scripts, images
    # After it, only charts.js fetches more (Chart.js, for a chart near the screen): on a page
    # with a chart, wait until the network is quiet; elsewhere its half-second wait is idle.
    if page.locator("canvas[data-chart]").count():
        page.wait_for_load_state("networkidle")
    if action:
        action(page)
    # The charts are drawn by Chart.js on a canvas, not by the stylesheet.
    page.screenshot(path=shot, full_page=True, animations="disabled", mask=[page.locator("canvas")])
    page.evaluate(STYLES, True)
    page.evaluate(SWAP)
    return page.evaluate(STYLES, False)


def test_the_trimmed_bootstrap_draws_every_page_as_the_full_one(open_as):
    sops_demo.seed(founders=1, tasks=20)
    founder = User.objects.get(email=demo.DEMO_EMAIL)
    task = Task.objects.filter(owner=founder).order_by("pk").first()
    link = HandoverLink.objects.select_related("instruction").get(instruction__owner=founder)
    instruction = link.instruction.pk
    cases = [
        ("dashboard", founder, "/", None),
        ("task-list", founder, "/tasks/", None),
        ("task", founder, f"/tasks/{task.pk}/", None),
        ("three-lists", founder, "/tasks/lists/", None),
        ("instruction", founder, f"/instructions/{instruction}/", None),
        ("instruction-edit", founder, f"/instructions/{instruction}/edit/", None),
        ("settings", founder, "/settings/", None),
        ("handover", None, sop_services.handover_path(link), None),
        ("sign-up", None, "/accounts/signup/", None),
        ("sign-up-errors", None, "/accounts/signup/", _invalid_submit),
        ("login", None, "/accounts/login/", None),
        ("menu-open", founder, "/tasks/lists/", _menu_open),
    ]
    SHOTS.mkdir(parents=True, exist_ok=True)
    differ = []
    for name, user, path, action in cases:
        for width in WIDTHS:
            if name == "menu-open" and width != 375:
                continue  # the menu folds away only on a phone
            changed = _compare(open_as, user, path, width, action, SHOTS / f"{name}-{width}.png")
            if changed:
                differ.append(f"{name} at {width} px: {changed[:5]}")
    assert not differ, f"the trimmed Bootstrap draws these differently: {differ} ({SHOTS})"
