"""Who may cause mail, and how much (security issue #19).

The rules sit at the call sites, before anything is queued or sent:

- `may_cause_mail(user)`: an account whose address is not confirmed causes no mail but its
  own confirmation — no handover links, invitations or news — so a sign-up of a second ago
  cannot use the app to mail strangers. Staff accounts are made by the operator.
- `allowed(request, *checks)`: the rate limits of accounts/ratelimit.py, always counted per
  client IP too; `to(address)` is the per-recipient check every mail adds.
- `sent(who=, to=, why=)`: every mail is logged at INFO through one logger,
  "outsourcing.mail": who caused it, to whom, why.
"""

import logging

from django.conf import settings

from accounts import ratelimit
from accounts.models import normalize_email

log = logging.getLogger("outsourcing.mail")


def is_confirmed(user) -> bool:
    """The owner opened a link we sent to the address (staff: made by the operator)."""
    profile = getattr(user, "profile", None)
    return user.is_staff or (profile is not None and profile.email_confirmed_at is not None)


def may_cause_mail(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return is_confirmed(user)


def client_ip(request) -> str:
    """The client's address, for our limits and axes' lockout alike (AXES_CLIENT_IP_CALLABLE).
    Behind TRUSTED_PROXY_COUNT proxies that append to X-Forwarded-For, the address the
    nearest of them saw; the entries before it are the client's to forge."""
    if request is None:
        return ""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies and forwarded[-proxies]:
        return forwarded[-proxies][:45]  # an IPv6 address at most
    return request.META.get("REMOTE_ADDR", "")


def to(address: str) -> tuple[ratelimit.Limit, str]:
    """The per-recipient check. victim+1@… and victim+2@… reach one inbox: counted as one."""
    local, _at, domain = normalize_email(address).rpartition("@")
    return ratelimit.MAIL_TO, f"to:{local.split('+', 1)[0]}@{domain}"


def allowed(request, *checks: tuple[ratelimit.Limit, str]) -> bool:
    """Counts the request against its IP and every check; True when all are within limits."""
    return ratelimit.allow((ratelimit.MAIL_IP, f"ip:{client_ip(request)}"), *checks)


def sent(*, who, to: str, why: str) -> None:
    """The record of a mail that went out (who: a user, a description, or "" for an
    anonymous visitor)."""
    actor = getattr(who, "email", None) or str(who or "anonymous")
    log.info("mail %s to %s, caused by %s", why, to, actor)
