"""The one message builder every email of the app goes through."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def make_message(
    name: str, to: str, ctx: dict, *, headers: dict | None = None, using: str | None = None
):
    """templates/emails/<name>-subject.txt, -body.txt and -body.html (inline styles only),
    rendered in the active language; `using` names a template engine of TEMPLATES (the
    digest's are Jinja2, under templates/jinja2/emails/)."""
    subject = " ".join(render_to_string(f"emails/{name}-subject.txt", ctx, using=using).split())
    text = render_to_string(f"emails/{name}-body.txt", ctx, using=using)
    html = render_to_string(f"emails/{name}-body.html", ctx, using=using)
    message = EmailMultiAlternatives(subject, text, to=[to], headers=headers or {})
    message.attach_alternative(html, "text/html")
    return message
