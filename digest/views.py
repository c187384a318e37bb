"""The digest's preview and test send; one-click unsubscribe (RFC 8058), with no login.

The link is signed per founder. A GET — which mail scanners make too — only shows a
confirmation form; a POST (the form, or a mail client's one-click POST) turns the digest off.
A tampered token changes nothing.
"""

from csp.constants import SELF
from csp.decorators import csp_replace
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts import mailing, ratelimit
from accounts.selectors import founder_profile
from digest import preview
from digest import services as digest


# The one-click POST comes from a mail client with no CSRF token; it can only turn the digest
# off for the founder the signed token names, and the GET has no effect at all.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request):
    token = request.GET.get("token", "")
    profile = digest.profile_for_token(token)
    if profile is None:
        return render(request, "digest/unsubscribe.html", {"invalid": True}, status=400)
    # The founder comes from a mail in their language, often on a phone with no cookie.
    with translation.override(profile.language):
        if request.method == "POST":
            digest.digest_unsubscribe(profile=profile)
            return render(request, "digest/unsubscribe.html", {"done": True})
        ctx = {"token": token, "email": profile.user.email}
        return render(request, "digest/unsubscribe.html", ctx)


@login_required
def digest_preview(request):
    """This week's digest as it would be sent: subject, text and HTML, in either language."""
    profile = founder_profile(user=request.user)
    language = _language(request, profile)
    parts = preview.preview_parts(
        preview.preview_message(profile=profile, now=timezone.now(), language=language)
    )
    ctx = {
        "parts": parts,
        "language": language,
        "languages": [(code, name, code == language) for code, name in settings.LANGUAGES],
    }
    return render(request, "digest/preview.html", ctx)


@login_required
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
def digest_preview_html(request):
    """The HTML part alone, for the preview page's frame."""
    profile = founder_profile(user=request.user)
    message = preview.preview_message(
        profile=profile, now=timezone.now(), language=_language(request, profile)
    )
    return HttpResponse(preview.preview_parts(message)["html"])


@login_required
@require_POST
def digest_test_send(request):
    profile = founder_profile(user=request.user)
    if not mailing.may_cause_mail(request.user):
        messages.error(request, _("Confirm your email address first; then we can mail you."))
    elif not mailing.allowed(
        request,
        (ratelimit.DIGEST_TEST, f"founder:{request.user.pk}"),
        mailing.to(request.user.email),
    ):
        messages.error(request, _("That is enough test mails for one hour; try again later."))
    else:
        preview.test_send(profile=profile, now=timezone.now())
        mailing.sent(who=request.user, to=request.user.email, why="digest test")
        messages.success(
            request,
            _(
                "A test digest is on its way to %(email)s. "
                "This week's digest still goes out as planned."
            )
            % {"email": request.user.email},
        )
    return redirect("digest_preview")


def _language(request, profile) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    wanted = request.GET.get("lang", "")
    return wanted if wanted in codes else profile.language
