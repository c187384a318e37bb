"""The founder writes, edits, publishes and compares work instructions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import add_service_errors
from accounts.inputs import as_id
from sops import selectors, services
from sops.forms import HandoverLinkForm, InstructionForm, StepFormSet, step_initial, steps_from
from sops.models import InstructionVersion
from sops.views.common import get_instruction_for_user
from tasks.views.common import get_task_for_user


@login_required
def instruction_list(request):
    ctx = {"instructions": selectors.instructions_for(owner=request.user)}
    return render(request, "sops/instruction_list.html", ctx)


@login_required
def instruction_create(request):
    task = get_task_for_user(request, request.GET["task"]) if request.GET.get("task") else None
    if task is not None and hasattr(task, "instruction"):
        return redirect("instruction_edit", pk=task.instruction.pk)
    form = InstructionForm(request.POST or None, initial={"title": task.title if task else ""})
    steps = StepFormSet(request.POST or None, prefix="steps")
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "revision"}
        try:
            instruction = services.instruction_create(
                owner=request.user, task=task, steps=steps_from(steps), **fields
            )
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(request, _("Draft saved. Publish it when it is ready."))
            return redirect("instruction_detail", pk=instruction.pk)
    ctx = {"form": form, "steps": steps, "task": task}
    return render(request, "sops/instruction_form.html", ctx, status=_status(request, form))


@login_required
def instruction_edit(request, pk):
    instruction = get_instruction_for_user(request, pk)
    form = InstructionForm(
        request.POST or None, instance=instruction, initial={"revision": instruction.revision}
    )
    steps = StepFormSet(
        request.POST or None,
        prefix="steps",
        initial=step_initial([s.as_dict() for s in instruction.steps.all()]),
    )
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "revision"}
        try:
            services.instruction_save_draft(
                instruction=instruction,
                revision=form.cleaned_data["revision"] or 0,
                steps=steps_from(steps),
                **fields,
            )
        except ValidationError as err:
            add_service_errors(form, err)
            return _form_page(request, form, steps, instruction, status=409)
        messages.success(request, _("Draft saved."))
        return redirect("instruction_detail", pk=instruction.pk)
    return _form_page(request, form, steps, instruction, status=_status(request, form))


def _status(request, form) -> int:
    return 400 if request.method == "POST" else 200


def _form_page(request, form, steps, instruction, *, status):
    ctx = {"form": form, "steps": steps, "instruction": instruction, "task": instruction.task}
    return render(request, "sops/instruction_form.html", ctx, status=status)


@login_required
def instruction_detail(request, pk):
    instruction = get_instruction_for_user(request, pk)
    latest = instruction.latest_version()
    ctx = {
        "instruction": instruction,
        "latest": latest,
        "draft_changed": selectors.draft_changed(instruction, latest),
        "draft_steps": list(instruction.steps.all()),
        "versions": list(instruction.versions.all()),
        "runs": selectors.recent_runs(instruction=instruction),
        "links": selectors.active_links(instruction=instruction),
        "link_form": HandoverLinkForm(owner=request.user),
    }
    return render(request, "sops/instruction_detail.html", ctx)


@login_required
@require_POST
def instruction_publish(request, pk):
    instruction = get_instruction_for_user(request, pk)
    try:
        version = services.instruction_publish(instruction=instruction, by=request.user)
    except ValidationError as err:
        messages.error(request, " ".join(err.messages))
    else:
        messages.success(request, _("Published as version %(n)s.") % {"n": version.number})
    return redirect("instruction_detail", pk=instruction.pk)


@login_required
def version_detail(request, pk, number):
    instruction = get_instruction_for_user(request, pk)
    version = get_object_or_404(InstructionVersion, instruction=instruction, number=number)
    ctx = {"instruction": instruction, "version": version}
    return render(request, "sops/version_detail.html", ctx)


@login_required
def version_diff(request, pk, number):
    """What changed in version N against the one before it, or against ?from=M (any version)."""
    instruction = get_instruction_for_user(request, pk)
    version = get_object_or_404(InstructionVersion, instruction=instruction, number=number)
    compare_with = request.GET.get("from", "")
    before: InstructionVersion | None
    if compare_with:
        before = get_object_or_404(
            InstructionVersion, instruction=instruction, number=as_id(compare_with)
        )
    else:
        before = instruction.versions.filter(number__lt=number).order_by("-number").first()
    ctx = {
        "instruction": instruction,
        "version": version,
        "before": before,
        "changes": selectors.version_changes(before, version),
        "other_numbers": instruction.versions.exclude(pk=version.pk).values_list(
            "number", flat=True
        ),
    }
    return render(request, "sops/version_diff.html", ctx)
