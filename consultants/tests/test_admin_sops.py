"""Work instructions in the consultant's workspace: read-only and scoped, and the shared
template library a consultant copies from to their clients."""

from accounts.models import Profile
from sops.models import HandoverLink, Instruction, Template

TEMPLATES = "/admin/sops/template/"
NEW_TEMPLATE = {
    "slug": "weekly-report",
    "area": "admin",
    "title_en": "Weekly report",
    "title_de": "Wochenbericht",
    "steps_en": "Collect the numbers | A table",
    "steps_de": "Zahlen sammeln | Eine Tabelle",
}


def copy(client, template, **data):
    return client.post(
        TEMPLATES,
        {"action": "copy_to_clients", "_selected_action": [str(template.pk)], **data},
    )


def test_a_consultant_copies_a_template_to_their_clients_in_each_clients_language(client, cast):
    alice, dora = cast.founders["alice"], cast.founders["dora"]
    Profile.objects.filter(user=dora).update(language="de")
    template = Template.objects.get(slug="inbox-triage")
    client.force_login(cast.consultants["bob"])
    page = copy(client, template)
    assert page.status_code == 200
    assert {c.email for c in page.context["form"].fields["clients"].queryset} == {
        alice.email,
        dora.email,
    }
    response = copy(client, template, apply="1", clients=[str(alice.pk), str(dora.pk)])
    assert response.status_code == 302
    assert alice.instructions.filter(title=template.title_en).exists()
    copied = dora.instructions.get(title=template.title_de)
    assert copied.steps.count() == len(template.text("de")["steps"])
    assert copied.latest_version() is None  # a draft to adapt, not published on their behalf


def test_a_consultant_cannot_copy_a_template_to_another_consultants_client(client, cast):
    frank = cast.founders["frank"]
    template = Template.objects.get(slug="inbox-triage")
    before = Instruction.objects.count()
    client.force_login(cast.consultants["bob"])
    refused = copy(client, template, apply="1", clients=[str(frank.pk)])
    assert refused.status_code == 200
    assert "clients" in refused.context["form"].errors
    assert Instruction.objects.count() == before


def test_copying_asks_for_at_least_one_client(client, cast):
    client.force_login(cast.consultants["bob"])
    refused = copy(client, Template.objects.first(), apply="1")
    assert "Choose at least one client." in refused.content.decode()


def test_a_consultant_adds_a_template_to_the_shared_library(client, cast):
    client.force_login(cast.consultants["erin"])
    response = client.post("/admin/sops/template/add/", NEW_TEMPLATE)
    assert response.status_code == 302
    client.force_login(cast.consultants["bob"])
    assert client.get(TEMPLATES, {"q": "Weekly"}).context["cl"].result_count == 1


def test_instructions_are_read_only_in_the_admin_even_for_their_consultant(client, cast):
    instruction = cast.founders["alice"].instructions.get()
    client.force_login(cast.consultants["bob"])
    url = f"/admin/sops/instruction/{instruction.pk}/change/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"title": "Hijacked"}).status_code == 403
    instruction.refresh_from_db()
    assert instruction.title == "alice's bookkeeping receipts"
    assert client.get("/admin/sops/instruction/add/").status_code == 403


def test_a_handover_links_token_never_shows_in_the_admin(client, cast):
    link = HandoverLink.objects.get(delegate__owner=cast.founders["alice"])
    client.force_login(cast.root)
    page = client.get(f"/admin/sops/handoverlink/{link.pk}/change/").content.decode()
    assert link.token not in page


# The shared library is the operator's (security issue #19, item 5).
def _change(client, template, **changes):
    data = {
        name: getattr(template, name) or ""
        for name in ("slug", "area", "title_en", "title_de", "steps_en", "steps_de")
    }
    return client.post(f"{TEMPLATES}{template.pk}/change/", {**data, **changes})


def test_a_consultant_cannot_change_a_starter_template(client, cast):
    starter = Template.objects.get(slug="inbox-triage")
    client.force_login(cast.consultants["bob"])
    assert _change(client, starter, steps_en="Open http://phish.example/").status_code == 403
    assert client.post(f"{TEMPLATES}{starter.pk}/delete/", {"post": "yes"}).status_code == 403
    starter.refresh_from_db()
    assert "phish" not in starter.steps_en
    # Still readable and copyable: the change page is a view.
    assert client.get(f"{TEMPLATES}{starter.pk}/change/").status_code == 200


def test_a_consultant_changes_only_the_templates_they_created(client, cast):
    client.force_login(cast.consultants["erin"])
    assert client.post(f"{TEMPLATES}add/", NEW_TEMPLATE).status_code == 302
    template = Template.objects.get(slug="weekly-report")
    assert template.created_by == cast.consultants["erin"]
    client.force_login(cast.consultants["bob"])
    assert _change(client, template, title_en="Bob's now").status_code == 403
    client.force_login(cast.consultants["erin"])
    assert _change(client, template, title_en="Weekly numbers").status_code == 302
    template.refresh_from_db()
    assert template.title_en == "Weekly numbers"


def test_a_superuser_changes_a_starter_template_and_the_library_shows_who_and_when(client, cast):
    starter = Template.objects.get(slug="inbox-triage")
    client.force_login(cast.root)
    assert _change(client, starter, title_en="Inbox triage, daily").status_code == 302
    starter.refresh_from_db()
    assert starter.changed_by == cast.root and starter.changed_at is not None
    page = client.get(TEMPLATES, {"q": "daily"}).content.decode()
    assert "root@example.com" in page
    assert "Last changed by" in page


def test_a_template_has_at_most_100_steps(client, cast):
    client.force_login(cast.consultants["erin"])
    steps = "\n".join(f"Step {i}" for i in range(101))
    response = client.post(f"{TEMPLATES}add/", {**NEW_TEMPLATE, "steps_en": steps})
    assert response.status_code == 200
    assert "A template has at most 100 steps." in response.content.decode()
    assert not Template.objects.filter(slug="weekly-report").exists()


def test_a_german_consultant_reads_the_step_limit_in_german(client, cast):
    client.force_login(cast.consultants["erin"])
    client.post("/i18n/setlang/", {"language": "de", "next": "/admin/"})
    steps = "\n".join(f"Schritt {i}" for i in range(101))
    response = client.post(f"{TEMPLATES}add/", {**NEW_TEMPLATE, "steps_de": steps})
    assert "Eine Vorlage hat höchstens 100 Schritte." in response.content.decode()
