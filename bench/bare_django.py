"""The ceiling of bench/dashboard.py: Django itself with nothing of the app — no middleware,
no installed apps, no database, one view returning a one-line HttpResponse.

    gunicorn --chdir bench bare_django:application

Its settings and its URLconf are this module: what is left is Django's request and response
cycle under the same gunicorn settings as the app.
"""

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

urlpatterns = [path("", lambda request: HttpResponse("ok"))]
application = get_wsgi_application()
