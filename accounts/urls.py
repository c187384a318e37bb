from django.urls import path

from accounts import views

urlpatterns = [
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/signup/sent/", views.signup_sent, name="signup_sent"),
    path("accounts/confirm/resend/", views.email_confirm_resend, name="email_confirm_resend"),
    path("accounts/confirm/<str:token>/", views.email_confirm, name="email_confirm"),
    path("i18n/setlang/", views.set_language, name="set_language"),
]
