"""The first run: before the first figures, what drives them all (the founder's hour, week,
budget and the rates of help where they hire)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.forms import FirstRunForm, add_service_errors
from accounts.selectors import founder_profile
from accounts.services import FIRST_RUN_FIELDS
from tasks.founder_settings import profile_first_run


@login_required
def first_run(request):
    """Before the first figures: what an hour of the founder's time is worth."""
    profile = founder_profile(user=request.user)
    initial: dict[str, object] = {"currency": profile.currency}
    if profile.hourly_value_confirmed:
        initial.update({name: getattr(profile, name) for name in FIRST_RUN_FIELDS})
    form = FirstRunForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            profile_first_run(profile=profile, **form.cleaned_data)
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(request, _("Welcome! Start by listing the tasks on your plate."))
            return redirect("dashboard")
    status = 400 if request.method == "POST" else 200
    return render(request, "tasks/first_run.html", {"form": form}, status=status)
