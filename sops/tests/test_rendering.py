"""Step text is Markdown; nothing that runs code survives the sanitiser."""

import pytest

from sops.rendering import plain_text, render_markdown

NASTY = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<div onclick="alert(1)">hi</div>',
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<<script>script>alert(1)<</script>/script>",
    '<form action="https://evil.example"><input name=x></form>',
]


@pytest.mark.parametrize("text", NASTY)
def test_no_script_handler_or_javascript_url_survives(text):
    html = render_markdown(text).lower()
    for bad in ("<script", "onerror", "onclick", "javascript:", "data:", "<iframe", "<svg"):
        assert bad not in html
    assert "style=" not in html and "<form" not in html and "<input" not in html


def test_markdown_is_rendered():
    html = render_markdown("**Bold** and a [link](https://example.com)\n\n- one\n- two")
    assert "<strong>Bold</strong>" in html
    assert '<a href="https://example.com" rel="noopener noreferrer nofollow">link</a>' in html
    assert "<li>one</li>" in html


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Open **Mailchimp** <script>alert(1)</script>", "Open Mailchimp"),
        ("Sort by [oldest](https://example.com) first", "Sort by oldest first"),
        ("- one\n- two", "one two"),
        ("R&D receipts", "R&D receipts"),
    ],
)
def test_a_step_in_plain_words_keeps_the_words_and_drops_the_markup(text, plain):
    assert plain_text(text) == plain
