"""A role's job description draft and its paid test project, as Markdown in the active
language (Martell: hire test-first, with a paid project from the playbook)."""

from django.utils.translation import gettext as _

from plan import rules
from tasks.models import AREA_CHOICES, ROUTE_CHOICES
from tasks.money_text import amount
from tasks.templatetags.buyback_tags import hours as hours_text

AREAS = dict(AREA_CHOICES)
ROUTES = dict(ROUTE_CHOICES)


def role_name(role: rules.Role) -> str:
    return _("%(route)s for %(area)s") % {
        "route": ROUTES.get(role.route, role.route),
        "area": AREAS.get(role.area, role.area),
    }


def job_description(role: rules.Role, *, rate, versions: dict) -> str:
    lines = [f"# {role_name(role)}", "", "## " + _("What you will do"), ""]
    for task in role.tasks:
        line = _("%(title)s — about %(h)s h a week") % {
            "title": task.title,
            "h": hours_text(task.hours),
        }
        version = versions.get(task.key)
        if version is not None and version.purpose:
            line += f": {version.purpose}"
        lines.append(f"- {line}")
    ready = sum(1 for task in role.tasks if task.key in versions)
    lines += [
        "",
        "## " + _("How we work"),
        "",
        _(
            "Every task comes with a written work instruction; %(ready)s of %(total)s are "
            "ready today. You record each run, so we both see what is done."
        )
        % {"ready": ready, "total": len(role.tasks)},
        "",
        "## " + _("Time and rate"),
        "",
        _("About %(h)s h a week, at %(rate)s an hour. We start with a paid test project.")
        % {"h": hours_text(role.hours), "rate": amount(rate)},
        "",
    ]
    return "\n".join(lines)


def test_task(role: rules.Role, versions: dict) -> rules.RoleTask | None:
    """The role's largest task with a published work instruction."""
    return next((task for task in role.tasks if task.key in versions), None)


def test_project(role: rules.Role, *, rate, versions: dict) -> str:
    task = test_task(role, versions)
    if task is None:
        return ""
    version = versions[task.key]
    lines = [
        "# " + _("Paid test project: %(title)s") % {"title": task.title},
        "",
        _("Paid at %(rate)s an hour; it should take about %(minutes)s minutes.")
        % {"rate": amount(rate), "minutes": version.estimated_minutes}
        if version.estimated_minutes
        # No estimate in the instruction: the test run gives the first one.
        else _("Paid at %(rate)s an hour; note how long it took.") % {"rate": amount(rate)},
        "",
        "## " + _("The work instruction: %(title)s") % {"title": version.title},
        "",
    ]
    for number, step in enumerate(version.steps, start=1):
        lines.append(f"{number}. {step.get('text', '')}")
    lines += ["", "## " + _("Acceptance checklist"), ""]
    for step in version.steps:
        expected = step.get("expected") or ""
        lines.append(f"- [ ] {step.get('text', '')}" + (f" — {expected}" if expected else ""))
    if version.done_definition:
        lines.append(f"- [ ] {version.done_definition}")
    lines.append("")
    return "\n".join(lines)
