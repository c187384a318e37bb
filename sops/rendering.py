"""Step text is Markdown; what reaches the page is sanitised HTML (no Django here).

Markdown passes raw HTML through, so the rendered HTML goes through nh3 (Ammonia) with a short
allow-list: no script, no event handler attribute, no javascript: or data: URL survives.
"""

import html

import markdown  # type: ignore[import-untyped]  # Markdown ships no types
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> str:
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def plain_text(text: str) -> str:
    """The words of a step without Markdown or tags, for a checkbox label or a short list."""
    words = nh3.clean(render_markdown(text), tags=set())
    return " ".join(html.unescape(words).split())
