from accounts.confirmation import is_confirmed
from accounts.consultants import works_in_admin


def email_confirmation(request):
    """Whether to ask a logged-in founder to confirm their address (every page says so), and
    whether the user is a consultant (the navigation then links their clients).
    The profile is loaded already (the language middleware reads it): no extra query."""
    user = getattr(request, "user", None)
    unconfirmed = bool(
        user is not None
        and user.is_authenticated
        and not user.is_staff
        and hasattr(user, "profile")
        and not is_confirmed(user)
    )
    return {"email_unconfirmed": unconfirmed, "works_in_admin": works_in_admin(user)}
