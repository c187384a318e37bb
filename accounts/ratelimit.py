"""One rate limit for every action that sends mail or does heavy work (security issue #19):
a fixed window per (limit, key) in Django's cache — Redis when REDIS_URL is set, so every
gunicorn worker counts together; local memory in the demo.

    if not ratelimit.hit(ratelimit.HANDOVER_SEND, f"founder:{user.pk}", f"to:{address}"):
        ...  # refuse, with the same answer whether or not a mail would have gone out

Every limit is named here, in one table, so the numbers can be read (and tuned) in one place.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Limit:
    name: str
    count: int  # attempts allowed per window
    seconds: int  # the window


def hit(limit: Limit, *keys: str) -> bool:
    """Counts one attempt under each key; True when every key is still within its limit.

    Each key counts on its own (a founder, a recipient address, an IP), so one busy key does
    not use up another's allowance; the attempt is counted even when it is refused, so
    hammering does not reset the window."""
    allowed = True
    for key in keys:
        if not _count(limit, key):
            allowed = False
    return allowed


def too_many(request: HttpRequest) -> HttpResponse:
    """The answer to a refused attempt where a page (not a form message) is the answer: 429,
    in the visitor's language, in the look of the other error pages."""
    context = {
        "heading": _("One moment, please"),
        "explanation": (
            _("You've tried this many times in a short while."),
            _("Wait a few minutes, then try again."),
        ),
    }
    return render(request, "errors/page.html", context, status=429)


def allow(*checks: tuple[Limit, str]) -> bool:
    """Several limits at once, e.g. ((HANDOVER_LINK, "link:3"), (MAIL_TO, "to:a@b")): counts
    every one and is True only when all are within their limit."""
    allowed = True
    for limit, key in checks:
        if not hit(limit, key):
            allowed = False
    return allowed


def exhausted(limit: Limit, key: str) -> bool:
    """True when the key has no attempt left; counts nothing (e.g. a lockout check)."""
    return remaining(limit, key) == 0


def clear(limit: Limit, key: str) -> None:
    """Start the key's window afresh (e.g. its owner proved who they are)."""
    cache.delete(_cache_key(limit, key))


def remaining(limit: Limit, key: str) -> int:
    """Attempts left in the current window for this key (for messages and tests)."""
    used = cache.get(_cache_key(limit, key), 0)
    return max(limit.count - used, 0)


def _count(limit: Limit, key: str) -> bool:
    cache_key = _cache_key(limit, key)
    # add() starts the window only if none is running; incr() is atomic on Redis.
    cache.add(cache_key, 0, timeout=limit.seconds)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # the window ended between add() and incr()
        cache.set(cache_key, 1, timeout=limit.seconds)
        used = 1
    return used <= limit.count


def _cache_key(limit: Limit, key: str) -> str:
    # Keys hold addresses and IPs: hashed, so any value is a safe, short cache key.
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"ratelimit:{limit.name}:{digest}"


HOUR = 3600
DAY = 24 * HOUR

# The limits. Add new ones here, named after the action they guard; docs/deploy.md and the
# README list them.
IMPORT = Limit("import", count=20, seconds=HOUR)  # uploads per founder
# Mail (accounts/mailing.py). Every mail an action causes counts against its recipient:
MAIL_TO = Limit("mail_to", count=5, seconds=HOUR)  # per recipient address, all kinds of mail
MAIL_IP = Limit("mail_ip", count=20, seconds=HOUR)  # mail-causing requests per client IP
HANDOVER_LINK = Limit("handover_link", count=3, seconds=DAY)  # sends of one handover link
FOUNDER_MAIL = Limit("founder_mail", count=20, seconds=DAY)  # handover sends per founder
INVITE = Limit("invite", count=10, seconds=DAY)  # invitations per consultant
# Password guessing across IPs: axes locks an (address, IP) pair after AXES_FAILURE_LIMIT
# failures for an hour; this locks the address itself, slower and longer.
LOGIN_ADDRESS = Limit("login_address", count=20, seconds=DAY)  # failed log-ins per address
# The delegation loop (sops, digest).
URGENT_NOTE = Limit("urgent_note", count=5, seconds=HOUR)  # urgent emails per handover link
QUESTION = Limit("question", count=20, seconds=HOUR)  # questions per handover link
DIGEST_TEST = Limit("digest_test", count=5, seconds=HOUR)  # digest test sends per founder
# Heavy work: a role's tasks handed over at once (plan/views.assign).
ROLE_ASSIGN = Limit("role_assign", count=30, seconds=HOUR)  # role hand-offs per founder
