from django.urls import path

from plan import views

urlpatterns = [
    path("plan/drip/", views.drip, name="plan_drip"),
    path("plan/roles/", views.roles, name="plan_roles"),
    path("plan/roles/<slug:route>/<slug:area>/", views.hire, name="plan_hire"),
    path("plan/roles/<slug:route>/<slug:area>/assign/", views.assign, name="plan_assign"),
]
