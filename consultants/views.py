"""Consultants invite founders; founders answer, and may remove a consultant later."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import mailing, ratelimit
from accounts.consultants import is_consultant
from accounts.forms import EmailAddressField, add_service_errors
from accounts.models import User
from consultants import consulting
from consultants.models import ConsultantInvite


class InviteForm(forms.Form):
    email = EmailAddressField(label=gettext_lazy("The founder's email address"), max_length=254)


@login_required
def invite_create(request):
    if not is_consultant(request.user):
        raise Http404
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            if not mailing.allowed(
                request, (ratelimit.INVITE, f"consultant:{request.user.pk}"), mailing.to(email)
            ):
                raise ValidationError(_("Not sent: too many invitations today. Try again later."))
            consulting.consultant_invite(consultant=request.user, email=email)
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. They appear among your clients once they accept.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("invite_create")
    invites = ConsultantInvite.objects.filter(consultant=request.user)[:50]
    status = 400 if form.errors else 200
    return render(
        request, "tasks/invite_form.html", {"form": form, "invites": invites}, status=status
    )


@login_required
def invite_answer(request, signed):
    try:
        invite = consulting.invite_resolve(signed=signed)
    except consulting.InviteNotFound:
        return render(request, "tasks/invite_gone.html", status=410)
    error = None
    if request.method == "POST":
        accept = "accept" in request.POST
        try:
            consulting.invite_answer(invite=invite, founder=request.user, accept=accept)
        except ValidationError as err:
            error = " ".join(err.messages)
        else:
            name = invite.consultant.get_full_name() or invite.consultant.email
            if accept:
                messages.success(request, _("%(name)s is now your consultant.") % {"name": name})
            else:
                messages.success(request, _("You declined %(name)s's invitation.") % {"name": name})
            return redirect("settings")
    return render(
        request,
        "tasks/invite_answer.html",
        {"invite": invite, "error": error},
        status=400 if error else 200,
    )


@login_required
@require_POST
def consultant_remove(request, pk):
    consultant = get_object_or_404(User, pk=pk, clients__user=request.user)
    consulting.consultant_remove(founder=request.user, consultant=consultant)
    name = consultant.get_full_name() or consultant.email
    messages.success(request, _("%(name)s no longer sees your plan.") % {"name": name})
    return redirect("settings")
