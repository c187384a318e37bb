from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import confirmation, mailing
from accounts import services as account_services
from accounts.consultants import works_in_admin
from accounts.forms import SignupForm
from accounts.inputs import safe_next
from accounts.selectors import founder_profile
from accounts.signup import signup_request
from accounts.throttle import ThrottledLoginForm

SIGNUP_SESSION_KEY = "signup_email"


def signup(request):
    """The same answer for a new and a registered address (accounts/signup.py): nobody
    learns here who has an account. The founder logs in once the address is confirmed."""
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignupForm(request.POST or None, initial={"language": translation.get_language()})
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        signup_request(
            request=request,
            email=email,
            password=form.cleaned_data["password1"],
            language=form.cleaned_data["language"],
            time_zone=form.cleaned_data["time_zone"],
        )
        # Confirming from this browser logs in; from any other, the founder logs in.
        request.session[SIGNUP_SESSION_KEY] = email
        return redirect("signup_sent")
    return render(request, "registration/signup.html", {"form": form})


def signup_sent(request):
    return render(request, "registration/signup_sent.html")


def email_confirm(request, token):
    """The link from the confirmation mail: a GET shows a button (mail scanners follow
    links), the POST confirms."""
    try:
        if request.method == "POST":
            user = confirmation.email_confirm(token=token)
        else:
            user = confirmation.token_user(token=token)
    except confirmation.LinkExpired:
        return render(request, "registration/email_confirm.html", {"state": "expired"}, status=410)
    except confirmation.LinkInvalid:
        return render(request, "registration/email_confirm.html", {"state": "invalid"}, status=404)
    if request.method == "POST":
        messages.success(request, _("Thank you, your email address is confirmed."))
        if request.session.get(SIGNUP_SESSION_KEY) == user.email and user.is_active:
            # The browser that signed up, with the link from the inbox: both halves at hand.
            login(request, user, backend="accounts.backends.ModelBackend")
            return redirect("first_run")
        return redirect("dashboard" if request.user.is_authenticated else "login")
    ctx = {"email": user.email, "confirming": True}
    return render(request, "registration/email_confirm.html", ctx)


@login_required
@require_POST
def email_confirm_resend(request):
    # One answer whether or not a mail went out (a link minutes ago, or past the limits).
    if mailing.allowed(request, mailing.to(request.user.email)):
        confirmation.confirmation_send(user=request.user)
    messages.info(
        request,
        _("A link is on its way unless one went out in the last few minutes: look in your inbox."),
    )
    return redirect("dashboard")


@require_POST
def set_language(request):
    """The switch on every page: remembered in a cookie, and in the profile once logged in."""
    language = request.POST.get("language", "")
    response = safe_next(request, request.POST.get("next"), default="/")
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            account_services.profile_set_language(
                profile=founder_profile(user=request.user), language=language
            )
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language)
    return response


class LoginView(auth_views.LoginView):
    """Django's log-in with our form; a consultant lands on their clients' overview, not on
    an empty founder dashboard (unless the link they followed asked for another page)."""

    authentication_form = ThrottledLoginForm

    def get_default_redirect_url(self):
        if works_in_admin(self.request.user):
            return reverse("admin:consultant_overview")
        return super().get_default_redirect_url()
