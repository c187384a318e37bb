"""The digest speaks the dashboard's money (issue 25): the same three cards from the same
function, the default-rate warnings and the moves that fit, in English and German. The figures
are worked out by hand in tasks/tests/test_money_story.py."""

from accounts import services as account_services
from accounts.models import Profile
from digest.content import digest_context
from digest.tests.digest_support import MONDAY, claim_and_send, parts, plan, the_digest
from tasks.models import Delegate
from tasks.tests.money_support import money_founder


def _text(smtp_server):
    [received] = smtp_server.messages
    return parts(received["message"])


def test_the_digest_has_the_cards_figures_and_warnings(alice, smtp_server):
    money_founder(alice)
    plan(alice)
    claim_and_send()
    body = _text(smtp_server)
    text, html = body["text/plain"], body["text/html"]
    for part in (text, html):
        assert "Bought back now: 3 h a week, costing €117.00 a month; €468.00 net a month" in part
        assert "If you hand off the plan: 19 h a week, costing €2,288.00 a month" in part
        assert "12 h at the rate of your delegate who fits each task, 7 h at your default" in part
        assert "Your budget: €2,405.00 of €400.00 a month (€117.00 now + €2,288.00" in part
        assert "Over budget by €2,005.00 a month." in part
        assert "Your default virtual assistant rate (€15.00/h) is above" in part
        assert "Your default specialist rate (€60.00/h) is above your buyback rate" in part
    fits = text.split("These next moves fit within the budget:")[1].splitlines()[1:3]
    assert [line.split(":")[0] for line in fits] == ["- Customer emails", "- Social posts"]


def test_the_digest_money_in_german(alice, smtp_server):
    money_founder(alice, language="de")
    plan(alice, language="de")
    claim_and_send()
    text = _text(smtp_server)["text/plain"]
    assert "2.405,00\xa0€" in text and "2.005,00\xa0€" in text
    assert "unterm Strich" in text
    assert "Höchstsatz" in text
    assert "Outsourcing-Budget" in text
    assert "If you hand off" not in text and "Bought back now" not in text


def test_the_digest_story_is_the_dashboards(alice, alice_client, smtp_server):
    """One function computes both: the cards, the priced moves and the moves that fit are
    equal, whichever order the founder saved."""
    money_founder(alice)
    plan(alice)
    account_services.profile_set_fit_order(
        profile=Profile.objects.get(user=alice), order="cheapest"
    )
    dashboard = alice_client.get("/").context["money"]["story"]
    claim_and_send()
    digest = digest_context(
        digest=the_digest(alice),
        profile=Profile.objects.get(user=alice),
        now=MONDAY,
        unsubscribe_url="",
    )["money"]
    assert digest == dashboard
    assert [fit.item.title for fit in digest.fits] == [
        "Travel booking",
        "Social posts",
        "Data entry",
    ]
    text = _text(smtp_server)["text/plain"]
    fits = text.split("These next moves fit within the budget:")[1].splitlines()[1:4]
    assert [line.split(":")[0] for line in fits] == [
        "- Travel booking",
        "- Social posts",
        "- Data entry",
    ]


def test_each_move_in_the_digest_has_the_dashboards_one_price(alice, alice_client, smtp_server):
    """By hand: Customer emails, 5 h at Maria's €9 → costs €45, worth €225. Without a VA of
    her own (Maria turned specialist) the default €15 prices it → €75, flagged above the
    buyback rate of €11.25 — on the dashboard and in the digest alike."""
    money_founder(alice)
    plan(alice)
    html = alice_client.get("/").content.decode()
    assert "worth €225.00, costs €45.00: €180.00 net a week" in html
    assert "costs €75.00" not in html  # the default-rate price beside it is gone
    Delegate.objects.filter(owner=alice, name="Maria").update(kind="specialist")
    html = alice_client.get("/").content.decode()
    assert "worth €225.00, costs €75.00: €150.00 net a week" in html
    assert (
        "At your default virtual assistant rate of €15.00/h: none of your delegates fits this "
        "task. <strong" in html
    )
    assert html.count("data-at-default-rate") == 5  # the five moves shown
    assert html.count('data-warning="above-buyback"') == 5
    claim_and_send()
    text = _text(smtp_server)["text/plain"]
    assert "1. Customer emails — 5 h a week, worth €225.00, costs about €75.00" in text
    assert (
        "At your default rate of €15.00/h: none of your delegates fits this task. That is above "
        "your buyback rate of €11.25/h." in text
    )


def test_the_digest_prices_its_moves_in_german(alice, smtp_server):
    money_founder(alice, language="de")
    plan(alice, language="de")
    claim_and_send()
    text = _text(smtp_server)["text/plain"]
    assert "Zum Satz von Maria: 9,00\xa0€/Std." in text
    # At Maria's rate, not the default €15 (that would be 75,00 €).
    first = next(line for line in text.splitlines() if line.startswith("1. Customer emails"))
    assert "45,00\xa0€" in first and "75,00" not in first
