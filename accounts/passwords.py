"""Django's login and password forms and its password rules, in our own words.

Django's German texts address the founder as "Sie" or read stiffly ("Bitte das selbe Passwort
zur Bestätigung erneut eingeben", "Altes Passwort"); everywhere else the founder is "du".
These subclasses only swap labels, help texts and messages for our own msgids; what the forms
and rules check stays Django's.
"""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mail.outbox import mail_enqueue

REQUIRED = _("Please fill this in.")
PASSWORD = _("Password")
REPEAT = _("Password confirmation")
REPEAT_HELP = _("Type the same password again, so a typo can't lock you out.")
MISMATCH = _("The two passwords are not the same. Type the same one twice.")


def _in_our_words(form, labels=None, help_texts=None):
    """Every field gets our "required" message; the named ones our label and help text."""
    for name, field in form.fields.items():
        field.error_messages["required"] = REQUIRED
        if labels and name in labels:
            field.label = labels[name]
        if help_texts and name in help_texts:
            field.help_text = help_texts[name]
    if "password_mismatch" in getattr(form, "error_messages", {}):
        form.error_messages = {**form.error_messages, "password_mismatch": MISMATCH}


class SignupPasswordsMixin:
    """Sign-up: email, password, the password once more."""

    fields: dict[str, forms.Field]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _in_our_words(
            self,
            labels={"email": _("Email address"), "password1": PASSWORD, "password2": REPEAT},
            help_texts={"password2": REPEAT_HELP},
        )
        self.fields["email"].error_messages["invalid"] = _(
            "This is not an email address; check it for typos."
        )


class LoginForm(auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "That email address and password don't match an account. Check both: "
            "capital letters count in the password."
        ),
        "inactive": _("This account is switched off."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _in_our_words(self, labels={"username": _("Email address"), "password": PASSWORD})


class PasswordResetForm(auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _in_our_words(self, labels={"email": _("Email address")})

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Django's reset mail, rendered as Django does, queued in the outbox (sent on
        commit, retried, logged) instead of sent inside the request."""
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            html = loader.render_to_string(html_email_template_name, context)
            message.attach_alternative(html, "text/html")
        mail_enqueue(message=message, kind="password_reset", caused_by=context.get("user"))


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _in_our_words(
            self,
            labels={"new_password1": _("New password"), "new_password2": REPEAT},
            help_texts={"new_password2": REPEAT_HELP},
        )


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _in_our_words(
            self,
            labels={
                "old_password": _("Your current password"),
                "new_password1": _("New password"),
                "new_password2": REPEAT,
            },
            help_texts={"new_password2": REPEAT_HELP},
        )
        self.error_messages["password_incorrect"] = _(
            "That is not your current password. Try again."
        )


# The password rules: Django's checks, our sentences.


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "This password is too short: use at least %d character.",
            "This password is too short: use at least %d characters.",
            self.min_length,
        ) % (self.min_length,)

    def get_help_text(self):
        return ngettext(
            "At least %(min_length)d character.",
            "At least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("This password is too close to your email address.")

    def get_help_text(self):
        return _("Not too close to your email address.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("This password is on the list of the most common ones: pick another.")

    def get_help_text(self):
        return _("Not one of the most common passwords.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("This password is only digits: add letters or signs.")

    def get_help_text(self):
        return _("Not only digits.")
