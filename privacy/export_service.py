"""Download my data: asked for in the settings, built by a Celery task (in-process in the
demo), and fetched once through a signed link mailed to the founder, valid for 24 hours,
only for that founder while logged in."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Profile, User
from mail.messages import make_message
from mail.outbox import mail_enqueue
from privacy import exports
from privacy.models import DataExport

SALT = "privacy.export"
VALID_FOR = timedelta(hours=24)
# One export at a time: building one is heavy work, and each mails the founder.
ASK_AGAIN_AFTER = timedelta(minutes=10)


class TooSoon(Exception):
    """An export was asked for moments ago."""


class LinkUnusable(Exception):
    """Tampered with, for someone else, expired, already used or not built: the page says so."""


def _language(user: User) -> str:
    language = Profile.objects.filter(user=user).values_list("language", flat=True).first()
    return language or settings.LANGUAGE_CODE


def export_request(*, founder: User) -> DataExport:
    """Queue an export, unless one was asked for within ASK_AGAIN_AFTER."""
    from privacy.tasks import export_build  # the task module imports this one

    since = timezone.now() - ASK_AGAIN_AFTER
    with transaction.atomic():
        # Lock the founder's row: two quick clicks queue one export.
        User.objects.select_for_update().filter(pk=founder.pk).first()
        if DataExport.objects.filter(founder=founder, created_at__gt=since).exists():
            raise TooSoon
        export = DataExport.objects.create(founder=founder)
        transaction.on_commit(lambda: export_build.delay(export.pk))
    return export


def export_path(export: DataExport) -> str:
    token = signing.dumps({"export": export.pk, "founder": export.founder_id}, salt=SALT)
    return reverse("data_download", args=[token])


def export_build_and_mail(*, export_id: int) -> bool:
    """Build the ZIP and mail the link. Returns whether there was anything to do (a
    redelivered task finds the export built)."""
    export = DataExport.objects.select_related("founder").filter(pk=export_id).first()
    if export is None or export.built_at is not None:
        return False
    language = _language(export.founder)
    content = exports.build_zip(export.founder, language=language)
    ctx = {"url": settings.SITE_URL + export_path(export), "hours": 24}
    with translation.override(language):
        message = make_message("data_export", export.founder.email, ctx)
    with transaction.atomic():
        # Built and mailed together, in one compare-and-swap: of two deliveries of the task,
        # one stores the ZIP and queues the mail, the other finds it built.
        unbuilt = DataExport.objects.filter(pk=export.pk, built_at=None)
        if not unbuilt.update(content=content, built_at=timezone.now()):
            return False
        mail_enqueue(
            message=message,
            kind="data_export",
            caused_by=export.founder,
            subject_ref=f"privacy.dataexport:{export.pk}",
        )
    return True


def exports_expire() -> int:
    """Remove exports older than their link: a ZIP never stays past VALID_FOR."""
    deleted, _by_model = DataExport.objects.filter(
        created_at__lt=timezone.now() - VALID_FOR
    ).delete()
    return deleted


def export_ready(*, founder: User) -> DataExport | None:
    """The founder's latest export, if built, not yet downloaded and still valid."""
    return (
        DataExport.objects.filter(
            founder=founder,
            built_at__gt=timezone.now() - VALID_FOR,
            downloaded_at__isnull=True,
        )
        .defer("content")
        .first()
    )


def export_download(*, token: str, user: User) -> bytes:
    """The ZIP, once: the link must be signed by us, for this user, younger than 24 hours,
    and unused. The content is dropped from the database as it is handed out."""
    try:
        data = signing.loads(token, salt=SALT, max_age=VALID_FOR)
    except signing.BadSignature as err:  # SignatureExpired is one
        raise LinkUnusable from err
    if data.get("founder") != user.pk:
        raise LinkUnusable
    with transaction.atomic():
        export = (
            DataExport.objects.select_for_update()
            .filter(pk=data.get("export"), founder=user, built_at__isnull=False)
            .first()
        )
        if export is None or export.downloaded_at is not None:
            raise LinkUnusable
        content = bytes(export.content)
        DataExport.objects.filter(pk=export.pk).update(downloaded_at=timezone.now(), content=b"")
    return content
