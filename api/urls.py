from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from api import views
from api.docs import SwaggerView

router = SimpleRouter()
router.register("tasks", views.TaskViewSet, basename="api-task")
router.register("delegates", views.DelegateViewSet, basename="api-delegate")
router.register("instructions", views.InstructionViewSet, basename="api-instruction")
router.register("runs", views.RunViewSet, basename="api-run")

urlpatterns = [
    path("", include(router.urls)),
    path("buyback/", views.BuybackView.as_view(), name="api-buyback"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    # Anything else under /api/ is a JSON 404 too, never the site's HTML page.
    re_path(r"^", views.not_found),
]
