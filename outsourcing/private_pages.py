"""No shared or browser cache keeps a private page: every page a logged-in user gets (the
dashboard, settings, the CSV export, the admin) and the pages opened through a secret link
(a delegate's handover page, an invitation, a password reset) answer
`Cache-Control: no-store, private`. One middleware, so a new view is covered too."""

from django.utils.cache import add_never_cache_headers

# Pages a link's secret opens without a login.
SECRET_LINK_PAGES = {
    "handover",
    "invite_answer",
    "password_reset_confirm",
    "email_confirm",
    "digest_unsubscribe",
}


def is_private(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name in SECRET_LINK_PAGES


class PrivatePagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_private(request):
            # max-age=0, no-cache, no-store, must-revalidate, private
            add_never_cache_headers(response)
        return response
