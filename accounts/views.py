from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tasks import services
from tasks.forms import ProfileForm, SignupForm
from tasks.views.common import add_service_errors


def signup(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignupForm(request.POST or None, initial={"language": translation.get_language()})
    if request.method == "POST" and form.is_valid():
        user = services.founder_signup(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            language=form.cleaned_data["language"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Start by listing the tasks on your plate."))
        return redirect("dashboard")
    return render(request, "registration/signup.html", {"form": form})


@login_required
def profile_settings(request):
    profile = services.founder_profile(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(profile=profile, **form.cleaned_data)
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            translation.activate(profile.language)
            messages.success(request, _("Settings saved; your tasks were re-classified."))
            response = redirect("settings")
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, profile.language)
            return response
    return render(request, "tasks/settings.html", {"form": form})


@require_POST
def set_language(request):
    """The switch on every page: remembered in a cookie, and in the profile once logged in."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = "/"
    response = redirect(next_url)
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            services.profile_set_language(
                profile=services.founder_profile(user=request.user), language=language
            )
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language)
    return response
