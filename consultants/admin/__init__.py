"""The consultant's workspace in Django's admin: every ModelAdmin is scoped to the
consultant's clients (see scoping.py); superusers see everything."""

from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from consultants.admin import digests, founders, instructions, tasks  # noqa: F401  (registers)

admin.site.site_header = _("Buy back your time — consultant workspace")
admin.site.site_title = _("Consultant workspace")
admin.site.index_title = _("Your clients' delegation")


_django_admin_login = admin.site.login


def _login(request, extra_context=None):
    """A founder who opens /admin/ is told, in du-form, where they are — not Django's
    "You are authenticated as …, but are not authorized" in Sie-form."""
    if request.user.is_authenticated and not request.user.is_staff:
        context = {
            "heading": gettext("This is the consultants' workspace"),
            "explanation": (
                gettext(
                    "You're logged in as %(email)s, a founder's account: the workspace is for "
                    "the consultants who coach founders. Your own plan is on your overview."
                )
                % {"email": request.user.email},
            ),
        }
        return render(request, "errors/page.html", context, status=403)
    return _django_admin_login(request, extra_context)


admin.site.login = _login  # type: ignore[method-assign]
