from django.urls import path

from digest import views

urlpatterns = [
    # The signed token travels in the query string (?token=…), as List-Unsubscribe gives it.
    path("digest/unsubscribe/", views.digest_unsubscribe, name="digest_unsubscribe"),
]
