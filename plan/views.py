"""The plan pages: the DRIP matrix, the roles in the replacement ladder's order, and the
hiring kit of one role (job description draft and paid test project)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts import ratelimit
from accounts.forms import add_service_errors
from accounts.selectors import founder_profile
from plan import hiring, reads, rules
from plan.forms import RoleAssignForm
from tasks import buyback, classifier, money_story, role_services
from tasks.money_reads import founder_hires

QUADRANT_TEXT = {
    rules.DELEGATION: (
        pgettext_lazy("DRIP quadrant", "Delegation"),
        _("Drains you and earns little: hand it off first, to a virtual assistant."),
    ),
    rules.REPLACEMENT: (
        pgettext_lazy("DRIP quadrant", "Replacement"),
        _("Earns well but drains you: hire someone to replace you here, step by step."),
    ),
    rules.INVESTMENT: (
        pgettext_lazy("DRIP quadrant", "Investment"),
        _("Gives you energy but earns little: keep a little of it, as an investment in you."),
    ),
    rules.PRODUCTION: (
        pgettext_lazy("DRIP quadrant", "Production"),
        _("Earns well and gives you energy: this is where your bought-back hours go."),
    ),
}
RUNG_NAMES = {
    rules.ADMIN: _("Admin"),
    rules.DELIVERY: _("Delivery"),
    rules.MARKETING: _("Marketing"),
    rules.SALES: _("Sales"),
    rules.LEADERSHIP: _("Leadership"),
}


@login_required
def drip(request):
    profile = founder_profile(user=request.user)
    rows = reads.drip_rows(profile=profile)
    for row in rows:
        placed = row["quadrant"] is not None
        row["quadrant_name"] = QUADRANT_TEXT[row["quadrant"]][0] if placed else _("not placed")
        row["dollars"] = "$" * row["rating"]
    quadrants = [
        {
            "code": code,
            "name": QUADRANT_TEXT[code][0],
            "advice": QUADRANT_TEXT[code][1],
            "tasks": [row for row in rows if row["quadrant"] == code],
        }
        for code in rules.QUADRANTS
    ]
    unplaced = [row for row in rows if row["quadrant"] is None]
    return render(
        request,
        "plan/drip.html",
        {"quadrants": quadrants, "rows": rows, "unplaced": unplaced},
    )


def _roles(profile):
    rates = profile.rates()
    hires = founder_hires(user_id=profile.user_id)
    found = []
    for role in rules.roles(reads.hand_off_tasks(profile=profile)):
        price = money_story.price(role.route, role.area, hires, rates)
        value, cost = role.hours * rates.hourly_value, role.hours * price.rate
        found.append(
            {
                "role": role,
                "name": hiring.role_name(role),
                "rung": RUNG_NAMES[role.rung],
                "rate": price.rate,
                "delegate": price.delegate,
                "monthly_cost": buyback.monthly(cost),
                "monthly_value": buyback.monthly(value),
                "monthly_net": buyback.monthly(value - cost),
            }
        )
    return found


@login_required
def roles(request):
    profile = founder_profile(user=request.user)
    return render(request, "plan/roles.html", {"roles": _roles(profile)})


def _found_role(profile, route, area) -> dict:
    found = next(
        (
            item
            for item in _roles(profile)
            if (item["role"].route, item["role"].area) == (route, area)
        ),
        None,
    )
    if found is None:
        raise Http404
    return found


@login_required
def hire(request, route, area, assign_form=None, status=200):
    profile = founder_profile(user=request.user)
    found = _found_role(profile, route, area)
    role = found["role"]
    versions = reads.instructions_of(task.key for task in role.tasks)
    tasks = [
        {
            "task": task,
            # The handover gate: a virtual assistant's task waits for its work instruction.
            "waits": classifier.needs_instruction(
                role.route, has_published_instruction=task.key in versions
            ),
        }
        for task in role.tasks
    ]
    return render(
        request,
        "plan/hire.html",
        {
            "item": found,
            "tasks": tasks,
            "assign_form": assign_form
            or RoleAssignForm(owner=request.user, route=role.route, area=role.area),
            "job": hiring.job_description(role, rate=found["rate"], versions=versions),
            "test_project": hiring.test_project(role, rate=found["rate"], versions=versions),
        },
        status=status,
    )


@login_required
@require_POST
def assign(request, route, area):
    """The role's tasks to one delegate, together; the ones that wait for their work
    instruction are named."""
    if not ratelimit.hit(ratelimit.ROLE_ASSIGN, f"founder:{request.user.pk}"):
        return ratelimit.too_many(request)
    profile = founder_profile(user=request.user)
    role = _found_role(profile, route, area)["role"]
    form = RoleAssignForm(request.POST, owner=request.user, route=role.route, area=role.area)
    if form.is_valid():
        try:
            result = role_services.role_assign(
                owner=request.user,
                route=role.route,
                area=role.area,
                delegate=form.cleaned_data["delegate"],
                start_date=form.cleaned_data["start_date"],
            )
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            _say(request, result, form.cleaned_data["delegate"].name)
            return redirect("plan_roles")
    return hire(request, route, area, assign_form=form, status=400)


def _titles(tasks) -> str:
    return ", ".join(gettext("“%(title)s”") % {"title": task.title} for task in tasks)


def _say(request, result, name: str) -> None:
    titles = _titles(result.moved)
    if result.moved:
        messages.success(
            request,
            ngettext(
                "Handed to %(name)s: %(titles)s.",
                "Handed to %(name)s together: %(titles)s.",
                len(result.moved),
            )
            % {"name": name, "titles": titles},
        )
    if result.waiting:
        messages.warning(
            request,
            ngettext(
                "Not handed over yet, it needs its published work instruction first: %(titles)s.",
                "Not handed over yet, they need their published work instruction first: "
                "%(titles)s.",
                len(result.waiting),
            )
            % {"titles": _titles(result.waiting)},
        )
