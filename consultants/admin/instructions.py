"""Work instructions in the consultant's workspace, scoped like everything else in the admin
(tasks/admin/scoping.py): a consultant sees only their clients' instructions, versions, links
and runs. Those are written in the app, where drafts, publishing and the handover gate live,
so here they are read-only. The template library is shared: consultants add to it, and copy a
template to the clients who need it.
"""

from typing import cast

from django import forms
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import User
from consultants.admin.actions import form_action
from consultants.admin.overview import overview_founders
from consultants.admin.paging import FirstRowsInline
from consultants.admin.scoping import ConsultantScoped, register_scope, register_shared
from sops import services
from sops.models import HandoverLink, Instruction, InstructionVersion, Run, Step, Template

register_scope(Instruction, "owner")
for model in (Step, InstructionVersion, HandoverLink, Run):
    register_scope(model, "instruction__owner")
register_shared(Template)


class ReadOnly(ConsultantScoped):
    """Viewable and, for superusers, deletable; written only through sops.services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StepInline(ReadOnly, admin.TabularInline):
    # Bounded: a draft has at most 100 steps (sops.forms.StepFormSet).
    model = Step
    fields = ("position", "text", "url", "expected")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    extra = 0

    def has_delete_permission(self, request, obj=None):
        return False


class VersionInline(FirstRowsInline, ReadOnly, admin.TabularInline):
    model = InstructionVersion
    all_rows_filter = "instruction__id__exact"
    fields = ("number", "title", "published_by", "published_at")
    show_change_link = True
    extra = 0

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Instruction)
class InstructionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("title", "owner", "task", "review_on")
    list_filter = ("owner",)
    list_select_related = ("owner__profile", "task")
    search_fields = ("title", "owner__email")
    date_hierarchy = "review_on"
    inlines = (StepInline, VersionInline)


@admin.register(InstructionVersion)
class InstructionVersionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("title", "number", "instruction", "published_by", "published_at")

    def has_delete_permission(self, request, obj=None):
        # Runs and handover links point at versions: a published version stays, for everyone.
        return False

    list_select_related = ("instruction", "published_by__profile")
    search_fields = ("title", "instruction__owner__email")


@admin.register(HandoverLink)
class HandoverLinkAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("instruction", "delegate", "created_at", "expires_at", "revoked_at")
    list_filter = ("delegate",)
    list_select_related = ("instruction", "delegate")
    # The token is the key to the delegate's page: never shown, not even read-only.
    exclude = ("token",)


@admin.register(Run)
class RunAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("instruction", "performed_on", "performed_by", "minutes", "recorded_via")
    list_filter = ("instruction",)
    list_select_related = ("instruction",)
    date_hierarchy = "performed_on"


class CopyToClientsForm(forms.Form):
    clients = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Clients"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one client.")},
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        clients = cast(forms.ModelMultipleChoiceField, self.fields["clients"])
        clients.queryset = overview_founders(user).order_by("email")


@admin.action(description=gettext_lazy("Copy to clients…"), permissions=["view"])
def copy_to_clients(modeladmin, request, queryset):
    """Each chosen client gets their own draft of each selected template, in their language."""

    def apply(data) -> str:
        clients = list(data["clients"].select_related("profile"))
        for template in queryset:
            for client in clients:
                services.instruction_from_template(
                    owner=client, template=template, language=client.profile.language
                )
        count = len(queryset) * len(clients)
        return ngettext(
            "Copied %(count)d work instruction as a draft.",
            "Copied %(count)d work instructions as drafts.",
            count,
        ) % {"count": count}

    return form_action(
        modeladmin,
        request,
        form=CopyToClientsForm(
            request.POST if "apply" in request.POST else None, user=request.user
        ),
        apply=apply,
        action="copy_to_clients",
        selected=[(template.pk, str(template)) for template in queryset],
        title=_("Copy templates to clients"),
        intro=_("Each client gets a draft of their own, in their language, to adapt."),
        submit=_("Copy"),
    )


@admin.register(Template)
class TemplateAdmin(ConsultantScoped, admin.ModelAdmin):
    """The shared library every founder copies from is the operator's: a consultant adds
    templates and changes only their own; the starter templates (no author) change only
    through a superuser. Each template shows who changed it last, and when."""

    list_display = ("title_en", "title_de", "area", "estimated_minutes", "changed_by", "changed_at")
    readonly_fields = ("created_by", "changed_by", "changed_at")
    list_filter = ("area",)
    search_fields = ("title_en", "title_de")
    prepopulated_fields = {"slug": ("title_en",)}
    actions = (copy_to_clients,)

    @staticmethod
    def _own(request, obj) -> bool:
        """A superuser's for any template; a consultant's for the ones they created."""
        if obj is None or request.user.is_superuser:
            return True
        return obj.created_by_id is not None and obj.created_by_id == request.user.pk

    def has_change_permission(self, request, obj=None):
        return self._own(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._own(request, obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.changed_by = request.user
        obj.changed_at = timezone.now()
        super().save_model(request, obj, form, change)
