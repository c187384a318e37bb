from django.urls import path

from privacy import views

urlpatterns = [
    path("settings/data/", views.your_data, name="your_data"),
    path("settings/data/export/", views.data_export, name="data_export"),
    path("settings/data/download/<str:token>/", views.data_download, name="data_download"),
    path("settings/delete/", views.account_delete, name="account_delete"),
    path("privacy/", views.legal_page, {"kind": "privacy"}, name="privacy"),
    path("imprint/", views.legal_page, {"kind": "imprint"}, name="imprint"),
]
