"""Template filters for capturing tasks: the time as the founder gave it."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tasks import how_often
from tasks.templatetags.buyback_tags import hours

register = template.Library()

TIME_AS_GIVEN = {
    how_often.DAY: gettext_noop("%(h)s h a day"),
    how_often.WEEK: gettext_noop("%(h)s h a week"),
    how_often.MONTH: gettext_noop("%(h)s h a month"),
    how_often.QUARTER: gettext_noop("%(h)s h a quarter"),
    how_often.YEAR: gettext_noop("%(h)s h a year"),
}


@register.filter
def time_as_given(task) -> str:
    """ "2 h a month", as the founder typed it (a task from before: "5 h a week")."""
    return time_phrase(*task.amount_as_given)


def time_phrase(amount, unit: str) -> str:
    """ "0.5 h a day": an amount in a unit, as the founder reads it."""
    return _(TIME_AS_GIVEN.get(unit, TIME_AS_GIVEN[how_often.WEEK])) % {"h": hours(amount)}


@register.simple_tag(takes_context=True)
def quick_capture_form(context):
    """The quick-capture form: the one with errors when the view passed it, else a fresh one."""
    from tasks.forms import QuickTaskForm

    return context.get("quick_form") or QuickTaskForm()
