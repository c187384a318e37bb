"""Settings → "API and calendar": personal access tokens (created, shown once, revoked) and
the secret calendar feed; and the feed itself."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.forms import add_service_errors
from api import calendar, tokens
from api.models import AccessToken, CalendarFeed


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=80,
        help_text=gettext_lazy("The tool or script that uses it, e.g. Zapier."),
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("It may"),
        choices=AccessToken.SCOPE_CHOICES,
        initial=AccessToken.READ,
        widget=forms.RadioSelect,
    )


def _page(request, form, *, status=200):
    # The secret of a token or feed just created: shown on this one page view, then gone.
    shown = request.session.pop("shown_secret", None)
    ctx = {
        "form": form,
        "tokens": AccessToken.objects.filter(founder=request.user, revoked_at__isnull=True),
        "new_secret": shown if shown and shown.get("kind") == "token" else None,
        "new_feed_url": shown["value"] if shown and shown.get("kind") == "feed" else "",
        "has_feed": CalendarFeed.objects.filter(founder=request.user).exists(),
    }
    return render(request, "api/settings.html", ctx, status=status)


@login_required
def api_settings(request):
    return _page(request, TokenForm())


@login_required
@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            token, secret = tokens.token_create(founder=request.user, **form.cleaned_data)
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            request.session["shown_secret"] = {"kind": "token", "value": secret, "name": token.name}
            return redirect("api_settings")
    return _page(request, form, status=400)


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(AccessToken, pk=pk, founder=request.user, revoked_at__isnull=True)
    tokens.token_revoke(token=token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api_settings")


@login_required
@require_POST
def feed_create(request):
    key = tokens.calendar_feed_create(founder=request.user)
    url = request.build_absolute_uri(reverse("calendar_feed", args=[key]))
    request.session["shown_secret"] = {"kind": "feed", "value": url}
    return redirect("api_settings")


@login_required
@require_POST
def feed_revoke(request):
    tokens.calendar_feed_revoke(founder=request.user)
    messages.success(request, _("The calendar link is revoked; calendars get nothing new from it."))
    return redirect("api_settings")


def calendar_feed(request, key):
    """The feed: no log-in (calendars cannot), the secret key in the URL instead."""
    founder = tokens.calendar_feed_founder(key=key)
    if founder is None:
        raise Http404
    response = HttpResponse(calendar.feed(founder), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
