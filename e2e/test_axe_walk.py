"""The axe walk: every page each role can reach, in English and German, at 1366 px and 375 px,
has no axe-core violation and does not scroll sideways on a phone."""

import pytest

from e2e.walk import ANYONE, CONSULTANT, FOUNDER, LANGUAGES, Walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _walk(page, live_server, **kwargs) -> Walk:
    return Walk(page=page, origin=live_server.url, **kwargs)


def _assert_clean(walk: Walk) -> None:
    if walk.problems:
        pytest.fail(walk.report(), pytrace=False)


def test_the_pages_anyone_can_open_are_accessible(open_as, live_server):
    walk = Walk.of(open_as(None), live_server.url, ANYONE)
    pages = walk.discover_and_check(*ANYONE.starts, home="/accounts/login/")
    assert {"/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"} <= set(pages)
    _assert_clean(walk)


def test_a_delegates_handover_page_and_run_form_are_accessible(
    open_as, live_server, handover_paths
):
    unread, read, gone = handover_paths["unread"], handover_paths["read"], handover_paths["gone"]
    walk = _walk(open_as(None), live_server)
    for language in LANGUAGES:
        walk.page.goto(unread)
        walk.switch_language(language)
        walk.check(unread, language=language)
        walk.check(read, language=language)
        # The run form sent empty: its errors must be as accessible as the form.
        walk.page.locator("#run button[type=submit]").click()
        walk.page.locator(".invalid-feedback").first.wait_for()
        walk.check_here(f"handover run form with errors [{language}]")
        walk.check(gone, language=language)
    _assert_clean(walk)


def test_every_page_a_founder_reaches_from_the_dashboard_is_accessible(
    open_as, live_server, demo_founder
):
    walk = Walk.of(open_as(demo_founder), live_server.url, FOUNDER)
    pages = walk.discover_and_check(*FOUNDER.starts, home="/")
    assert len(pages) >= 10, pages
    assert {"/plan/drip/", "/plan/roles/"} <= set(pages), pages  # linked from the money cards
    print("founder pages:", pages)  # noqa: T201 — what was walked, shown with -s
    _assert_clean(walk)


def test_every_admin_page_a_consultant_reaches_is_accessible(open_as, live_server, cast):
    walk = Walk.of(open_as(cast.consultants["bob"]), live_server.url, CONSULTANT)
    pages = walk.discover_and_check(*CONSULTANT.starts, home="/admin/")
    founder = cast.founders["alice"]
    assert f"/admin/accounts/user/{founder.pk}/change/" in pages, pages
    for language in LANGUAGES:
        walk.page.goto("/admin/")
        walk.switch_language(language)
        for where in _action_forms(walk):
            walk.check_here(f"{where} [{language}]")
    _assert_clean(walk)


def _action_forms(walk: Walk):
    """Open each admin action that asks for more input (its name ends in "…") on the first row
    of each change list the consultant can see; yields where it is, on the action's form."""
    for changelist in ("/admin/tasks/task/", "/admin/sops/instruction/"):
        walk.page.goto(changelist)
        options = walk.page.locator("select[name=action] option").all_inner_texts()
        for label in (text for text in options if text.strip().endswith("…")):
            walk.page.goto(changelist)
            walk.page.locator("input[name=_selected_action]").first.check()
            walk.page.locator("select[name=action]").select_option(label=label)
            with walk.page.expect_navigation():
                walk.page.locator("button[name=index]").click()
            walk.page.locator("input[name=apply]").wait_for()
            yield f"{changelist} action {label!r}"


def test_the_advice_pages_are_accessible_with_suggestions_overrides_and_flags(
    open_as, live_server, alice, screenshot
):
    """Rate your week with suggested rows, a task with a drop/automate outcome and an
    override, and the first run with a flagged VA rate: in both languages, at both widths."""
    from decimal import Decimal

    from tasks import services

    for title, amount, unit in [
        ("Invoicing", "1", "week"),
        ("Tax return", "16", "year"),
        ("Coaching sessions", "10", "week"),
        ("Garden gnome census", "2", "once"),
    ]:
        services.task_create(owner=alice, title=title, time_amount=Decimal(amount), time_unit=unit)
    invoicing = alice.tasks.get(title="Invoicing")
    coaching = alice.tasks.get(title="Coaching sessions")
    services.task_override(task=coaching, category="time", reason="A colleague covers it", by=alice)
    walk = _walk(open_as(alice), live_server)
    for language in LANGUAGES:
        walk.page.goto("/")
        walk.switch_language(language)
        for path in (
            "/",
            "/tasks/rate/",
            f"/tasks/{invoicing.pk}/",
            f"/tasks/{coaching.pk}/",
            "/tasks/lists/",
            "/welcome/",
        ):
            walk.check(path, language=language)
            for width in (1366, 375):  # for a reviewer: test-results/
                walk.page.set_viewport_size({"width": width, "height": 900})
                screenshot(
                    walk.page, f"{path.strip('/').replace('/', '-') or 'home'}-{language}-{width}"
                )
            walk.page.set_viewport_size({"width": 1366, "height": 900})
        walk.page.goto("/welcome/")
        walk.page.fill("#id_hourly_value", "45")
        walk.page.fill("#id_weekly_capacity", "40")
        walk.page.fill("#id_monthly_budget", "500")
        walk.page.fill("#id_default_va_rate", "15")
        walk.page.fill("#id_default_specialist_rate", "60")
        walk.page.locator("form button[type=submit]").last.click()
        walk.page.locator("#id_va_rate_above_buyback").wait_for()
        walk.check_here(f"first run with a flagged VA rate [{language}]")
    _assert_clean(walk)


def test_axe_finds_what_is_wrong_on_a_page_it_has_checked_before(open_as, live_server):
    """axe goes into a document once (e2e/axe.py): a second run on the same page still sees
    what changed since the first."""
    walk = _walk(open_as(None), live_server)
    walk.check("/accounts/login/", language="en")
    assert not walk.problems, walk.report()
    walk.page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    walk.check_here("the login page with an image without alt text")
    assert "image-alt" in walk.report(), walk.report()
