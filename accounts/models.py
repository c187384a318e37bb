"""Founders, consultants and superusers, and a founder's profile."""

import unicodedata
from decimal import Decimal
from typing import ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ObjectDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts import money, numbers, schedule
from accounts.choices import (
    LANGUAGE_CHOICES,
    WEEKDAY_CHOICES,
    currency_choices,
    hours_in_a_week,
    not_negative,
    one_to_five,
    time_zone_choices,
)
from accounts.signed_in import SignedInRows
from accounts.versions import VersionedQuerySet


def invisible_characters(text: str) -> bool:
    """Control, format (zero-width), private-use or unassigned characters, or separators
    other than a plain space: invisible in a form, yet part of the address."""
    return any(
        unicodedata.category(char) in ("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp")
        or (unicodedata.category(char) == "Zs" and char != " ")
        for char in text
    )


def normalize_email(email: str) -> str:
    """One spelling per address: NFKC (full-width and compatibility forms fold to plain
    letters), lower case, and the domain in its ASCII (IDNA, "xn--") form, the one mail
    travels with: zw@exämple.org and zw@xn--exmple-cua.org are one address. Addresses are
    compared and stored like this."""
    email = unicodedata.normalize("NFKC", email or "").strip().lower()
    local, at, domain = email.rpartition("@")
    if not at or domain.isascii():
        return email
    return f"{local}@{idna_domain(domain)}"


def idna_domain(domain: str) -> str:
    """Each non-ASCII label as Punycode ("xn--…"), as IDNA 2008 does (Python's "idna" codec
    is IDNA 2003, which would turn straße.de into another domain, strasse.de)."""
    labels = domain.replace("\u3002", ".").split(".")
    try:
        return ".".join(
            label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")
            for label in labels
        )
    except UnicodeError:  # not a domain name: the address's validation says so
        return domain


class UserManager(BaseUserManager.from_queryset(SignedInRows)):  # type: ignore[misc]
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        if invisible_characters(email):
            raise ValueError("An email address cannot contain invisible characters.")
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username):
        # Log-in in any case and spelling: "Victim@Example.com" is victim@example.com.
        return self.get(email=normalize_email(username))

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """Founders, consultants and superusers all log in by email."""

    username = None  # type: ignore[assignment]  # log-in by email: the column is dropped
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # Not auth's UserManager, whose create_user takes a username.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    def __str__(self):
        # Everywhere a person is shown (the admin's columns, notes, change records): their
        # name when they gave one, the address only as the fallback.
        return self.display_name or self.email

    @property
    def display_name(self) -> str:
        """The name set on the founder's profile, else the first and last name (a consultant's,
        set in the admin); "" when neither is set."""
        try:
            profile_name = self.profile.display_name.strip()
        except (ObjectDoesNotExist, ValueError):  # a consultant or superuser: no profile
            profile_name = ""
        return profile_name or self.get_full_name().strip()


FIT_ORDER_CHOICES = [
    (numbers.BEST_NET_FIRST, _("the moves with the best net value")),
    (numbers.CHEAPEST_FIRST, _("the cheapest moves")),
]


# (django-stubs types each base's as_manager() apart; the two bases' managers are one here.)
class ProfileQuerySet(SignedInRows, VersionedQuerySet):  # type: ignore[override]
    # Its writes raise the founder's version and forget the signed-in copy.
    user_path = "user_id"


class Profile(models.Model):
    """A founder's numbers and preferences: what their hour is worth, how much they can carry."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="profile", verbose_name=_("founder")
    )
    # How emails and handover pages introduce the founder, instead of the bare address.
    display_name = models.CharField(
        _("your name"),
        max_length=120,
        blank=True,
        help_text=_("How emails and pages for your delegates introduce you."),
    )
    business_name = models.CharField(_("business name"), max_length=120, blank=True)
    hourly_value = models.DecimalField(
        _("hourly value"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("100"),
        validators=not_negative,
        help_text=_("What an hour of your time is worth to your business."),
    )
    # When given, the hourly value is computed from it (÷ 2,000 hours, Dan Martell).
    yearly_income = models.DecimalField(
        _("yearly income"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=not_negative,
        help_text=_("Optional: your hourly value is then this ÷ 2,000 hours."),
    )
    # False until the founder has told us their hourly value (or income) in the first-run
    # step: the default above is a placeholder, never a silent answer.
    hourly_value_confirmed = models.BooleanField(
        default=False, editable=False, verbose_name=_("hourly value confirmed")
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=currency_choices, default=money.DEFAULT_CURRENCY
    )
    weekly_capacity = models.DecimalField(
        _("weekly capacity (hours)"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("40"),
        validators=hours_in_a_week,
    )
    monthly_budget = models.DecimalField(
        _("monthly delegation budget"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("1000"),
        validators=not_negative,
    )
    default_va_rate = models.DecimalField(
        _("default virtual assistant rate (per hour)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("15"),
        validators=not_negative,
    )
    default_specialist_rate = models.DecimalField(
        _("default specialist rate (per hour)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("60"),
        validators=not_negative,
    )
    # Which next moves come first when the plan is over budget (tasks.money_story's codes):
    # the founder's choice, read by the dashboard and the digest alike.
    fit_order = models.CharField(
        _("when the plan is over budget, suggest first"),
        max_length=10,
        choices=FIT_ORDER_CHOICES,
        default=numbers.BEST_NET_FIRST,
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=time_zone_choices, default="Europe/Berlin"
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, default="en")
    digest_enabled = models.BooleanField(_("send me the weekly digest"), default=True)
    notify_enabled = models.BooleanField(
        _("email me when a delegate confirms a version or records a run"),
        default=True,
        help_text=_("At most one email an hour, with everything since the last one."),
    )
    # When the last such email went out is the sops app's (sops.models.NewsHour).
    digest_weekday = models.PositiveSmallIntegerField(
        _("digest weekday"), choices=WEEKDAY_CHOICES, default=0
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("digest hour"),
        default=8,
        validators=[MinValueValidator(0), MaxValueValidator(23)],
        help_text=_("In your time zone, 0–23."),
    )
    # When the next digest is due is the digest app's (digest.models.DigestSlot): it keeps
    # the schedule it planned for and notices a change of weekday, hour or time zone itself.
    # No mail but the confirmation itself until the founder opened the link in it: sign-up is
    # open, and an address nobody confirmed must not receive digests (security issue #8).
    email_confirmed_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("email confirmed at")
    )
    # When the last confirmation mail went out: a resend waits, so nobody mails-bombs an address.
    confirmation_sent_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("confirmation sent at")
    )
    # The dashboard's "since your last visit": when the founder was last seen (written at most
    # every few minutes, see accounts.services.founder_visit) and when their previous visit ended.
    last_seen_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("last seen at")
    )
    previous_visit_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("previous visit at")
    )
    hate_max = models.PositiveSmallIntegerField(
        _("hate threshold (enjoyment at most)"), default=2, validators=one_to_five
    )
    skill_gap_max = models.PositiveSmallIntegerField(
        _("skill gap threshold (skill at most)"), default=2, validators=one_to_five
    )
    time_eater_min_hours = models.DecimalField(
        _("time eater threshold (hours per week at least)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.0"),
        validators=hours_in_a_week,
    )
    # Consultants coaching this founder; a founder may have several.
    consultants = models.ManyToManyField(
        User, related_name="clients", blank=True, verbose_name=_("consultants")
    )
    # The version of the founder's data (accounts/versions.py): every write of it raises the
    # number in its own transaction, in SQL; read with the profile, so checking a cached page
    # costs no query of its own.
    data_version = models.PositiveBigIntegerField(default=0, editable=False)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("founder profile")
        verbose_name_plural = _("founder profiles")

    def __str__(self):
        return str(self.user)

    def save(self, *args, **kwargs):
        # A profile read before a write elsewhere must not write its older version back:
        # a full save of an existing row writes every field but the version.
        full = kwargs.get("update_fields") is None and not kwargs.get("force_insert")
        if full and not self._state.adding and not args:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "data_version"
            ]
        super().save(*args, **kwargs)

    def introduction(self) -> str:
        """How emails and the handover page name the founder: "Anna Weber, Weber Design",
        or the address when neither name is given."""
        names = [n for n in (self.display_name.strip(), self.business_name.strip()) if n]
        return ", ".join(names) or self.user.email

    def thresholds(self) -> numbers.Thresholds:
        return numbers.Thresholds(
            hate_max=self.hate_max,
            skill_gap_max=self.skill_gap_max,
            time_eater_min_hours=self.time_eater_min_hours,
        )

    def digest_schedule(self) -> schedule.Schedule:
        return schedule.Schedule(
            weekday=self.digest_weekday, hour=self.digest_hour, time_zone=self.time_zone
        )

    def rates(self) -> numbers.Rates:
        return numbers.Rates(
            hourly_value=self.hourly_value,
            weekly_capacity=self.weekly_capacity,
            monthly_budget=self.monthly_budget,
            default_va_rate=self.default_va_rate,
            default_specialist_rate=self.default_specialist_rate,
        )
