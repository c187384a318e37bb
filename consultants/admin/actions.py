"""Bulk actions on tasks. Django hands every action the scoped change list's queryset, so a
consultant acts only on their clients' tasks whatever ids are posted."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import User
from tasks import services
from tasks.export import csv_response
from tasks.forms import OverrideForm


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

    def apply(data) -> str:
        note = _("Overrode the category to %(category)s: %(reason)s") % {
            "category": data["category"],
            "reason": data["reason"],
        }
        for task in queryset:
            services.task_override(
                task=task, category=data["category"].code, reason=data["reason"], by=request.user
            )
            modeladmin.log_change(request, task, note)
        return ngettext(
            "Overrode the category of %(count)d task.",
            "Overrode the category of %(count)d tasks.",
            len(queryset),
        ) % {"count": len(queryset)}

    return form_action(
        modeladmin,
        request,
        form=OverrideForm(request.POST if "apply" in request.POST else None),
        apply=apply,
        action="override_category",
        selected=[(task.pk, f"{task} ({task.owner})") for task in queryset.select_related("owner")],
        title=_("Override the category"),
        intro=_(
            "The computed category stays visible next to yours; the reason is kept with the task."
        ),
        submit=_("Override"),
    )


def form_action(modeladmin, request, *, form, apply, action, selected, title, intro, submit):
    """An action that needs more input: show its form (admin/action_form.html) until it is
    posted valid, then run `apply(cleaned_data)` all or nothing; it returns the message."""
    if form.is_bound and form.is_valid():
        try:
            with transaction.atomic():
                message = apply(form.cleaned_data)
        except ValidationError as err:
            form.add_error(None, err)
        else:
            modeladmin.message_user(request, message, messages.SUCCESS)
            return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.model._meta,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "form": form,
        "action": action,
        "selected": selected,
        "title": title,
        "intro": intro,
        "submit": submit,
    }
    return TemplateResponse(request, "admin/action_form.html", context)


@admin.action(description=gettext_lazy("Export as CSV"), permissions=["view"])
def export_csv(modeladmin, request, queryset):
    return csv_response(queryset.select_related("owner").order_by("owner__email", "title"))
