from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from api import settings_views, views
from api.docs import SwaggerView

router = SimpleRouter()
router.register("tasks", views.TaskViewSet, basename="api-task")
router.register("delegates", views.DelegateViewSet, basename="api-delegate")
router.register("instructions", views.InstructionViewSet, basename="api-instruction")
router.register("runs", views.RunViewSet, basename="api-run")

# The founder's pages, outside /api/ (see outsourcing/urls.py).
settings_urls = [
    path("settings/api/", settings_views.api_settings, name="api_settings"),
    path("settings/api/tokens/", settings_views.token_create, name="token_create"),
    path("settings/api/tokens/<int:pk>/revoke/", settings_views.token_revoke, name="token_revoke"),
    path("settings/api/calendar/", settings_views.feed_create, name="calendar_feed_create"),
    path("settings/api/calendar/revoke/", settings_views.feed_revoke, name="calendar_feed_revoke"),
    path("calendar/<str:key>.ics", settings_views.calendar_feed, name="calendar_feed"),
]

urlpatterns = [
    path("", include(router.urls)),
    path("buyback/", views.BuybackView.as_view(), name="api-buyback"),
    path("handover/<str:signed>/runs/", views.HandoverRunView.as_view(), name="api-handover-run"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    # Anything else under /api/ is a JSON 404 too, never the site's HTML page.
    re_path(r"^", views.not_found),
]
