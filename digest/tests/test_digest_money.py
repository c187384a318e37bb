"""The digest speaks the dashboard's money (issue 25): the same three cards from the same
function, the default-rate warnings and the moves that fit, in English and German. The figures
are worked out by hand in tasks/tests/test_money_story.py."""

from digest.tests.digest_support import claim_and_send, parts, plan
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
