"""Tasks, delegates and categories in the admin. Every write goes through tasks.services, so
the classification, the override record and the handover gate hold here as in the app."""

from django.contrib import admin
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from consultants import consulting
from consultants.admin import actions
from consultants.admin.scoping import ConsultantScoped
from consultants.models import ChangeRecord
from tasks import services, twins
from tasks.models import ROUTE_CHOICES, Category, Delegate, Task, TaskNote
from tasks.reasons import reasons_text
from tasks.services import TASK_FIELDS


def _when(moment):
    """A moment in the viewer's time zone and language ("27.11.2026 um 22:24 Uhr")."""
    if moment is None:
        return "—"
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


class EffectiveCategoryFilter(admin.SimpleListFilter):
    """By the category that counts: the override when there is one, else the computed one."""

    title = _("category")
    parameter_name = "category"

    def lookups(self, request, model_admin):
        return [(category.code, category.name) for category in Category.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            code = self.value()
            return queryset.alias(kind=twins.effective_category()).filter(kind=code)
        return queryset


class EffectiveRouteFilter(admin.SimpleListFilter):
    title = _("route")
    parameter_name = "route"

    def lookups(self, request, model_admin):
        return ROUTE_CHOICES

    def queryset(self, request, queryset):
        if self.value():
            route = self.value()
            return queryset.alias(way=twins.effective_route()).filter(way=route)
        return queryset


class OverriddenFilter(admin.SimpleListFilter):
    title = _("override")
    parameter_name = "overridden"

    def lookups(self, request, model_admin):
        return [("yes", _("Overridden")), ("no", _("As classified"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(override_category__isnull=self.value() == "no")
        return queryset


def hours_totals(queryset) -> dict:
    """The change list's footer: hours of the filtered tasks, all and by status."""
    return queryset.aggregate(
        count=Count("pk"),
        hours=Sum("hours_per_week"),
        open_hours=Sum("hours_per_week", filter=Q(status__in=Task.OPEN_STATUSES)),
        delegated_hours=Sum("hours_per_week", filter=Q(status=Task.DELEGATED)),
    )


class TaskNoteInline(ConsultantScoped, admin.StackedInline):
    """A consultant's notes for the founder; written here, read on the founder's task page."""

    model = TaskNote
    fields = ("text", "author", "created_at")
    readonly_fields = ("author", "created_at")
    extra = 1

    def has_change_permission(self, request, obj=None):
        return False  # a note stays as written; add a new one


@admin.register(Task)
class TaskAdmin(ConsultantScoped, admin.ModelAdmin):
    inlines = (TaskNoteInline,)
    list_display = (
        "title",
        "owner",
        "hours_per_week",
        "effective_category",
        "effective_route",
        "status",
        "is_overridden",
    )
    list_filter = (
        EffectiveCategoryFilter,
        EffectiveRouteFilter,
        "status",
        OverriddenFilter,
        "owner",
    )
    list_select_related = ("owner__profile", "category", "override_category")
    search_fields = ("title", "owner__email")
    autocomplete_fields = ("owner",)
    actions = (actions.reclassify, actions.override_category, actions.export_csv)
    readonly_fields = (
        "category",
        "route",
        "reason_sentences",
        "override_trail",
        "status",
        "delegate",
        "delegated_on",
        "delegate_rate",
        "last_run_on",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("owner", *TASK_FIELDS)}),
        (_("Classification"), {"fields": ("category", "route", "reason_sentences")}),
        (pgettext_lazy("admin section", "Override"), {"fields": ("override_trail",)}),
        (
            _("Delegation"),
            {"fields": ("status", "delegate", "delegated_on", "delegate_rate", "last_run_on")},
        ),
        (_("History"), {"fields": ("created_at", "updated_at")}),
    )

    def get_inline_instances(self, request, obj=None):
        # Notes belong to an existing task: none on the "add a task" form.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def get_readonly_fields(self, request, obj=None):
        # A task stays with its founder.
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "owner") if obj is not None else fields

    @admin.display(description=_("category"), ordering="category")
    def effective_category(self, task):
        return task.effective_category

    @admin.display(description=_("route"), ordering="route")
    def effective_route(self, task):
        return task.get_effective_route_display()

    @admin.display(description=_("overridden"), boolean=True)
    def is_overridden(self, task):
        return task.is_overridden

    @admin.display(description=_("why"))
    def reason_sentences(self, task):
        return "; ".join(reasons_text(task.reasons or [], about_founder=True))

    @admin.display(description=_("override"))
    def override_trail(self, task):
        current: str | Promise = _("None: the computed category counts.")
        if task.is_overridden:
            current = _("%(category)s, by %(by)s on %(at)s: “%(reason)s”") % {
                "category": task.override_category,
                "by": task.override_by or pgettext("overridden by …", "a deleted user"),
                "at": _when(task.override_at),
                "reason": task.override_reason,
            }
        records = task.override_records.select_related("category", "by")
        trail = format_html_join(
            "",
            "<li>{} · {}: {} {}</li>",
            (
                (
                    _when(r.at),
                    r.by or pgettext("who overrode, as a label in the trail", "a deleted user"),
                    r.category or _("override removed"),
                    f"“{r.reason}”" if r.reason else "",
                )
                for r in records
            ),
        )
        return format_html("{}<ul>{}</ul>", current, trail) if records else current

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in TASK_FIELDS}
        if change:
            services.task_update(task=obj, **fields)
        else:
            created = services.task_create(owner=obj.owner, **fields)
            obj.pk = created.pk
            obj.refresh_from_db()
        changed = [name for name in form.changed_data if name in TASK_FIELDS]
        if changed or not change:
            consulting.change_record(
                founder=obj.owner,
                by=request.user,
                kind=ChangeRecord.TASK_CHANGED if change else ChangeRecord.TASK_ADDED,
                label=obj.title,
                fields=changed if change else (),
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is not TaskNote:
            return super().save_formset(request, form, formset, change)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        # Only the blank forms add notes: an existing note's form whose id was swapped for
        # another note's has no instance either, and no text field (notes are read-only).
        for note_form in formset.extra_forms:
            if note_form.has_changed() and note_form.cleaned_data.get("text"):
                note = consulting.task_note_add(
                    task=form.instance, author=request.user, text=note_form.cleaned_data["text"]
                )
                formset.new_objects.append(note)

    def delete_model(self, request, obj):
        consulting.change_record(
            founder=obj.owner, by=request.user, kind=ChangeRecord.TASK_DELETED, label=obj.title
        )
        services.task_delete(task=obj)

    def delete_queryset(self, request, queryset):
        for task in queryset.select_related("owner"):
            consulting.change_record(
                founder=task.owner,
                by=request.user,
                kind=ChangeRecord.TASK_DELETED,
                label=task.title,
            )
        services.tasks_delete(queryset=queryset)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if context and "cl" in context:
            context["hours_totals"] = hours_totals(context["cl"].queryset)
        return response


@admin.register(Delegate)
class DelegateAdmin(ConsultantScoped, admin.ModelAdmin):
    list_display = ("name", "owner", "kind", "hourly_rate")
    list_filter = ("kind", "owner")
    list_select_related = ("owner__profile",)
    search_fields = ("name", "email", "owner__email")
    autocomplete_fields = ("owner",)
    fields = ("owner", "name", "kind", "email", "areas", "hourly_rate", "notes")

    def get_readonly_fields(self, request, obj=None):
        return ("owner",) if obj is not None else ()

    def save_model(self, request, obj, form, change):
        services.delegate_save(delegate=obj)

    # A delegate with delegated tasks is protected (on_delete=PROTECT): Django's delete page
    # then names those tasks and deletes nothing, before the service is reached.
    def delete_model(self, request, obj):
        services.delegate_delete(delegate=obj)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for delegate in queryset:
            services.delegate_delete(delegate=delegate)


@admin.register(Category)
class CategoryAdmin(ConsultantScoped, admin.ModelAdmin):
    list_display = ("code", "name_en", "name_de", "position")
    ordering = ("position",)
