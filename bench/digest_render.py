"""Benchmark (not a test): where one digest's CPU goes before SMTP, and Django's template
engine against Jinja2 for the digest's three templates, on the same contexts.

The Django templates are the ones the Jinja2 port replaced (bench/django_templates/).
Reads the digests of a seeded bench database (run bench/digests.py first), builds each one's
context as a sender does, renders it with both engines in English and in German, checks the
two outputs are the same text (HTML compared after unescaping: Django writes ' as &#x27;,
Jinja2 as &#39;), and prints CPU milliseconds per digest for each step.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_digests \\
    .venv/bin/python bench/digest_render.py [--digests 500]
"""

import argparse
import html
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outsourcing.settings")
# DEBUG off, as in production: that needs a key (a child process inherits it).
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DEBUG", "false")  # cached templates, as in production

import django  # noqa: E402

django.setup()

from django.template import Context, Engine  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from digest import chunk_reads, content  # noqa: E402
from digest.models import WeeklyDigest  # noqa: E402
from digest.services import unsubscribe_headers, unsubscribe_url  # noqa: E402
from mail.messages import make_message  # noqa: E402

PARTS = ("subject.txt", "body.txt", "body.html")
# The Django templates the Jinja2 ones replaced, kept here for this comparison only; cached
# loaders, as in production.
DJANGO = Engine(
    dirs=[str(ROOT / "bench" / "django_templates")],
    libraries={
        "buyback_tags": "tasks.templatetags.buyback_tags",
        "i18n": "django.templatetags.i18n",
    },
)
DJANGO_TEMPLATES = {part: DJANGO.get_template(f"emails/digest-{part}") for part in PARTS}


def render(ctx: dict, using: str | None) -> list[str]:
    if using is None:
        return [DJANGO_TEMPLATES[part].render(Context(ctx)) for part in PARTS]
    return [render_to_string(f"emails/digest-{part}", ctx, using=using) for part in PARTS]


def same(django_parts: list[str], jinja_parts: list[str]) -> bool:
    subject_d, text_d, html_d = django_parts
    subject_j, text_j, html_j = jinja_parts
    return (
        " ".join(subject_d.split()) == " ".join(subject_j.split())
        and text_d == text_j
        and html.unescape(html_d) == html.unescape(html_j)
    )


def timed(step: dict, name: str, fn, *args, **kwargs):
    started = time.process_time()
    value = fn(*args, **kwargs)
    step[name] = step.get(name, 0.0) + time.process_time() - started
    return value


def run(count: int) -> None:
    digests = list(WeeklyDigest.objects.select_related("founder__profile").order_by("pk")[:count])
    if not digests:
        sys.exit("No digests: run bench/digests.py on this database first.")
    now = timezone.now()
    steps: dict[str, float] = {}
    reads = timed(steps, "chunk reads (4 queries per 100)", lambda: _reads(digests))
    contexts = []
    for digest in digests:
        profile = digest.founder.profile
        url = unsubscribe_url(founder_id=profile.user_id)
        ctx = timed(
            steps,
            "context",
            content.digest_context,
            digest=digest,
            profile=profile,
            now=now,
            unsubscribe_url=url,
            reads=reads,
        )
        contexts.append(ctx)
    differ = 0
    for language in ("en", "de"):
        with translation.override(language):
            for ctx in contexts:  # warm both engines' caches first
                render(ctx, None), render(ctx, "emails")
            for ctx in contexts:
                django_parts = timed(
                    steps, f"render, Django templates ({language})", render, ctx, None
                )
                jinja_parts = timed(steps, f"render, Jinja2 ({language})", render, ctx, "emails")
                differ += not same(django_parts, jinja_parts)
                message = make_message(
                    "digest", "a@example.com", ctx, headers=unsubscribe_headers(ctx), using="emails"
                )
                timed(
                    steps,
                    f"MIME: message().as_bytes() ({language})",
                    _mime,
                    message,
                )
    print(
        f"{len(digests)} digests, rendered in English and German; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    for name, seconds in steps.items():
        print(f"  {name}: {seconds / len(digests) * 1000:.3f} ms CPU per digest")
    print(f"outputs that differ between the engines: {differ} of {2 * len(digests)}")
    for language in ("en", "de"):
        d = steps[f"render, Django templates ({language})"]
        j = steps[f"render, Jinja2 ({language})"]
        print(
            f"  {language}: Jinja2 takes {j / d:.0%} of Django's rendering time "
            f"({d / j:.1f}× faster)"
        )


def _mime(message) -> bytes:
    return message.message().as_bytes()


def _reads(digests):
    reads = {}
    for start in range(0, len(digests), 100):
        part = chunk_reads.chunk_reads(digests[start : start + 100])
        reads.setdefault("tasks", {}).update(part.tasks)
        reads.setdefault("previous", {}).update(part.previous)
        reads["categories"] = part.categories
    return chunk_reads.ChunkReads(**reads)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--digests", type=int, default=500)
    run(parser.parse_args().digests)
