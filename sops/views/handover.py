"""The delegate's page (no login, the signed link): the founder's note, the published
instruction and what changed since they last read it, their runs, and questions."""

from csp.decorators import csp_update
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.forms import add_service_errors
from sops import rules, selectors, services, threads
from sops.forms import QuestionForm, RunForm
from sops.views.sharing import record_run


def _link_or_error(request, signed):
    """The link, or the response for a bad one: 404 tampered, 410 expired/revoked/deleted."""
    try:
        return services.handover_link_resolve(signed=signed), None
    except services.LinkNotFound:
        raise Http404 from None
    except services.LinkGone:
        return None, render(request, "sops/handover_gone.html", status=410)


# Only the handover page embeds players, and only from these hosts.
@csp_update({"frame-src": list(rules.VIDEO_FRAME_HOSTS)})  # type: ignore[arg-type]  # typed for one-argument views
def handover(request, signed):
    link, gone = _link_or_error(request, signed)
    if gone:
        return gone
    version = link.instruction.latest_version()
    if version is None:
        # Every published version was deleted: nothing left to follow.
        return render(request, "sops/handover_gone.html", status=410)
    services.delegation_link_renew(link=link)
    here = reverse("handover", args=[signed])
    posted = request.POST if request.method == "POST" else None
    is_question = posted is not None and "ask" in posted
    form = RunForm(
        None if is_question else posted,
        version=version,
        for_delegate=True,
        initial={"performed_by": link.delegate},
    )
    question_form = QuestionForm(posted if is_question else None)
    if posted is not None and "acknowledge" in posted:
        services.handover_acknowledge(link=link, version=version)
        return redirect(here + "#run")
    if is_question and question_form.is_valid() and _ask(request, link, question_form):
        messages.success(request, _("Your question is on its way; the answer appears here."))
        return redirect(here + "#questions")
    recorded = posted is not None and not is_question and form.is_valid()
    if recorded and record_run(form, version=version, link=link):
        messages.success(request, _("Thank you, the run is recorded."))
        return redirect("handover", signed=signed)
    founder = link.instruction.owner
    ctx = {
        "link": link,
        "task": link.instruction.task,
        "version": version,
        "form": form,
        "question_form": question_form,
        "acknowledged": link.has_acknowledged(version),
        "founder_name": founder.profile.introduction(),
        "note": link.mail_note,
        "changes": selectors.changes_since_acknowledged(link=link, version=version),
        "runs": selectors.delegate_runs(link=link),
        "thread": selectors.instruction_thread(link=link),
    }
    status = 400 if posted is not None else 200
    response = render(request, "sops/handover.html", ctx, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is in the URL: never send it to linked sites; same-origin keeps CSRF working.
    response["Referrer-Policy"] = "same-origin"
    return response


def _ask(request, link, form) -> bool:
    try:
        threads.question_ask(
            link=link, text=form.cleaned_data["text"], run_id=form.cleaned_data["run"]
        )
    except ValidationError as err:
        add_service_errors(form, err)
        return False
    except threads.TooManyQuestions:
        form.add_error(None, _("That is a lot of questions for one hour; please try later."))
        return False
    return True
