from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone, translation

from tasks import money


class FounderLanguageMiddleware:
    """After login, the founder's chosen language wins over the browser's and the cookie; their
    time zone and currency are active for the request, so every time and amount shown is
    theirs (the admin's too)."""

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
            timezone.activate(profile.time_zone)
            money.activate(profile.currency)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
            money.deactivate()
