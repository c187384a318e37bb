from django.urls import path

from sops.views import handover, instructions, news, sharing

urlpatterns = [
    path("", instructions.instruction_list, name="instruction_list"),
    path("new/", instructions.instruction_create, name="instruction_create"),
    path("templates/", sharing.template_list, name="template_list"),
    path("templates/<int:template_pk>/copy/", sharing.template_copy, name="template_copy"),
    path("handover/<str:signed>/", handover.handover, name="handover"),
    path("news/", news.team_news, name="team_news"),
    path("links/<int:link_pk>/answer/", news.answer, name="link_answer"),
    path("<int:pk>/", instructions.instruction_detail, name="instruction_detail"),
    path("<int:pk>/edit/", instructions.instruction_edit, name="instruction_edit"),
    path("<int:pk>/publish/", instructions.instruction_publish, name="instruction_publish"),
    path("<int:pk>/v/<int:number>/", instructions.version_detail, name="instruction_version"),
    path("<int:pk>/v/<int:number>/changes/", instructions.version_diff, name="instruction_diff"),
    path("<int:pk>/runs/new/", sharing.run_create, name="instruction_run_create"),
    path("<int:pk>/links/new/", sharing.link_create, name="instruction_link_create"),
    path("<int:pk>/links/<int:link_pk>/send/", sharing.link_send, name="instruction_link_send"),
    path(
        "<int:pk>/links/<int:link_pk>/revoke/",
        sharing.link_revoke,
        name="instruction_link_revoke",
    ),
]
