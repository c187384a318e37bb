"""The Lighthouse server's data (run by e2e/test_lighthouse.py in the server's own environment:
production settings, its own SQLite file): migrate, the demo founder with their tasks,
delegates, a published work instruction and its handover link, then a session for the founder.
Prints what the test needs as JSON: the session cookie, the instruction's and the handover
link's paths."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outsourcing.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from sops import services  # noqa: E402
from sops.models import HandoverLink  # noqa: E402
from tasks.demo import DEMO_EMAIL  # noqa: E402


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    founder = User.objects.get(email=DEMO_EMAIL)
    # The figures are the founder's own (no "placeholders" banner), as after the first run.
    founder.profile.hourly_value_confirmed = True
    founder.profile.save(update_fields=["hourly_value_confirmed"])
    link = HandoverLink.objects.select_related("instruction").get(instruction__owner=founder)
    client = Client()
    client.force_login(founder, backend="accounts.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    print(
        json.dumps(
            {
                "cookie": f"{cookie.key}={cookie.value}",
                "instruction": reverse("instruction_detail", args=[link.instruction.pk]),
                "handover": services.handover_path(link),
            }
        )
    )


if __name__ == "__main__":
    main()
