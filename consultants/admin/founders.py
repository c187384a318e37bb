"""The founder's page: who they are, their numbers, their summary and their tasks.

A consultant may adjust a client's names and numbers but never accounts or powers: no email,
password, staff/superuser flag, groups, permissions, and no consultants list — so nobody can
grant themselves clients or rights. Superusers get Django's full user admin.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts import consultants as account_consultants
from accounts.forms import ProfileForm
from accounts.models import Profile, User
from accounts.selectors import founder_profile
from consultants import consulting
from consultants.admin.digests import queue_digest
from consultants.admin.overview import client_summary, overview_view
from consultants.admin.paging import FirstRowsInline
from consultants.admin.scoping import ConsultantScoped
from consultants.models import ChangeRecord
from tasks import founder_settings
from tasks.models import Task

# The numbers a founder sets on their settings page; the admin edits the same ones.
PROFILE_FIELDS = ProfileForm.Meta.fields


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class ProfileInline(ConsultantScoped, admin.StackedInline):
    model = Profile
    fk_name = "user"
    can_delete = False
    max_num = 1
    verbose_name_plural = _("founder profile")

    def get_fields(self, request, obj=None):
        if request.user.is_superuser:
            return (*PROFILE_FIELDS, "consultants")
        return PROFILE_FIELDS

    def get_autocomplete_fields(self, request):
        return ("consultants",) if request.user.is_superuser else ()


class TaskInline(FirstRowsInline, ConsultantScoped, admin.TabularInline):
    """The founder's first tasks at a glance, and a link to all of them (paginated); each is
    edited on its own page, through the services."""

    model = Task
    fk_name = "owner"
    all_rows_filter = "owner__id__exact"
    fields = ("title", "hours_per_week", "effective_category", "effective_route", "status")
    readonly_fields = fields
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("category", "override_category")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("category"))
    def effective_category(self, task):
        return task.effective_category

    @admin.display(description=_("route"))
    def effective_route(self, task):
        return task.get_effective_route_display()


@admin.register(User)
class UserAdmin(ConsultantScoped, DjangoUserAdmin):
    form = UserForm
    add_form = UserCreationForm
    change_form_template = "admin/accounts/user/change_form.html"
    list_display = ("email", "first_name", "last_name", "is_staff")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name")}),
        (
            _("Permissions"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    consultant_fieldsets = (
        (None, {"fields": ("email", "first_name", "last_name")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )
    inlines = (ProfileInline, TaskInline)
    actions = (queue_digest,)

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not request.user.is_superuser:
            return self.consultant_fieldsets
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return ()
        return ("email", "last_login", "date_joined")

    def get_list_filter(self, request):
        if request.user.is_superuser:
            return super().get_list_filter(request)
        return ("is_active",)

    # Auth's UserAdmin.get_form has no `change` (django-stubs ignores the override too).
    def get_form(self, request, obj=None, **kwargs):  # type: ignore[override]
        if obj is not None and not request.user.is_superuser:
            # Not Django's UserChangeForm: it carries the password field whatever we list.
            kwargs["form"] = forms.ModelForm
        return super().get_form(request, obj, **kwargs)

    def get_inline_instances(self, request, obj=None):
        return super().get_inline_instances(request, obj) if obj is not None else []

    def user_change_password(self, request, id, form_url=""):
        # Setting a client's password would let a consultant log in as the client.
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            founder_profile(user=obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Profile:
            return super().save_formset(request, form, formset, change)
        # Through the service, so the founder's tasks are re-classified with the new numbers.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for profile_form in formset.forms:
            if not profile_form.has_changed():
                continue
            is_new = profile_form.instance.pk is None
            # The saved row, not the form's instance (which holds the new values already): the
            # service compares before and after to re-plan the digest.
            instance = profile_form.instance
            profile = instance if is_new else Profile.objects.get(pk=instance.pk)
            profile.user = form.instance
            fields = {name: profile_form.cleaned_data[name] for name in PROFILE_FIELDS}
            founder_settings.profile_update(profile=profile, **fields)
            changed = [name for name in profile_form.changed_data if name in PROFILE_FIELDS]
            if changed:
                consulting.change_record(
                    founder=form.instance,
                    by=request.user,
                    kind=ChangeRecord.SETTINGS,
                    fields=changed,
                )
            if "consultants" in profile_form.cleaned_data:
                account_consultants.consultants_set(
                    founder=form.instance, consultants=profile_form.cleaned_data["consultants"]
                )
            if is_new:
                formset.new_objects.append(profile)
            else:
                formset.changed_objects.append((profile, profile_form.changed_data))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        founder = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if founder is not None:
            extra_context["summary"] = client_summary(founder=founder)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        overview = self.admin_site.admin_view(lambda request: overview_view(self, request))
        return [path("overview/", overview, name="consultant_overview"), *super().get_urls()]
