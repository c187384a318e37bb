from django.contrib import admin
from django.urls import include, path

from outsourcing.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("instructions/", include("sops.urls")),
    path("", include("accounts.urls")),
    path("", include("digest.urls")),
    path("", include("tasks.urls")),
]
