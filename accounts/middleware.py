from django.core.exceptions import ObjectDoesNotExist
from django.utils import translation


class FounderLanguageMiddleware:
    """After login, the founder's chosen language wins over the browser's and the cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            try:
                language = request.user.profile.language
            except ObjectDoesNotExist:
                language = None
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
