"""Our own error pages (404, 403, 400, 500, CSRF failure), in the visitor's language and the
product's look: each says what happened and what to do next, never a stack or a setting."""

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

HANDOVER_PREFIX = "/instructions/handover/"


def _page(request: HttpRequest, status: int, heading: str, *explanation: str) -> HttpResponse:
    context = {"heading": heading, "explanation": explanation}
    return render(request, "errors/page.html", context, status=status)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith(HANDOVER_PREFIX):
        # A delegate with a mistyped or cut-off link: they have no account to go back to.
        return _page(
            request,
            404,
            _("This link doesn't work"),
            _("Check the link in your email, or ask the person who sent it to you for a new one."),
        )
    return _page(
        request,
        404,
        _("This page doesn't exist (any more)"),
        _("Check the address, or start again from your overview."),
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        403,
        _("You don't have access to this"),
        _(
            "This page belongs to another account. If you think you should see it, ask whoever "
            "gave you the link."
        ),
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        400,
        _("This request couldn't be processed"),
        _("Reload the page and try again."),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _page(
        request,
        403,
        _("That didn't work"),
        _(
            "The page was open for too long, or your browser blocks cookies. Reload the page "
            "and try again."
        ),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request's context processors if they are what failed."""
    heading = _("Something went wrong on our side")
    explanation = (
        _("It wasn't anything you did, and it has been logged."),
        _("Try again in a few minutes; what you saved before is safe."),
    )
    try:
        return _page(request, 500, heading, *explanation)
    except Exception:
        logger.exception("The 500 page could not be rendered with the site's layout")
        html = render_to_string("500.html", {"heading": heading, "explanation": explanation})
        return HttpResponse(html, status=500)
