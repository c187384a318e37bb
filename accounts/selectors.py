"""Reads of a founder's account."""

from accounts.models import Profile, User


def founder_profile(*, user: User) -> Profile:
    """The user's profile, created on first use (consultants and superusers may lack one).
    The one the language middleware loaded when it did: no second query."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _created = Profile.objects.get_or_create(user=user)
        return profile
