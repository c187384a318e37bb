"""The interactive API docs: Swagger UI from drf-spectacular-sidecar (served from our own
static files, no CDN), with its start script as a file of its own so the page keeps the
strict Content-Security-Policy (no inline script or style)."""

from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny


class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    authentication_classes = ()
    permission_classes = (AllowAny,)
