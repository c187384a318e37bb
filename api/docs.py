"""The interactive API docs: Swagger UI from drf-spectacular-sidecar (served from our own
static files, no CDN) inside a page of ours (language, title, landmarks, a heading), started by
static/js/api-docs.js so the page keeps the strict Content-Security-Policy (scripts only from
our static files, no inline script or style); static/css/api-docs.css lifts Swagger UI's
colours to WCAG AA contrast."""

from drf_spectacular.views import SpectacularSwaggerView
from rest_framework.permissions import AllowAny


class SwaggerView(SpectacularSwaggerView):
    template_name = "api/swagger_ui.html"
    authentication_classes = ()
    permission_classes = (AllowAny,)
