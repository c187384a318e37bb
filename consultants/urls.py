from django.urls import path

from consultants import views

urlpatterns = [
    path("consultants/invite/", views.invite_create, name="invite_create"),
    path("invitations/<str:signed>/", views.invite_answer, name="invite_answer"),
    path(
        "settings/consultants/<int:pk>/remove/",
        views.consultant_remove,
        name="consultant_remove",
    ),
]
