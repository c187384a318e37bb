"""The founder's journey as small steps, one function each, so a step can be swapped for a new
way of doing it (sign-up with a confirmed address, quick-add, the import preview) without
touching the tests that chain them.

Selectors are field names, form actions and data-* attributes: they survive a rewording by the
German editor. Each step ends on the page it leads to."""

import re

ID = re.compile(r"/(\d+)/")


def _submit(page, form: str = "main form[method=post]") -> None:
    with page.expect_navigation():
        page.locator(f"{form} [type=submit]").last.click()


def _pk(page) -> int:
    return int(ID.search(page.url).group(1))


def log_in(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    _submit(page)


def sign_up(page, email: str, password: str) -> None:
    """Sign up, then confirm the address through the mailed link in the same browser (which
    logs in and leads to the first-run step)."""
    page.goto("/accounts/signup/")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(password)
    page.locator("input[name=password2]").fill(password)
    _submit(page)
    confirm_from_mail(page, email)


def confirm_from_mail(page, email: str) -> None:
    """Open the confirmation link the app mailed to `email` (the test's outbox) and press
    its button."""
    from django.core import mail

    body = next(m.body for m in reversed(mail.outbox) if email in m.to)
    link = re.search(r"https?://\S+?(/accounts/confirm/\S+/)", body).group(1)
    page.goto(link)
    _submit(page)


def set_profile(page, **fields) -> None:
    """The settings form: fields by name, e.g. hourly_value="120", weekly_capacity="30"."""
    page.goto("/settings/")
    for name, value in fields.items():
        page.locator(f"[name={name}]").fill(str(value))
    _submit(page)
    page.locator(".alert-success").wait_for()


def add_task(
    page,
    *,
    title: str,
    area: str,
    hours: str,
    recurring: bool,
    skill: int,
    enjoyment: int,
    core: bool = False,
) -> int:
    """Today's task form (swap in quick-add here); returns the new task's id."""
    page.goto("/tasks/new/")
    page.locator("[name=title]").fill(title)
    page.locator("[name=area]").select_option(area)
    page.locator("[name=time_amount]").fill(hours)
    # How often decides recurring: a week's hours recur, "once" is a one-off project.
    page.locator("[name=time_unit]").select_option("week" if recurring else "once")
    page.locator("[name=skill]").select_option(str(skill))
    page.locator("[name=enjoyment]").select_option(str(enjoyment))
    page.locator("[name=core]").set_checked(core)
    _submit(page)
    return _pk(page)


def classification(page, task: int) -> tuple[str, str]:
    """(category, route) as the task's page shows them."""
    page.goto(f"/tasks/{task}/")
    return (
        page.locator("[data-category]").get_attribute("data-category"),
        page.locator("[data-route]").get_attribute("data-route"),
    )


def override(page, task: int, *, category: str, reason: str) -> None:
    page.goto(f"/tasks/{task}/")
    form = f"form[action='/tasks/{task}/override/']"
    page.locator(f"{form} [name=category]").select_option(category)
    page.locator(f"{form} [name=reason]").fill(reason)
    _submit(page, form)


def add_delegate(page, *, name: str, kind: str, rate: str) -> None:
    page.goto("/delegates/new/")
    page.locator("[name=name]").fill(name)
    page.locator("[name=kind]").select_option(kind)
    page.locator("[name=hourly_rate]").fill(rate)
    _submit(page)


def instruction_from_template(page, task: int) -> int:
    """Copy the first template for the task, save the draft as it is; returns the instruction."""
    page.goto(f"/instructions/templates/?task={task}")
    with page.expect_navigation():
        page.locator("form[action*='/templates/'] [type=submit]").first.click()
    _submit(page)  # the edit form: save the draft as copied
    return _pk(page)


def publish(page, instruction: int) -> None:
    page.goto(f"/instructions/{instruction}/")
    _submit(page, f"form[action='/instructions/{instruction}/publish/']")
    page.locator("[data-published]").wait_for()


def delegate(page, task: int, *, to: str) -> None:
    page.goto(f"/tasks/{task}/")
    form = f"form[action='/tasks/{task}/delegate/']"
    _choose(page.locator(f"{form} [name=delegate]"), to)
    _submit(page, form)


def handover_link(page, instruction: int, *, to: str) -> str:
    page.goto(f"/instructions/{instruction}/")
    form = f"form[action='/instructions/{instruction}/links/new/']"
    _choose(page.locator(f"{form} [name=delegate]"), to)
    _submit(page, form)
    return page.locator("[data-link-url]").first.inner_text().strip()


def _choose(select, name: str) -> None:
    """Pick the option that names the delegate (the picker adds how well they fit)."""
    for option in select.locator("option").all():
        if name in option.inner_text():
            select.select_option(option.get_attribute("value"))
            return
    raise AssertionError(f"no option names {name}")


def delegate_records_run(page, url: str, *, who: str, minutes: int) -> None:
    """The delegate, with no account: read, acknowledge, tick every step, record the run."""
    page.goto(url)
    with page.expect_navigation():
        page.locator("button[name=acknowledge]").click()
    page.locator("#run [name=performed_by]").fill(who)
    for box in page.locator("#run [name=steps]").all():
        box.check()
    page.locator("#run [name=minutes]").fill(str(minutes))
    _submit(page, "#run form")
    page.locator(".alert-success").wait_for()


def switch_language(page, language: str) -> None:
    with page.expect_navigation():
        page.locator(f"button[name=language][value={language}]").first.click()


def consultant_overview(page, email: str, password: str):
    """A consultant logs in to the admin and opens the overview of their clients."""
    page.goto("/admin/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    _submit(page, "#login-form")
    page.goto("/admin/accounts/user/overview/")
    return page.locator("#client-overview")
