"""Roles: a founder is a normal user, a consultant is staff in the Consultants group, and a
superuser sees everything. The group's rights are granted by data migrations through here.
"""

from django.contrib.auth.management import create_permissions

CONSULTANTS = "Consultants"


def grant_to_consultants(apps, app_label: str, permissions: dict[str, tuple[str, ...]]) -> None:
    """Give the Consultants group e.g. {"task": ("view", "change")} in `app_label`, creating
    the group and the permissions first: Django creates permissions only after `migrate`."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=CONSULTANTS)
    codenames = [
        f"{action}_{model}" for model, actions in permissions.items() for action in actions
    ]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )


def revoke_from_consultants(apps, app_label: str) -> None:
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=CONSULTANTS):
        group.permissions.remove(*group.permissions.filter(content_type__app_label=app_label))
