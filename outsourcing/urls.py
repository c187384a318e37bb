from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import password_reset, throttle
from outsourcing.health import healthz

# Django's login and password views with our forms (our words, du-form in German); the
# rest of django.contrib.auth.urls as Django has it. The password change is throttled like
# the log-in (accounts/throttle.py); the reset is limited and confirms (password_reset.py).
accounts = [
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=throttle.ThrottledLoginForm),
        name="login",
    ),
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
    path("", include("digest.urls")),
    path("", include("dashboard.urls")),
    path("", include("consultants.urls")),
    path("", include("tasks.urls")),
]
