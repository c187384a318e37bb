"""Work instructions in the consultant's workspace: read-only and scoped, and the shared
template library a consultant copies from to their clients."""

from accounts.models import Profile
from sops.models import HandoverLink, Instruction, Template

TEMPLATES = "/admin/sops/template/"


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
    response = client.post(
        "/admin/sops/template/add/",
        {
            "slug": "weekly-report",
            "area": "admin",
            "title_en": "Weekly report",
            "title_de": "Wochenbericht",
            "steps_en": "Collect the numbers | A table",
            "steps_de": "Zahlen sammeln | Eine Tabelle",
        },
    )
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
