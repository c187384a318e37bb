from django.core.exceptions import ObjectDoesNotExist
from django.utils import translation

from accounts import clock, money


class FounderLanguageMiddleware:
    """After login, the founder's chosen language wins over the browser's and the cookie;
    times show in their own time zone ("um 22:24 Uhr" is the hour on their clock, not UTC) and
    amounts in their currency (the admin's too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        profile = None
        if request.user.is_authenticated:
            try:
                profile = request.user.profile
            except ObjectDoesNotExist:
                profile = None
            if profile is not None and profile.language:
                translation.activate(profile.language)
                request.LANGUAGE_CODE = profile.language
            if profile is not None:
                clock.activate(profile.time_zone)
            if profile is not None:
                money.activate(profile.currency)
        try:
            return self.get_response(request)
        finally:
            clock.deactivate()
            money.deactivate()
