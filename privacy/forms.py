from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _

# The word a founder types to say they mean it, in their language.
CONFIRMATION_WORD = _("DELETE")


class AccountDeleteForm(forms.Form):
    """The password (a wrong one counts as a failed log-in, like the password change) and the
    confirmation word."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirmation = forms.CharField(label=_("Type the word DELETE"), max_length=40)

    def __init__(self, *args, user, request, **kwargs):
        self.user, self.request = user, request
        super().__init__(*args, **kwargs)

    def credentials(self) -> dict:
        return {settings.AXES_USERNAME_FORM_FIELD: self.user.email}

    def is_locked(self) -> bool:
        return AxesProxyHandler.is_locked(self.request, self.credentials())

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            user_login_failed.send(
                sender=__name__, credentials=self.credentials(), request=self.request
            )
            raise forms.ValidationError(_("That is not your password."))
        return password

    def clean_confirmation(self):
        word = self.cleaned_data["confirmation"].strip()
        if word.casefold() != str(CONFIRMATION_WORD).casefold():
            raise forms.ValidationError(
                _("Type %(word)s to confirm.") % {"word": CONFIRMATION_WORD}
            )
        return word
