"""Sign-up that tells nobody whether an address is registered (security issue #19).

Both a new and a registered address get the same answer ("check your inbox"), after about
the same work (one password hash). A new address gets its confirmation link; a registered
one gets "someone tried to sign up with your address" instead, with a link to set a
password — which, for an account nobody has confirmed, confirms it: whoever typed in
someone else's address cannot keep its owner out. Limited per recipient and per IP.
"""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation

from accounts import confirmation, mailing
from accounts.models import User
from accounts.password_reset import link_sent, reset_url
from accounts.services import founder_signup
from mail.messages import make_message
from mail.outbox import mail_enqueue


def signup_request(*, request, email: str, password: str, language: str, time_zone: str) -> None:
    """Open an account for a new address, or tell a registered address's owner; silently
    nothing past the limits. The caller answers the same in every case."""
    if not mailing.allowed(request, mailing.to(email)):
        make_password(password)
        return
    existing = User.objects.filter(email=email).select_related("profile").first()
    if existing is None:
        try:
            user = founder_signup(
                email=email, password=password, language=language, time_zone=time_zone
            )
        except IntegrityError:  # the same address, signed up a moment ago
            return
        confirmation.confirmation_send(user=user)
    else:
        make_password(password)
        signup_attempt_send(user=existing)


def signup_attempt_send(*, user: User) -> None:
    confirming = not mailing.is_confirmed(user)
    ctx = {
        "email": user.email,
        "confirming": confirming,
        "login_url": settings.SITE_URL + reverse("login"),
        "reset_url": reset_url(user),
    }
    language = getattr(getattr(user, "profile", None), "language", None)
    with translation.override(language or settings.LANGUAGE_CODE):
        message = make_message("signup_attempt", user.email, ctx)
    mail_enqueue(message=message, kind="signup_attempt", caused_by=None)
    if confirming:
        link_sent(user)
    mailing.sent(who="", to=user.email, why="sign-up with a registered address")
