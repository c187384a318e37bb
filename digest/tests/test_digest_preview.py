"""The digest's preview: byte for byte the text that will go out; a test send that leaves
the week's digest to come; the dry run prints subject and text."""

from io import StringIO

from django.core import signing
from django.core.management import call_command

from accounts import ratelimit
from accounts.models import Profile
from digest import preview
from digest.models import WeeklyDigest
from digest.tests.digest_support import MONDAY, claim_and_send, parts, plan
from tasks.tests.factories import make_task


def test_the_preview_text_is_the_sent_digest_byte_for_byte(alice, smtp_server, monkeypatch):
    # The unsubscribe link is signed with the time of each rendering: one second for both.
    second = signing.b62_encode(1_800_000_000)
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda _self: second)
    make_task(alice, title="Inbox triage", hours_per_week=5)
    plan(alice)
    profile = Profile.objects.get(user=alice)
    shown = preview.preview_parts(preview.preview_message(profile=profile, now=MONDAY))
    assert not WeeklyDigest.objects.exists()  # looking sends nothing, claims nothing
    claim_and_send()
    [received] = smtp_server.messages
    sent_text = parts(received["message"])["text/plain"]
    # What SMTP carried (CRLF line ends on the wire) against what the preview shows.
    assert sent_text.replace("\r\n", "\n").encode() == shown["text"].encode()


def test_the_preview_page_in_both_languages(alice_client, alice):
    make_task(alice, title="Inbox triage", hours_per_week=5)
    english = alice_client.get("/digest/preview/").content.decode()
    assert "Send me a test" in english and "Bought back:" in english
    german = alice_client.get("/digest/preview/?lang=de").content.decode()
    assert "Zurückgekauft" in german or "zurückgekauft" in german
    html = alice_client.get("/digest/preview/html/?lang=de")
    assert html.status_code == 200 and html["X-Frame-Options"] == "SAMEORIGIN"


def test_a_test_send_is_marked_and_leaves_the_week_s_digest(alice_client, alice, smtp_server):
    make_task(alice, title="Inbox triage", hours_per_week=5)
    response = alice_client.post("/digest/test/", follow=True)
    assert "A test digest is on its way" in response.content.decode()
    [received] = smtp_server.messages
    assert received["message"]["Subject"].startswith(preview.TEST_PREFIX)
    assert received["message"]["X-Digest-Test"] == "yes"
    assert not WeeklyDigest.objects.exists()
    plan(alice)
    claim_and_send()
    assert len(smtp_server.messages) == 2  # the real digest still went out


def test_test_sends_are_rate_limited(alice_client, alice, smtp_server):
    for _ in range(ratelimit.DIGEST_TEST.count + 1):
        response = alice_client.post("/digest/test/", follow=True)
    assert "enough test mails" in response.content.decode()
    assert len(smtp_server.messages) == ratelimit.DIGEST_TEST.count


def test_the_dry_run_prints_subject_and_text(alice):
    make_task(alice, title="Inbox triage", hours_per_week=5)
    out = StringIO()
    call_command("send_digests", "--now", "--dry-run", stdout=out)
    printed = out.getvalue()
    assert "would send" in printed and "Subject: Week" in printed and "Bought back:" in printed
    assert not WeeklyDigest.objects.exists()
