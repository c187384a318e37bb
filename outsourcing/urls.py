from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import passwords, throttle
from outsourcing.health import healthz

# Django's login and password views with our forms (our words, du-form in German); the
# rest of django.contrib.auth.urls as Django has it. The password change is throttled like
# the log-in, and reset mails only go to confirmed addresses (accounts/throttle.py).
accounts = [
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=passwords.LoginForm),
        name="login",
    ),
    path("password_change/", throttle.PasswordChangeView.as_view(), name="password_change"),
    path("password_reset/", throttle.PasswordResetView.as_view(), name="password_reset"),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=passwords.SetPasswordForm),
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
