from django.urls import path

from accounts import views

urlpatterns = [
    path("settings/", views.profile_settings, name="settings"),
    path("accounts/signup/", views.signup, name="signup"),
    path("i18n/setlang/", views.set_language, name="set_language"),
]
