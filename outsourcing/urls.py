from django.contrib import admin
from django.urls import include, path

from accounts import throttle

urlpatterns = [
    path("admin/", admin.site.urls),
    # Django's own, with the password change throttled and resets for confirmed addresses.
    path(
        "accounts/password_change/", throttle.PasswordChangeView.as_view(), name="password_change"
    ),
    path("accounts/password_reset/", throttle.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("instructions/", include("sops.urls")),
    path("", include("accounts.urls")),
    path("", include("digest.urls")),
    path("", include("tasks.urls")),
]
