"""Django's own form messages, worded our way in German (du-form, not stiff).

Translations in LOCALE_PATHS take precedence over Django's catalogues, so our msgstr for these
msgids wins wherever Django shows them — on every form field of every page. They are listed here
only so that makemessages keeps them in locale/de/LC_MESSAGES/django.po; nothing imports this.
Django's login and password forms get our own msgids instead (accounts/passwords.py).
"""

from django.utils.translation import gettext_noop

DJANGO_FORM_MESSAGES = [
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("The submitted file is empty."),
    gettext_noop("No file was submitted. Check the encoding type on the form."),
    gettext_noop("Please either submit a file or check the clear checkbox, not both."),
]
