"""One basis, three honest cards (issue 25): the pure story, then the dashboard and the task
page of the issue's test founder (tasks/tests/money_support.py), figures worked out by hand.

Bought back: Inbox triage, 3 h at Maria's €9 → €27 a week (€117 a month), worth €135 (€585),
net €108 (€468). The plan: Customer emails 5 h, Data entry 4 h, Social posts 2 h, Travel 1 h go
to Maria (a VA fits every VA task) at €9 → 12 h, €108 a week; Market research 3 h and Podcast
editing 4 h have no fitting delegate → the default €60 → €420 a week. Plan: 19 h, €528 a week
(€2,288 a month), worth €855, net €327 (€1,417 a month). Budget: €117 + €2,288 = €2,405 of €400,
over by €2,005; room for new hand-offs €400 − €117 = €283.
Next moves (default rates: VA €30 net an hour, specialist −€15): Customer emails, Data entry,
Social posts, Travel booking, Market research; Podcast editing (−€60) is left out.
Fitting €283 a month, best net first: Customer emails €195 (195), Data entry €156 no, Social
posts €78 (273), Travel €39 no. Cheapest first: Travel €39, Social €78, Data entry €156 (273).
"""

import re
from decimal import Decimal

import pytest

from accounts import numbers
from accounts.models import Profile
from dashboard.reads import next_moves
from tasks import money_reads, money_story
from tasks.buyback import Rates, compute
from tasks.selectors import founder_buyback
from tasks.tests.money_support import money_founder

D = Decimal
RATES = Rates(D("45"), D("40"), D("400"), D("15"), D("60"))


def test_a_task_goes_to_the_best_fitting_delegate_else_to_the_default_rate():
    hires = [
        money_story.Hire("Ann", "virtual_assistant", ("sales",), D("12")),
        money_story.Hire("Maria", "virtual_assistant", ("admin",), D("9")),
        money_story.Hire("Zoe", "virtual_assistant", ("admin",), D("10")),
    ]
    assert money_story.price("virtual_assistant", "sales", hires, RATES).delegate == "Ann"
    assert money_story.price("virtual_assistant", "admin", hires, RATES).delegate == "Maria"
    at = money_story.price("virtual_assistant", "design", hires, RATES)
    assert (at.delegate, at.rate) == ("Maria", D("9"))  # kind fits, the cheaper one
    default = money_story.price("specialist", "design", hires, RATES)
    assert (default.delegate, default.rate, default.above_buyback) == (None, D("60"), True)


def test_the_moves_that_fit_follow_the_founders_order():
    def move(title, hours, rate):
        item = money_story.PlanItem(D(hours), "virtual_assistant", "admin", hash(title), title)
        at = money_story.Price(D(rate), "M", False)
        return money_story.Priced(cost=D(hours) * D(rate), value=D(hours) * 45, item=item, price=at)

    moves = [move("A", "5", "9"), move("B", "4", "9"), move("C", "2", "9"), move("D", "1", "9")]
    best = money_story.moves_that_fit(moves, room=D("283"), order=numbers.BEST_NET_FIRST)
    cheap = money_story.moves_that_fit(moves, room=D("283"), order=numbers.CHEAPEST_FIRST)
    assert [m.item.title for m in best] == ["A", "C"]
    assert [m.item.title for m in cheap] == ["D", "C", "B"]


def test_the_story_of_the_issues_founder(db, alice):
    money_founder(alice)
    profile = Profile.objects.get(user=alice)
    figures = founder_buyback(profile=profile)
    story = money_reads.founder_story(
        profile=profile, figures=figures, moves=[row.move for row in next_moves(profile=profile)]
    )
    assert (story.bought_back.hours, story.bought_back.cost) == (D("3"), D("27"))
    assert story.bought_back.monthly_net == D("468")
    assert (story.plan.hours, story.plan.cost, story.plan.value) == (D("19"), D("528"), D("855"))
    assert (story.plan_at_delegates_hours, story.plan_at_default_hours) == (D("12"), D("7"))
    assert story.plan.monthly_cost == D("2288")
    assert (story.budget.total_monthly, story.budget.over_by) == (D("2405"), D("2005"))
    assert [p.item.title for p in story.fits] == ["Customer emails", "Social posts"]
    assert [d.route for d in story.defaults_above_buyback] == ["virtual_assistant", "specialist"]
    assert compute([], RATES).net == 0


@pytest.mark.parametrize(
    ("fit", "expected"),
    [
        ("", ["Customer emails", "Social posts"]),
        ("net", ["Customer emails", "Social posts"]),
        ("cheapest", ["Travel booking", "Social posts", "Data entry"]),
    ],
)
def test_the_dashboard_shows_three_cards_the_warnings_and_the_moves_that_fit(
    alice_client, alice, fit, expected
):
    tasks = money_founder(alice)
    if fit:  # the founder's choice is saved, not carried in the address
        response = alice_client.post("/money/fit-order/", {"order": fit})
        assert response.status_code == 302
        assert Profile.objects.get(user=alice).fit_order == fit
    html = alice_client.get("/").content.decode()
    assert 'data-figure="bought-back">3 h/week' in html
    assert "Basis: the tasks you have delegated, at the rates you pay." in html
    assert (
        "12 h priced at the rate of your delegate who fits each task, 7 h at your default" in html
    )
    assert "€2,405.00 of €400.00 a month" in html
    assert "Over budget by €2,005.00 a month." in html
    above = "is above your buyback rate of €11.25/h."
    assert f"Your default virtual assistant rate (€15.00/h) {above}" in html
    assert f"Your default specialist rate (€60.00/h) {above}" in html
    fits = [int(pk) for pk in re.findall(r'data-fit="(\d+)"', html)]
    assert fits == [tasks[title].pk for title in expected]
    # The one move priced at a default rate is flagged; Maria's moves are not.
    assert html.count('data-warning="above-buyback"') == 1
    assert "At the rate of Maria: €9.00/h." in html


def test_the_task_page_gives_the_money_and_why_a_hand_off_is_left_out(alice_client, alice):
    tasks = money_founder(alice)
    html = alice_client.get(f"/tasks/{tasks['Podcast editing'].pk}/").content.decode()
    assert 'data-figure="task-value">€180.00' in html
    assert 'data-figure="task-money-cost">€240.00' in html
    assert 'data-figure="task-net">-€60.00' in html
    assert 'data-figure="task-net-month">-€260.00' in html
    assert (
        "at the default rate of €60.00/h it costs €60.00 a week more than doing it yourself" in html
    )
    shown = alice_client.get(f"/tasks/{tasks['Travel booking'].pk}/").content.decode()
    assert "data-left-out" not in shown
    assert "At the rate of Maria: €9.00/h." in shown


def test_german_says_unterm_strich_and_hoechstsatz(alice_client, alice):
    tasks = money_founder(alice, language="de")
    alice_client.cookies["django_language"] = "de"
    html = alice_client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Unterm Strich" in html
    assert "Höchstsatz" in html
    assert "2.005,00\xa0€ im Monat über dem Budget." in html
    assert (
        "Dein Standardsatz für eine virtuelle Assistenz (15,00\xa0€/Std.) liegt über deinem "
        "Höchstsatz von 11,25\xa0€/Std." in html
    )
    assert "Diese nächsten Schritte passen hinein:" in html
    fits = [int(pk) for pk in re.findall(r'data-fit="(\d+)"', html)]
    assert fits == [tasks["Customer emails"].pk, tasks["Social posts"].pk]
    # One price a move: Maria's, in German.
    assert "Zum Satz von Maria: 9,00\xa0€/Std." in html
    page = alice_client.get(f"/tasks/{tasks['Podcast editing'].pk}/").content.decode()
    assert "60,00" in page and "Unterm Strich" in page
    assert (
        "Nicht unter deinen nächsten Schritten: Zum Standardsatz von 60,00\xa0€/Std. kostet sie "
        "60,00\xa0€ pro Woche mehr" in page
    )


def test_the_fit_order_is_one_of_the_two_and_only_posted(alice_client, alice):
    money_founder(alice)
    response = alice_client.post("/money/fit-order/", {"order": "random"}, follow=True)
    assert "Choose one of the orders offered." in response.content.decode()
    assert Profile.objects.get(user=alice).fit_order == "net"
    assert alice_client.get("/money/fit-order/?order=cheapest").status_code == 405
    assert Profile.objects.get(user=alice).fit_order == "net"
    # The choices of the saved field are the story's orders.
    codes = {code for code, _label in Profile._meta.get_field("fit_order").choices}
    assert codes == set(numbers.FIT_ORDERS)


def test_the_settings_flag_a_default_rate_above_the_buyback_rate(alice_client, alice):
    money_founder(alice)
    html = alice_client.get("/settings/").content.decode()
    assert html.count('data-warning="default-rate"') == 2
    Profile.objects.filter(user=alice).update(default_va_rate=D("11.25"))
    html = alice_client.get("/settings/").content.decode()
    assert html.count('data-warning="default-rate"') == 1
    assert "Your default specialist rate (€60.00/h)" in html
