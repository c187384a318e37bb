"""The founder's data page (settings → "Your data"): download it, delete the account; and the
operator's privacy and imprint pages."""

from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from privacy import export_service, services
from privacy.forms import CONFIRMATION_WORD, AccountDeleteForm
from privacy.models import LegalPage


@login_required
def your_data(request):
    ready = export_service.export_ready(founder=request.user)
    ctx: dict[str, object] = {"download_url": "", "download_until": None}
    if ready is not None and ready.built_at is not None:
        ctx["download_url"] = export_service.export_path(ready)
        ctx["download_until"] = ready.built_at + export_service.VALID_FOR
    return render(request, "privacy/your_data.html", ctx)


@login_required
@require_POST
def data_export(request):
    try:
        export_service.export_request(founder=request.user)
    except export_service.TooSoon:
        messages.info(
            request, _("You asked for your data a few minutes ago; look for the email first.")
        )
    else:
        messages.success(
            request,
            _("We are putting your data together and email you a download link when it is ready."),
        )
    return redirect("your_data")


@login_required
def data_download(request, token):
    try:
        content = export_service.export_download(token=token, user=request.user)
    except export_service.LinkUnusable:
        return render(request, "privacy/download_gone.html", status=410)
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.zip"'
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


@login_required
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user, request=request)
    if request.method == "POST":
        if form.is_locked():
            return get_lockout_response(request, credentials=form.credentials())
        if form.is_valid():
            services.account_delete(user=request.user)
            language = translation.get_language()
            logout(request)
            translation.activate(language)
            messages.success(request, _("Your account and all its data are deleted."))
            return redirect("login")
    status = 400 if request.method == "POST" else 200
    ctx = {"form": form, "word": CONFIRMATION_WORD}
    return render(request, "privacy/account_delete.html", ctx, status=status)


# The pages' meta description, for search engines and shared links.
LEGAL_DESCRIPTIONS = {
    "privacy": gettext_lazy("What the delegation planner stores about you, why, and for how long."),
    "imprint": gettext_lazy("Who runs the delegation planner and how to reach them."),
}


def legal_page(request, kind):
    page = LegalPage.objects.filter(kind=kind).first()
    if kind not in dict(LegalPage.KIND_CHOICES):
        raise Http404
    title = dict(LegalPage.KIND_CHOICES)[kind]
    text = page.text(translation.get_language() or "en") if page else ""
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    context = {"title": title, "description": LEGAL_DESCRIPTIONS[kind], "paragraphs": paragraphs}
    return render(request, "privacy/legal_page.html", context)
