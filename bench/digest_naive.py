"""The naive peer of the weekly digest (bench/digests.py runs it): the way most Django apps
send a weekly email — a loop over the founders, render_to_string and send_mail for each, no
claim, no lease, no record of what was sent, one SMTP connection per message (send_mail's).

It reads each founder's week as the pipeline does (digest.content.digest_context, its queries
per founder instead of per chunk) and renders the same templates, so the messages are the
pipeline's. Run in a process of its own, share `part` of `parts` of the sent digests:

    python -c "from bench.digest_naive import send; send(0, 2)"   # EMAIL_HOST/PORT set
"""

import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outsourcing.settings")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))


def send(part: int, parts: int) -> int:
    """Sends its share; prints when its loop started and ended (wall clock, after Django's
    start-up: the pipeline's workers are timed warm too)."""
    import time

    import django

    django.setup()
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import timezone, translation

    from digest import content
    from digest.models import WeeklyDigest
    from digest.services import unsubscribe_url

    started = time.time()
    now = timezone.now()
    digests = WeeklyDigest.objects.filter(state=WeeklyDigest.SENT).order_by("pk")
    sent = 0
    for digest in digests.select_related("founder__profile")[part::parts]:
        profile = digest.founder.profile
        with translation.override(profile.language):
            ctx = content.digest_context(
                digest=digest,
                profile=profile,
                now=now,
                unsubscribe_url=unsubscribe_url(founder_id=profile.user_id),
            )
            subject = render_to_string("emails/digest-subject.txt", ctx, using="emails")
            text = render_to_string("emails/digest-body.txt", ctx, using="emails")
            html = render_to_string("emails/digest-body.html", ctx, using="emails")
            send_mail(
                " ".join(subject.split()), text, None, [digest.founder.email], html_message=html
            )
        sent += 1
    print(f"naive loop: {started} {time.time()}", flush=True)  # read by bench/digests.py
    return sent
