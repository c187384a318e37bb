"""Password guessing stops at django-axes, for the log-in and the password-change form alike
(security issue #8, hole 6): both count failures against the same (address, IP) pair.

Guessing from many IPs meets a second, slower and longer limit on the address alone
(security issue #19): ratelimit.LOGIN_ADDRESS failures a day, whatever the IP; then the
address logs in only after setting a new password through the mailed link."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from accounts import ratelimit
from accounts.models import normalize_email
from accounts.passwords import LoginForm, PasswordChangeForm

EMAIL_MAX_LENGTH = 254  # RFC 5321, and Django's EmailField


def axes_username(request, credentials) -> str:
    """The address as axes counts it: normalised like the stored one, and no longer than
    an address can be (axes stores it in 255 characters: a longer one was a 500 on
    PostgreSQL)."""
    username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if username is None and request is not None:
        username = getattr(request, "POST", {}).get(settings.AXES_USERNAME_FORM_FIELD)
    return normalize_email(username or "")[:EMAIL_MAX_LENGTH]


ADDRESS_LOCKED = _(
    "Too many wrong passwords for this address today. Set a new password through "
    "“Forgot your password?”, or try again tomorrow."
)


def address_key(address: str) -> str:
    return f"login:{normalize_email(address)[:EMAIL_MAX_LENGTH]}"


@receiver(user_login_failed)
def _count_failure_per_address(sender, credentials, request=None, **kwargs):
    address = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if address:
        ratelimit.hit(ratelimit.LOGIN_ADDRESS, address_key(address))


def address_locked(address: str) -> bool:
    return ratelimit.exhausted(ratelimit.LOGIN_ADDRESS, address_key(address))


class ThrottledLoginForm(LoginForm):
    """Refused before the password is even checked once the address is locked: the right
    password does not get through either."""

    def clean(self):
        if address_locked(self.cleaned_data.get("username") or ""):
            raise ValidationError(ADDRESS_LOCKED, code="address_locked")
        return super().clean()


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """A wrong old password counts as a failed log-in for this account and address."""

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        if address_locked(self.user.email):
            raise ValidationError(ADDRESS_LOCKED, code="address_locked")
        try:
            return super().clean_old_password()
        except ValidationError:
            user_login_failed.send(
                sender=__name__,
                credentials={settings.AXES_USERNAME_FORM_FIELD: self.user.email},
                request=self.request,
            )
            raise


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def post(self, request, *args, **kwargs):
        credentials = {settings.AXES_USERNAME_FORM_FIELD: request.user.email}
        if AxesProxyHandler.is_locked(request, credentials):
            return get_lockout_response(request, credentials=credentials)
        return super().post(request, *args, **kwargs)
