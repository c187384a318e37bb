"""The msgids of the digest's Jinja2 templates (templates/jinja2/emails/digest-*), for
`makemessages`, which reads only Django templates and Python: without this list it would drop
them from the catalogue. Never imported at run time; digest/tests/test_digest_jinja.py checks
it lists exactly what the templates use."""

from django.utils.translation import gettext_noop, ngettext_lazy

MESSAGES = [
    gettext_noop("Week %(week)s: nothing new — still %(h)s h a week bought back"),
    gettext_noop("Week %(week)s: %(h)s h a week bought back, %(r)s h to reclaim"),
    gettext_noop("Buy back your time"),
    gettext_noop("week %(week)s, %(year)s"),
    gettext_noop(
        "Nothing new this week. You still buy back %(h)s h a week, "
        "and %(r)s h a week are still to reclaim."
    ),
    gettext_noop("Your dashboard"),
    gettext_noop("Bought back: %(h)s h a week"),
    gettext_noop("+%(h)s h since last week"),
    gettext_noop("%(h)s h since last week"),
    gettext_noop("no change since last week"),
    gettext_noop("Your hours are worth %(value)s a week; handing them off costs %(cost)s."),
    gettext_noop("Of these, %(h)s h a week you dropped or automated, at no cost."),
    gettext_noop("Still to reclaim: %(r)s h a week"),
    gettext_noop("Your next moves"),
    gettext_noop("%(h)s h a week, worth %(value)s, costs about %(cost)s (%(route)s)"),
    gettext_noop("At the rate of %(name)s: %(rate)s/h."),
    gettext_noop("At your default rate of %(rate)s/h: none of your delegates fits this task."),
    gettext_noop("That is above your buyback rate of %(limit)s/h."),
    gettext_noop("Waiting for a work instruction"),
    gettext_noop("A virtual assistant takes routine work only with a written work instruction."),
    gettext_noop("Runs this week"),
    gettext_noop("That is the plan; measured: your team logged %(h)s h in runs this week."),
    gettext_noop("That is the plan; no runs were logged this week."),
    gettext_noop("%(m)s minutes logged"),
    gettext_noop("Their note:"),
    gettext_noop("Notes from your consultant"),
    gettext_noop("Your money"),
    gettext_noop(
        "Bought back now: %(h)s h a week, costing %(cost)s a month; %(net)s net a month "
        "(%(week)s a week). Basis: the tasks you have delegated, at the rates you pay."
    ),
    gettext_noop(
        "If you hand off the plan: %(h)s h a week, costing %(cost)s a month; %(net)s net a month "
        "(%(week)s a week). Basis: %(own)s h at the rate of your delegate who fits each task, "
        "%(default)s h at your default rates."
    ),
    gettext_noop(
        "Your budget: %(total)s of %(budget)s a month (%(now)s now + %(plan)s for the plan)."
    ),
    gettext_noop("Over budget by %(over)s a month."),
    gettext_noop("Within budget: %(under)s a month to spare."),
    gettext_noop(
        "Your default virtual assistant rate (%(rate)s/h) is above your buyback rate of "
        "%(limit)s/h."
    ),
    gettext_noop(
        "Your default specialist rate (%(rate)s/h) is above your buyback rate of %(limit)s/h."
    ),
    gettext_noop("These next moves fit within the budget:"),
    gettext_noop("%(monthly)s a month, %(net)s net a week"),
    gettext_noop("None of your next moves fits what the budget leaves."),
    gettext_noop("Change the weekday and hour, or turn the digest off"),
    gettext_noop("Unsubscribe from the weekly digest"),
]
PLURALS = [
    ngettext_lazy("No run recorded for %(days)s day", "No run recorded for %(days)s days", "days"),
    ngettext_lazy("last run %(days)s day ago", "last run %(days)s days ago", "days"),
    ngettext_lazy("%(n)s run", "%(n)s runs", "n"),
    ngettext_lazy("%(n)s with unchecked steps", "%(n)s with unchecked steps", "n"),
    ngettext_lazy("and %(counter)s more", "and %(counter)s more", "counter"),
]
