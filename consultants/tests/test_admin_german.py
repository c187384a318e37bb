"""The admin in German (issue 27, item 2): on every admin page a German consultant reaches —
the index, each model's list, one change form and the add form — every field label and column
header is translated. A label that reads the same in English and German fails, unless it is
the same word in both languages."""

import re
from html import unescape

import pytest
from django.contrib import admin

# Words German uses as they are (product names, loan words the glossary keeps).
SAME_IN_BOTH = {
    "E-Mail",
    "Name",
    "Status",
    "Design",
    "Marketing",
    "Version",
    "Name (EN)",
    "Name (DE)",
    "Titel (EN)",
    "Titel (DE)",
    "Smart-Outsourcing",
    "Skill-Outsourcing",
    "ID",
    "Tools",
}
LABEL = re.compile(r"<label[^>]*>(.*?)</label>|<th[^>]*scope=\"col\"[^>]*>(.*?)</th>", re.S)
TAG = re.compile(r"<[^>]+>")


def labels(html: str) -> set[str]:
    found = set()
    for match in LABEL.finditer(html):
        text = unescape(TAG.sub("", match.group(1) or match.group(2) or "")).strip(" :\n\t")
        if text and not text.isdigit() and "@" not in text:
            found.add(" ".join(text.split()))
    return found


def admin_pages(consultant) -> list[str]:
    pages = ["/admin/"]
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if not model_admin.has_view_permission(_Request(consultant)):
            continue
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        pages.append(base)
        obj = model_admin.get_queryset(_Request(consultant)).first()
        if obj is not None:
            pages.append(f"{base}{obj.pk}/change/")
        if model_admin.has_add_permission(_Request(consultant)):
            pages.append(f"{base}add/")
    return pages


class _Request:
    def __init__(self, user):
        self.user = user
        self.GET = {}
        self.method = "GET"


@pytest.mark.django_db
def test_a_german_consultant_meets_no_english_label_in_the_admin(client, cast):
    bob = cast.consultants["bob"]
    client.force_login(bob)
    untranslated = {}
    pages = admin_pages(bob)
    assert len(pages) > 10, pages
    for page in pages:
        english = client.get(page, HTTP_ACCEPT_LANGUAGE="en")
        client.cookies["django_language"] = "de"
        german = client.get(page, HTTP_ACCEPT_LANGUAGE="de")
        del client.cookies["django_language"]
        assert english.status_code == german.status_code == 200, page
        same = (labels(german.content.decode()) & labels(english.content.decode())) - SAME_IN_BOTH
        if same:
            untranslated[page] = sorted(same)
    assert not untranslated, untranslated


def test_a_digest_is_named_by_its_calendar_week_in_german(cast, settings):
    from django.utils import translation

    from digest.models import WeeklyDigest

    digest = WeeklyDigest.objects.filter(founder=cast.founders["alice"]).first()
    with translation.override("de"):
        name = str(digest)
    assert "KW 47/2026" in name
    assert "W47" not in name


@pytest.mark.django_db
def test_the_label_check_sees_the_change_forms_in_both_languages(client, cast):
    """The walk above would pass on a page it cannot read: make sure it reads German."""
    client.force_login(cast.consultants["bob"])
    task = cast.founders["alice"].tasks.first()
    client.cookies["django_language"] = "de"
    german = labels(client.get(f"/admin/tasks/task/{task.pk}/change/").content.decode())
    assert "Letzter Durchlauf am" in german or "Gründer" in german, sorted(german)


@pytest.mark.django_db
def test_the_digest_list_names_the_calendar_week_in_german(client, cast):
    client.force_login(cast.consultants["bob"])
    client.cookies["django_language"] = "de"
    html = client.get("/admin/digest/weeklydigest/").content.decode()
    assert "KW 47/2026" in html
    assert "W47" not in html
