"""Making a consultant: staff in the Consultants group, who coach founders through the admin.
In production a superuser does it in the admin (or with `createsuperuser`); the demo seeds one."""

from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import Profile, User
from accounts.roles import CONSULTANTS


def is_consultant(user) -> bool:
    """Staff in the Consultants group: they invite founders and coach them in the admin.
    Founders are never staff, so their pages pay no query for this."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_staff
        and user.groups.filter(name=CONSULTANTS).exists()
    )


def works_in_admin(user) -> bool:
    """Consultants and superusers: their start page is the clients' overview."""
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser) or is_consultant(
        user
    )


@transaction.atomic
def consultant_create(*, email: str, password: str) -> User:
    """A staff user in the Consultants group (the group's rights come from the migrations)."""
    user = User.objects.create_user(email=email, password=password)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    group, _created = Group.objects.get_or_create(name=CONSULTANTS)
    user.groups.add(group)
    return user


# Who coaches whom is account data, kept here at the bottom: every layer's access checks read
# it (the admin's scoping, the pages' frame). The consultants app writes it only through these.


def consultant_add_client(*, consultant: User, founder: User) -> None:
    """What accepting an invitation does; the demo uses it to give its consultant a client."""
    Profile.objects.get_or_create(user=founder)[0].consultants.add(consultant)


def consultant_remove_client(*, consultant: User, founder: User) -> None:
    Profile.objects.get(user=founder).consultants.remove(consultant)


def consultants_set(*, founder: User, consultants) -> None:
    """A superuser's edit in the admin: exactly these consultants coach the founder."""
    Profile.objects.get(user=founder).consultants.set(consultants)
