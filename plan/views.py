"""The plan pages: the DRIP matrix, the roles in the replacement ladder's order, and the
hiring kit of one role (job description draft and paid test project)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.selectors import founder_profile
from plan import hiring, reads, rules
from tasks import buyback, money_story
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
        row["quadrant_name"] = QUADRANT_TEXT[row["quadrant"]][0]
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
    return render(request, "plan/drip.html", {"quadrants": quadrants, "rows": rows})


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


@login_required
def hire(request, route, area):
    profile = founder_profile(user=request.user)
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
    role = found["role"]
    versions = reads.instructions_of(task.key for task in role.tasks)
    return render(
        request,
        "plan/hire.html",
        {
            "item": found,
            "job": hiring.job_description(role, rate=found["rate"], versions=versions),
            "test_project": hiring.test_project(role, rate=found["rate"], versions=versions),
        },
    )
