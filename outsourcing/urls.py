from django.contrib import admin
from django.urls import include, path

from accounts import password_reset, throttle
from accounts import views as account_views
from api import urls as api_urls
from outsourcing.health import healthz

# Django's login and password views with our forms (our words, du-form in German); the
# rest of django.contrib.auth.urls as Django has it. The password change is throttled like
# the log-in (accounts/throttle.py); the reset is limited and confirms (password_reset.py).
accounts = [
    path("login/", account_views.LoginView.as_view(), name="login"),
    path("password_change/", throttle.PasswordChangeView.as_view(), name="password_change"),
    path("password_reset/", password_reset.PasswordResetView.as_view(), name="password_reset"),
    path(
        "reset/<uidb64>/<token>/",
        password_reset.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include(accounts)),
    path("accounts/", include("django.contrib.auth.urls")),
    path("instructions/", include("sops.urls")),
    path("", include("accounts.urls")),
    path("", include("privacy.urls")),
    path("api/", include("api.urls")),
    path("", include(api_urls.settings_urls)),
    path("", include("digest.urls")),
    path("", include("dashboard.urls")),
    path("", include("plan.urls")),
    path("", include("consultants.urls")),
    path("", include("tasks.urls")),
]

# Our own error pages, in the visitor's language (outsourcing/errors.py).
handler400 = "outsourcing.errors.bad_request"
handler403 = "outsourcing.errors.permission_denied"
handler404 = "outsourcing.errors.page_not_found"
handler500 = "outsourcing.errors.server_error"
