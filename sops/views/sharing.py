"""Handing an instruction over: links for delegates, runs, and the template library."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import mailing, ratelimit
from accounts.forms import add_service_errors
from accounts.selectors import founder_profile
from sops import mail, services
from sops.forms import HandoverLinkForm, LinkSendForm, RunForm
from sops.models import HandoverLink
from sops.models import Template as InstructionTemplate
from sops.views.common import get_instruction_for_user
from tasks.views.common import get_task_for_user


@login_required
@require_POST
def link_create(request, pk):
    instruction = get_instruction_for_user(request, pk)
    form = HandoverLinkForm(request.POST, owner=request.user)
    if form.is_valid():
        try:
            services.handover_link_create(
                instruction=instruction,
                delegate=form.cleaned_data["delegate"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as err:
            add_service_errors(form, err)
    if form.errors:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    else:
        messages.success(request, _("Handover link created. Send it to them by email, or copy it."))
    return redirect("instruction_detail", pk=instruction.pk)


@login_required
@require_POST
def link_send(request, pk, link_pk):
    """Mail the link to its delegate, with the founder's note (sent by a Celery task).
    Only from a confirmed address, and within the limits per link, founder, recipient and IP
    (accounts/mailing.py): nobody uses "Send to …" to mail strangers."""
    instruction = get_instruction_for_user(request, pk)
    link = get_object_or_404(
        HandoverLink.objects.select_related("delegate"), pk=link_pk, instruction=instruction
    )
    form = LinkSendForm(request.POST)
    if not mailing.may_cause_mail(request.user):
        messages.error(request, _("Confirm your email address first: then you can send links."))
    elif not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    elif not link.delegate.email or not link.is_active():
        messages.error(
            request,
            _("%(name)s has no email address, or the link no longer opens.")
            % {"name": link.delegate.name},
        )
    elif not mailing.allowed(
        request,
        (ratelimit.HANDOVER_LINK, f"link:{link.pk}"),
        (ratelimit.FOUNDER_MAIL, f"founder:{request.user.pk}"),
        mailing.to(link.delegate.email),
    ):
        messages.error(request, _("Not sent: too many emails in a short time. Try again later."))
    elif mail.handover_mail_queue(link=link, note=form.cleaned_data["note"]):
        messages.success(request, _("Sent to %(email)s.") % {"email": link.delegate.email})
    return redirect("instruction_detail", pk=instruction.pk)


@login_required
@require_POST
def link_revoke(request, pk, link_pk):
    instruction = get_instruction_for_user(request, pk)
    link = get_object_or_404(HandoverLink, pk=link_pk, instruction=instruction)
    services.handover_link_revoke(link=link)
    messages.success(request, _("Link revoked: it no longer opens."))
    return redirect("instruction_detail", pk=instruction.pk)


@login_required
def run_create(request, pk):
    """The founder records a run against the latest published version."""
    instruction = get_instruction_for_user(request, pk)
    version = instruction.latest_version()
    if version is None:
        raise Http404
    form = RunForm(request.POST or None, version=version, initial={"performed_by": request.user})
    if (
        request.method == "POST"
        and form.is_valid()
        and record_run(form, version=version, link=None)
    ):
        messages.success(request, _("Run recorded."))
        return redirect("instruction_detail", pk=instruction.pk)
    ctx = {"form": form, "instruction": instruction, "version": version}
    status = 400 if request.method == "POST" else 200
    return render(request, "sops/run_form.html", ctx, status=status)


def record_run(form, *, version, link) -> bool:
    data = form.cleaned_data
    try:
        services.run_record(
            version=version,
            performed_on=data["performed_on"],
            performed_by=data["performed_by"],
            checked_steps=data["steps"],
            minutes=data["minutes"],
            notes=data["notes"],
            urgent=data.get("urgent", False),
            link=link,
        )
    except ValidationError as err:
        add_service_errors(form, err)
        return False
    return True


@login_required
def template_list(request):
    task = get_task_for_user(request, request.GET["task"]) if request.GET.get("task") else None
    language = founder_profile(user=request.user).language or get_language()
    templates = [(t, t.text(language)) for t in InstructionTemplate.objects.all()]
    return render(request, "sops/template_list.html", {"templates": templates, "task": task})


@login_required
@require_POST
def template_copy(request, template_pk):
    template = get_object_or_404(InstructionTemplate, pk=template_pk)
    task = get_task_for_user(request, request.POST["task"]) if request.POST.get("task") else None
    if task is not None and hasattr(task, "instruction"):
        messages.error(request, _("This task already has a work instruction."))
        return redirect("instruction_detail", pk=task.instruction.pk)
    try:
        instruction = services.instruction_from_template(
            owner=request.user,
            template=template,
            language=founder_profile(user=request.user).language,
            task=task,
        )
    except ValidationError as err:
        messages.error(request, " ".join(err.messages))
        return redirect("template_list")
    messages.success(request, _("Copied into your instructions. Adapt it, then publish it."))
    return redirect("instruction_edit", pk=instruction.pk)
