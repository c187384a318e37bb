from django.urls import path

from digest import views

urlpatterns = [
    # The signed token travels in the query string (?token=…), as List-Unsubscribe gives it.
    path("digest/unsubscribe/", views.digest_unsubscribe, name="digest_unsubscribe"),
    path("digest/preview/", views.digest_preview, name="digest_preview"),
    path("digest/preview/html/", views.digest_preview_html, name="digest_preview_html"),
    path("digest/test/", views.digest_test_send, name="digest_test_send"),
]
