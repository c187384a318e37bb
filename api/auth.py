"""How the API knows the founder: a personal access token (Authorization: Bearer …), its
scope, and a rate limit per token."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions, permissions, throttling

from api import tokens


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as: Bearer <token>."))
        token = tokens.token_resolve(secret=header[1])
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is unknown or revoked."))
        return token.founder, token

    def authenticate_header(self, request):
        return self.keyword


class TokenScope(permissions.BasePermission):
    """Every request needs a token; writing needs a read-and-write one."""

    message = _("This token may only read. Create a read-and-write token to change data.")

    def has_permission(self, request, view):
        if request.auth is None:
            raise exceptions.NotAuthenticated(_("Send a personal access token."))
        return request.method in permissions.SAFE_METHODS or request.auth.can_write


class PerTokenThrottle(throttling.SimpleRateThrottle):
    """API_RATE requests per token (a script's loop cannot swamp the app)."""

    scope = "token"

    def get_rate(self):
        return settings.API_RATE

    def get_cache_key(self, request, view):
        if request.auth is None:
            return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
