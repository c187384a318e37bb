"""Log-in by email and password: Django's own backend, reading the signed-in user together with
their profile. Every page's middleware reads both (the founder's language, clock and currency),
so one query instead of two on every request."""

from django.contrib.auth import backends

from accounts.models import User

PATH = "accounts.backends.ModelBackend"


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        try:
            user = User._default_manager.select_related("profile").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
