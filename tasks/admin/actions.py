"""Bulk actions on tasks. Django hands every action the scoped change list's queryset, so a
consultant acts only on their clients' tasks whatever ids are posted."""

import csv

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from tasks import services
from tasks.csv_rows import COLUMNS
from tasks.forms import OverrideForm
from tasks.models import User

EXPORT_COLUMNS = (*COLUMNS, "category", "route", "status", "founder")
# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@admin.action(description=gettext_lazy("Re-run the classification"), permissions=["change"])
def reclassify(modeladmin, request, queryset):
    # The overloaded rule depends on all of a founder's tasks: re-run per founder.
    founders = User.objects.filter(pk__in=queryset.values("owner_id"))
    changed = sum(services.tasks_reclassify(owner=founder) for founder in founders)
    modeladmin.message_user(
        request,
        ngettext(
            "Re-ran the classification for %(founders)d founder; %(changed)d tasks changed.",
            "Re-ran the classification for %(founders)d founders; %(changed)d tasks changed.",
            len(founders),
        )
        % {"founders": len(founders), "changed": changed},
        messages.SUCCESS,
    )


@admin.action(description=gettext_lazy("Override the category…"), permissions=["change"])
def override_category(modeladmin, request, queryset):
    """An intermediate page asks for the category and the reason, then records each override."""
    form = OverrideForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        try:
            with transaction.atomic():
                for task in queryset:
                    services.task_override(
                        task=task,
                        category=form.cleaned_data["category"].code,
                        reason=form.cleaned_data["reason"],
                        by=request.user,
                    )
                    modeladmin.log_change(
                        request,
                        task,
                        _("Overrode the category to %(category)s: %(reason)s")
                        % {
                            "category": form.cleaned_data["category"],
                            "reason": form.cleaned_data["reason"],
                        },
                    )
        except ValidationError as err:
            form.add_error(None, err)
        else:
            modeladmin.message_user(
                request,
                ngettext(
                    "Overrode the category of %(count)d task.",
                    "Overrode the category of %(count)d tasks.",
                    len(queryset),
                )
                % {"count": len(queryset)},
                messages.SUCCESS,
            )
            return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Override the category"),
        "opts": modeladmin.model._meta,
        "form": form,
        "tasks": queryset.select_related("owner"),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/tasks/task/override.html", context)


def _cell(value) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def task_row(task) -> list[str]:
    return [
        _cell(task.title),
        task.area,
        str(task.hours_per_week),
        "yes" if task.recurring else "no",
        str(task.skill),
        str(task.enjoyment),
        "yes" if task.core else "no",
        task.effective_category_id,
        task.effective_route,
        task.status,
        task.owner.email,
    ]


@admin.action(description=gettext_lazy("Export as CSV"), permissions=["view"])
def export_csv(modeladmin, request, queryset):
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tasks-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(EXPORT_COLUMNS)
    for task in queryset.select_related("owner").order_by("owner__email", "title"):
        writer.writerow(task_row(task))
    return response
