"""One-click unsubscribe from the weekly digest (RFC 8058), with no login.

The link is signed per founder. A GET — which mail scanners make too — only shows a
confirmation form; a POST (the form, or a mail client's one-click POST) turns the digest off.
A tampered token changes nothing.
"""

from django.shortcuts import render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

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
