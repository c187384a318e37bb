"""A consultant sees only their clients' things in the admin; superusers see everything.

One place decides what "their clients' things" means: `scope(queryset, user)`. Each model
says how it reaches its founder (`register_scope(Task, "owner")`); a model nobody registered
shows a consultant nothing, so a new model is hidden until someone decides otherwise.
Every ModelAdmin and inline mixes in `ConsultantScoped`, which runs change lists, change
forms, deletes, history, autocomplete, raw-id popups, related choices and list filters through
that one function. An object outside the scope answers exactly as a missing one does.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.db.models import BLANK_CHOICE_DASH, Model, QuerySet

from accounts.inputs import parse_id
from accounts.models import Profile, User
from tasks.models import Category, Delegate, OverrideRecord, Task, TaskNote

# model → lookup path from the model to its founder (a User); "" for User itself.
FOUNDER_PATHS: dict[type[Model], str] = {}
# Reference data every consultant may read (the four categories).
SHARED: set[type[Model]] = set()


def register_scope(model: type[Model], founder_path: str) -> None:
    FOUNDER_PATHS[model] = founder_path


def register_shared(model: type[Model]) -> None:
    SHARED.add(model)


register_scope(User, "")
register_scope(Profile, "user")
register_scope(Task, "owner")
register_scope(Delegate, "owner")
register_scope(OverrideRecord, "task__owner")
register_scope(TaskNote, "task__owner")
register_shared(Category)


def clients_of(user: User) -> QuerySet:
    """The founders whose profile lists this consultant; every user for a superuser."""
    if user.is_superuser:
        return User.objects.all()
    return User.objects.filter(profile__consultants=user)


def is_scoped(model: type[Model]) -> bool:
    return model in FOUNDER_PATHS


def scope(queryset: QuerySet, user: User) -> QuerySet:
    if user.is_superuser or queryset.model in SHARED:
        return queryset
    path = FOUNDER_PATHS.get(queryset.model)
    if path is None:
        return queryset.none()
    prefix = f"{path}__" if path else ""
    # One founder per row and one row per (profile, consultant): the join adds no duplicates.
    return queryset.filter(**{f"{prefix}profile__consultants": user})


if TYPE_CHECKING:
    # What the mixin is mixed into, for mypy: its super() calls reach the admin's methods.
    _AdminBase = admin.options.BaseModelAdmin[Any]
else:
    _AdminBase = object


# The most forms an admin inline formset builds, whatever TOTAL_FORMS a request claims.
INLINE_MAX_FORMS = 100


class SafeChangeList(ChangeList):
    """A date drill-down at the calendar's ends (?review_on__year=9999 asks for the next year
    to bound it; year 1 moved to UTC falls before it) is a wrong lookup, shown as the admin
    shows any other (?e=1)."""

    def get_filters(self, request):
        year = request.GET.get(f"{self.date_hierarchy}__year") if self.date_hierarchy else None
        if year is not None and not (parse_id(year) and 1 < int(year) < 9999):
            raise IncorrectLookupParameters(f"no year {year!r} to drill down to")
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as err:
            raise IncorrectLookupParameters(err) from err


class SafeDrillDown(_AdminBase):
    """Every ModelAdmin of the site gets it, Django's and other apps' too (see __init__)."""

    def get_changelist(self, request, **kwargs):
        return SafeChangeList


class _IdsOnly:
    """An autocomplete box looks up the ids it shows: a value that is no id (?owner=², or a
    junk post re-rendered with its errors) is left out instead of failing the lookup."""

    def optgroups(self, name, value, attr=None):
        ids = [v for v in value if v in ("", None) or parse_id(v) is not None]
        return super().optgroups(name, ids, attr)  # type: ignore[misc]


class SafeAutocompleteSelect(_IdsOnly, AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        if self.is_required:
            # Django leaves a required box without an empty first option, which HTML asks of
            # every required <select> (its placeholder); the form still refuses it empty.
            empty = BLANK_CHOICE_DASH[0][1]
            groups[0][1].insert(0, self.create_option(name, "", empty, False, 0))
        return groups


class SafeAutocompleteSelectMultiple(_IdsOnly, AutocompleteSelectMultiple):
    pass


class ConsultantScoped(SafeDrillDown):
    """Mix into every ModelAdmin and inline, before admin.ModelAdmin / InlineModelAdmin."""

    # "View on site" (/admin/r/…) redirects any staff user to get_absolute_url(); some of
    # our URLs are secrets (a handover link's), so the admin never offers it.
    view_on_site: Callable[[Any], str | None] | bool = False

    def get_queryset(self, request):
        return scope(super().get_queryset(request), request.user)

    def get_formset(self, request, obj=None, **kwargs):
        # Inlines only: a huge TOTAL_FORMS builds at most this many forms, then says so.
        kwargs.setdefault("max_num", INLINE_MAX_FORMS)
        kwargs.setdefault("absolute_max", INLINE_MAX_FORMS)
        formset = super().get_formset(request, obj, **kwargs)  # type: ignore[misc]
        formset.max_num = min(formset.max_num, INLINE_MAX_FORMS)
        formset.absolute_max = formset.max_num
        return formset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._scope_choices(db_field, request, kwargs)
        self._safe_autocomplete(db_field, request, kwargs, SafeAutocompleteSelect)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._scope_choices(db_field, request, kwargs)
        self._safe_autocomplete(db_field, request, kwargs, SafeAutocompleteSelectMultiple)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _safe_autocomplete(self, db_field, request, kwargs, widget) -> None:
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = widget(db_field, self.admin_site, using=kwargs.get("using"))

    def _scope_choices(self, db_field, request, kwargs) -> None:
        # Choices, autocomplete selections and raw-id values are all validated against this.
        if "queryset" in kwargs:
            kwargs["queryset"] = scope(kwargs["queryset"], request.user)
            return
        queryset = self.get_field_queryset(None, db_field, request)
        if queryset is None:
            queryset = db_field.remote_field.model._default_manager.all()
        kwargs["queryset"] = scope(queryset, request.user)

    def get_list_filter(self, request):
        # A plain related filter lists every row of the related table; offer only the
        # values present in this (scoped) change list.
        # ModelAdmin's (the mixin's base for mypy is BaseModelAdmin); inlines never call it.
        parent = super().get_list_filter(request)  # type: ignore[misc]
        return [self._scoped_filter(item) for item in parent]

    def _scoped_filter(self, item):
        if not isinstance(item, str) or "__" in item:
            return item
        field = self.model._meta.get_field(item)
        if field.is_relation and is_scoped(field.related_model):
            return (item, admin.RelatedOnlyFieldListFilter)
        return item
