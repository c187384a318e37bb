"""The Jinja2 environment of the digest's email templates (templates/jinja2/emails/digest-*).

Jinja2 compiles a template to Python once; rendering the digest's three templates costs a
fraction of what Django's template engine takes (docs/performance.md). Translations are
Django's own (gettext/ngettext of the active language, the same catalogue and msgids as
`{% blocktranslate %}`), numbers go through the same filters as the app's templates, HTML is
escaped and text is not.
"""

from django.utils.translation import gettext, ngettext
from jinja2 import Environment, select_autoescape

from tasks.templatetags.buyback_tags import capacity_sentence, hours, hours_h, money


def environment(**options) -> Environment:
    options.update(
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        # Django's templates keep the file's last newline; the text part ends with it.
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env = Environment(**options)  # noqa: S701  (autoescape is select_autoescape, above)
    # Added by the i18n extension, so the stubs do not know it.
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        capacity_sentence=capacity_sentence, hours=hours, hours_h=hours_h, money=money
    )
    return env
