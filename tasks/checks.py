"""Deployment checks of our own, next to Django's (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_is_https(app_configs, **kwargs):
    """Links in emails (unsubscribe, password reset) carry tokens: they must go over HTTPS."""
    if settings.SITE_URL.startswith("https://"):
        return []
    return [
        Warning(
            f"SITE_URL is {settings.SITE_URL!r}: links in emails would travel unencrypted.",
            hint="Set SITE_URL to the site's https:// address, e.g. https://buyback.example.com.",
            id="outsourcing.W001",
        )
    ]
