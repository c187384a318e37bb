"""The compact step editor in a real Chromium: seven steps fit on about two screens; steps
reorder by dragging, by keyboard (Move up/down) and without JavaScript (order numbers).
And the handover page's click-to-load video player."""

import pytest
from playwright.sync_api import expect

from sops import rules, services
from sops.models import Step
from sops.tests.factories import make_instruction, published_va_task
from tasks.tests.factories import make_delegate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEVEN = [
    rules.StepData(
        text=f"Step number {n}: open the tool, check the list, and write down what you find",
        url="https://www.loom.com/share/0123456789abcdef0123456789abcdef" if n == 2 else "",
        expected="Everything is filed",
    )
    for n in range(1, 8)
]


def _texts(instruction):
    return [s.text.split(":")[0] for s in Step.objects.filter(instruction=instruction)]


@pytest.fixture
def seven(alice):
    return make_instruction(alice, steps=SEVEN)


def test_seven_steps_fit_on_about_two_screens(page, alice, log_in, seven):
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, "alice@example.com", "alice-password-1")
    page.goto(f"/instructions/{seven.pk}/edit/")
    expect(page.locator("[data-step-form]")).to_have_count(8)  # and the empty one to add
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 2200, height
    # A step without a video carries the hint; the one with a Loom link does not.
    expect(page.locator("[data-no-video]")).to_have_count(6)


def test_drag_reorders_the_steps(page, alice, log_in, seven):
    log_in(page, "alice@example.com", "alice-password-1")
    page.goto(f"/instructions/{seven.pk}/edit/")
    assert page.evaluate("!!window.Sortable"), "SortableJS did not load"
    handles = page.locator(".step-handle")
    handles.nth(0).drag_to(page.locator("[data-step-form]").nth(2))
    expect(page.locator("[data-step-summary]").nth(0)).to_contain_text("Step number 2")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    assert _texts(seven)[:3] == ["Step number 2", "Step number 3", "Step number 1"]


def test_the_keyboard_reorders_the_steps(page, alice, log_in, seven):
    log_in(page, "alice@example.com", "alice-password-1")
    page.goto(f"/instructions/{seven.pk}/edit/")
    page.get_by_role("button", name="Move down").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-step-summary]").nth(1)).to_contain_text("Step number 1")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    assert _texts(seven)[:2] == ["Step number 2", "Step number 1"]


def test_without_javascript_the_order_numbers_reorder(browser, live_server, alice, seven):
    context = browser.new_context(
        base_url=live_server.url, locale="en-US", java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("alice@example.com")
    page.get_by_label("Password").fill("alice-password-1")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/instructions/{seven.pk}/edit/")
    first = page.locator("[data-step-form]").first
    first.locator("summary").click()  # a native <details>: opens without JavaScript
    first.get_by_label("Order").fill("9")
    last = page.locator("[data-step-form]").nth(6)
    last.locator("summary").click()
    last.get_by_label("Delete").check()
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    context.close()
    assert _texts(seven) == [f"Step number {n}" for n in (2, 3, 4, 5, 6, 1)]


def test_the_handover_page_loads_a_video_only_on_click(page, alice, live_server):
    _task, instruction, _version = published_va_task(alice)
    services.instruction_save_draft(
        instruction=instruction, revision=instruction.revision, steps=SEVEN[:2]
    )
    services.instruction_publish(instruction=instruction, by=alice)
    link = services.handover_link_create(instruction=instruction, delegate=make_delegate(alice))
    response = page.goto(services.handover_path(link))
    csp = response.headers["content-security-policy"]
    assert "frame-src https://www.loom.com https://www.youtube-nocookie.com" in csp
    expect(page.locator("iframe")).to_have_count(0)  # nothing from Loom before the click
    page.get_by_role("button", name="Play the video (loads from Loom)").click()
    frame = page.locator("iframe[title='Video for step 2']")
    expect(frame).to_have_attribute(
        "src", "https://www.loom.com/embed/0123456789abcdef0123456789abcdef"
    )
