"""Forgot password, and the squatted address (security issue #19).

- The reset mail goes to every active account with the address, confirmed or not: for an
  unconfirmed one it is a confirm-and-set-password link, so whoever signed up with someone
  else's address cannot lock its owner out. Setting the password through the link confirms
  the address (the link reached its inbox) and lifts the address's log-in lockout.
- Limits per recipient address and per IP; the page answers the same whether or not a mail
  went out, and whether or not the address has an account.
- The link is built from SITE_URL, never from the request's Host header.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.tokens import default_token_generator
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import mailing, ratelimit
from accounts.models import Profile, User, normalize_email
from accounts.passwords import PasswordResetForm, SetPasswordForm
from accounts.throttle import address_key


def reset_url(user: User) -> str:
    """An absolute link to set a new password (it confirms an unconfirmed address too)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return f"{settings.SITE_URL}{path}"


def link_sent(user: User) -> None:
    """A link that confirms went out: an unconfirmed account lives as long as that link
    (accounts.confirmation.unconfirmed_stale)."""
    Profile.objects.filter(user=user, email_confirmed_at__isnull=True).update(
        confirmation_sent_at=timezone.now()
    )


class AccountPasswordResetForm(PasswordResetForm):
    def get_users(self, email):
        return super().get_users(normalize_email(email))

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        user = context["user"]
        context = {**context, "confirming": not mailing.is_confirmed(user)}
        super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
        if context["confirming"]:
            link_sent(user)
        mailing.sent(who="", to=user.email, why="password reset")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = AccountPasswordResetForm

    def form_valid(self, form):
        if mailing.allowed(self.request, mailing.to(form.cleaned_data["email"])):
            site = urlsplit(settings.SITE_URL)
            form.save(
                domain_override=site.netloc + site.path.rstrip("/"),
                use_https=site.scheme == "https",
                token_generator=self.token_generator,
                from_email=self.from_email,
                email_template_name=self.email_template_name,
                subject_template_name=self.subject_template_name,
                request=self.request,
                html_email_template_name=self.html_email_template_name,
                extra_email_context=self.extra_email_context,
            )
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm

    def form_valid(self, form):
        response = super().form_valid(form)
        Profile.objects.filter(user=form.user, email_confirmed_at__isnull=True).update(
            email_confirmed_at=timezone.now()
        )
        # The link reached the inbox: the owner is back in, whatever was guessed before.
        ratelimit.clear(ratelimit.LOGIN_ADDRESS, address_key(form.user.email))
        return response
