"""Assigning a role to one delegate: only the founder's delegates of the role's kind."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import clock
from tasks.models import Delegate, sensible_date
from tasks.money_text import amount
from tasks.role_services import role_fits


class RoleAssignForm(forms.Form):
    delegate = forms.TypedChoiceField(
        label=_("Who takes this role?"),
        coerce=int,
        error_messages={"invalid_choice": _("Choose one of your delegates who takes this work.")},
    )
    start_date = forms.DateField(
        label=_("Start date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=sensible_date,
    )

    def __init__(self, *args, owner, route: str, area: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.delegates = {
            d.pk: d
            for d in Delegate.objects.filter(owner=owner).order_by("name", "pk")
            if role_fits(d, route=route, area=area)
        }
        cast(forms.ChoiceField, self.fields["delegate"]).choices = [("", "---------")] + [
            (pk, _("%(name)s, %(rate)s/h") % {"name": d.name, "rate": amount(d.hourly_rate)})
            for pk, d in self.delegates.items()
        ]
        self.fields["start_date"].initial = clock.today()

    @property
    def has_delegates(self) -> bool:
        return bool(self.delegates)

    def clean_delegate(self):
        # The field's choices are these delegates: anything else was refused already.
        return self.delegates[self.cleaned_data["delegate"]]
