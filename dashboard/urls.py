from django.urls import path

from dashboard import task_list, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dashboard/figures/", views.dashboard_figures, name="dashboard_figures"),
    path("settings/", views.profile_settings, name="settings"),
    path("money/fit-order/", views.fit_order, name="fit_order"),
    path("tasks/", task_list.task_list, name="task_list"),
    path("tasks/export.csv", task_list.task_export, name="task_export"),
    path("tasks/bulk/", task_list.task_bulk, name="task_bulk"),
    path("tasks/lists/", task_list.task_lists, name="task_lists"),
    path("tasks/<int:pk>/quick-edit/", task_list.task_quick_edit, name="task_quick_edit"),
]
