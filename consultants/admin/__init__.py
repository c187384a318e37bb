"""The consultant's workspace in Django's admin: every ModelAdmin is scoped to the
consultant's clients (see scoping.py); superusers see everything."""

from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from consultants.admin import digests, founders, instructions, tasks  # noqa: F401  (registers)
from consultants.admin.scoping import SafeDrillDown

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


# Other apps' change lists (axes' logs, auth's groups) take junk date drill-downs as a wrong
# lookup too: their ModelAdmins are registered again with the one fix mixed in. The apps
# before this one in INSTALLED_APPS have registered theirs by now.
for _model, _model_admin in list(admin.site._registry.items()):
    if not isinstance(_model_admin, SafeDrillDown):
        admin.site.unregister(_model)
        admin.site.register(
            _model, type(type(_model_admin).__name__, (SafeDrillDown, type(_model_admin)), {})
        )
