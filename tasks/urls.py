from django.urls import path

from tasks.views import capture, delegates, first_run, imports, rate, tasks

urlpatterns = [
    path("welcome/", first_run.first_run, name="first_run"),
    path("tasks/new/", tasks.task_create, name="task_create"),
    path("tasks/import/", imports.task_import, name="task_import"),
    path("tasks/import/preview/", imports.task_import_preview, name="task_import_preview"),
    path("tasks/import/cancel/", imports.task_import_cancel, name="task_import_cancel"),
    path(
        "tasks/import/progress/<str:job>/",
        imports.task_import_progress,
        name="task_import_progress",
    ),
    path("tasks/quick/", capture.task_quick_add, name="task_quick_add"),
    path("tasks/<int:pk>/details/", capture.task_details, name="task_details"),
    path("tasks/rate/", rate.task_rate, name="task_rate"),
    path("tasks/<int:pk>/rate/", rate.task_rate_one, name="task_rate_one"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", tasks.task_edit, name="task_edit"),
    path("tasks/<int:pk>/delete/", tasks.task_delete, name="task_delete"),
    path("tasks/<int:pk>/override/", tasks.task_override, name="task_override"),
    path("tasks/<int:pk>/override/clear/", tasks.task_override_clear, name="task_override_clear"),
    path("tasks/<int:pk>/delegate/", tasks.task_delegate, name="task_delegate"),
    path("tasks/<int:pk>/finish/", tasks.task_finish, name="task_finish"),
    path("tasks/<int:pk>/reopen/", tasks.task_reopen, name="task_reopen"),
    path("tasks/<int:pk>/let-go/", tasks.task_let_go, name="task_let_go"),
    path("delegates/", delegates.delegate_list, name="delegate_list"),
    path("delegates/new/", delegates.delegate_form, name="delegate_create"),
    path("delegates/<int:pk>/edit/", delegates.delegate_form, name="delegate_edit"),
    path("delegates/<int:pk>/delete/", delegates.delegate_delete, name="delegate_delete"),
]
