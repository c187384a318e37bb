"""The founder's "News from your team" page, and answering a delegate's question."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sops import news, threads
from sops.forms import QuestionForm
from sops.models import HandoverLink


@login_required
def team_news(request):
    current, items = news.page(founder_id=request.user.pk, number=request.GET.get("page"))
    return render(request, "sops/news.html", {"page_obj": current, "items": items})


@login_required
@require_POST
def answer(request, link_pk):
    link = get_object_or_404(HandoverLink, pk=link_pk, instruction__owner=request.user)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            threads.question_answer(
                link=link, text=form.cleaned_data["text"], run_id=form.cleaned_data["run"]
            )
        except ValidationError as err:
            messages.error(request, " ".join(err.messages))
        except threads.TooManyQuestions:
            messages.error(request, _("That is a lot of answers for one hour; please try later."))
        else:
            messages.success(
                request,
                _("Answer saved; %(name)s sees it on their page.") % {"name": link.delegate.name},
            )
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "team_news"
    return redirect(target)
