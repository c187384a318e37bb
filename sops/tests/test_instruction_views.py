"""Writing, editing, publishing and comparing instructions in the browser's forms."""

from datetime import timedelta

from django.utils import timezone

from sops.models import Instruction, Template
from sops.tests.factories import form_data, make_instruction
from tasks.tests.factories import make_task

ONE = [{"text": "Open the inbox", "url": "", "expected": "Oldest first", "ORDER": "1"}]


def test_it_writes_a_draft_for_a_task(alice_client, alice):
    task = make_task(alice)
    page = alice_client.get(f"/instructions/new/?task={task.pk}").content.decode()
    assert "Never put passwords here" in page
    response = alice_client.post(f"/instructions/new/?task={task.pk}", form_data(steps=ONE))
    instruction = Instruction.objects.get(owner=alice)
    assert response.status_code == 302
    assert instruction.task == task
    assert [s.text for s in instruction.steps.all()] == ["Open the inbox"]


def test_a_step_with_an_invalid_url_is_refused_at_the_field(alice_client, alice):
    steps = [{"text": "Watch this", "url": "not a url at all", "ORDER": "1"}]
    response = alice_client.post("/instructions/new/", form_data(steps=steps))
    assert response.status_code == 400
    assert "Enter a full web address" in response.content.decode()
    assert response.context["steps"].forms[0].errors["url"]
    assert 'value="Inbox triage"' in response.content.decode()
    assert not Instruction.objects.exists()


def test_steps_are_reordered_and_deleted_without_javascript(alice_client, alice):
    instruction = make_instruction(alice)
    steps = [
        {"text": "Open the inbox", "ORDER": "3"},
        {"text": "Answer routine mail", "ORDER": "1"},
        {"text": "Flag urgent mail", "ORDER": "2", "DELETE": "on"},
        {"text": "Archive the rest", "ORDER": ""},
        {"text": "", "url": "", "expected": "", "ORDER": "4"},  # an empty step is ignored
    ]
    data = form_data(steps=steps, revision=instruction.revision)
    data["steps-INITIAL_FORMS"] = "3"
    response = alice_client.post(f"/instructions/{instruction.pk}/edit/", data)
    assert response.status_code == 302
    texts = [s.text for s in instruction.steps.all()]
    assert texts == ["Answer routine mail", "Open the inbox", "Archive the rest"]


def test_the_later_of_two_concurrent_edits_is_refused_and_keeps_its_text(alice_client, alice):
    instruction = make_instruction(alice)
    opened_at = instruction.revision
    first = form_data(steps=ONE, revision=opened_at, title="First edit")
    assert alice_client.post(f"/instructions/{instruction.pk}/edit/", first).status_code == 302
    second = form_data(steps=ONE, revision=opened_at, title="Second edit")
    response = alice_client.post(f"/instructions/{instruction.pk}/edit/", second)
    assert response.status_code == 409
    assert "Someone saved this instruction while you were editing it" in response.content.decode()
    assert 'value="Second edit"' in response.content.decode()
    instruction.refresh_from_db()
    assert instruction.title == "First edit"


def test_an_instruction_without_steps_cannot_be_published(alice_client, alice):
    instruction = make_instruction(alice, steps=[])
    response = alice_client.post(f"/instructions/{instruction.pk}/publish/", follow=True)
    assert "Add at least one step before you publish." in response.content.decode()
    assert not instruction.versions.exists()


def test_publishing_freezes_versions_and_shows_what_changed(alice_client, alice):
    instruction = make_instruction(alice)
    alice_client.post(f"/instructions/{instruction.pk}/publish/")
    steps = [
        {"text": "Open the inbox", "expected": "Oldest mail on top", "ORDER": "1"},
        {"text": "Answer routine mail with the templates", "ORDER": "2"},
        {"text": "Flag urgent mail", "ORDER": "3", "DELETE": "on"},
    ]
    data = form_data(steps=steps, revision=instruction.revision, title="Inbox triage")
    data["steps-INITIAL_FORMS"] = "3"
    alice_client.post(f"/instructions/{instruction.pk}/edit/", data)
    detail = alice_client.get(f"/instructions/{instruction.pk}/").content.decode()
    assert "The draft has unpublished changes" in detail
    alice_client.post(f"/instructions/{instruction.pk}/publish/")
    assert list(instruction.versions.values_list("number", flat=True)) == [2, 1]
    v1 = alice_client.get(f"/instructions/{instruction.pk}/v/1/").content.decode()
    assert "Flag urgent mail" in v1
    diff = alice_client.get(f"/instructions/{instruction.pk}/v/2/changes/")
    kinds = [c["kind"] for c in diff.context["changes"]]
    assert kinds == ["step_changed", "step_removed"]


def test_step_text_is_shown_as_sanitised_markdown(alice_client, alice):
    steps = [{"text": "**Careful** <script>alert(1)</script>", "ORDER": "1"}]
    alice_client.post("/instructions/new/", form_data(steps=steps))
    instruction = Instruction.objects.get(owner=alice)
    page = alice_client.get(f"/instructions/{instruction.pk}/").content.decode()
    assert "<strong>Careful</strong>" in page
    assert "<script>alert(1)" not in page


def test_an_instruction_past_its_review_date_is_flagged(alice_client, alice):
    instruction = make_instruction(alice)
    Instruction.objects.filter(pk=instruction.pk).update(
        review_on=timezone.localdate() - timedelta(days=1)
    )
    assert "review overdue" in alice_client.get("/instructions/").content.decode()
    assert "review overdue" in alice_client.get(f"/instructions/{instruction.pk}/").content.decode()


def test_the_library_has_eight_templates_in_both_languages(db):
    templates = Template.objects.all()
    assert templates.count() >= 8
    for template in templates:
        assert len(template.text("en")["steps"]) >= 4
        assert len(template.text("de")["steps"]) == len(template.text("en")["steps"])
        assert template.text("de")["title"] != template.text("en")["title"]


def test_copying_a_template_uses_the_founders_language(alice_client, alice):
    alice.profile.language = "de"
    alice.profile.save()
    task = make_task(alice)
    template = Template.objects.get(slug="inbox-triage")
    response = alice_client.post(f"/instructions/templates/{template.pk}/copy/", {"task": task.pk})
    instruction = Instruction.objects.get(owner=alice)
    assert response.status_code == 302
    assert (instruction.title, instruction.task) == ("Posteingang sortieren", task)
    assert instruction.steps.count() == len(template.text("de")["steps"])


def test_the_task_page_shows_the_instruction_status_and_runs(alice_client, alice):
    task = make_task(alice)
    page = alice_client.get(f"/tasks/{task.pk}/").content.decode()
    assert 'data-instruction-status="none"' in page
    instruction = make_instruction(alice, task=task)
    page = alice_client.get(f"/tasks/{task.pk}/").content.decode()
    assert 'data-instruction-status="draft"' in page
    alice_client.post(f"/instructions/{instruction.pk}/publish/")
    page = alice_client.get(f"/tasks/{task.pk}/").content.decode()
    assert 'data-instruction-status="published"' in page
    assert 'data-status="ready"' in page


def test_any_two_versions_can_be_compared(alice_client, alice):
    from sops import services as sops_services

    instruction = make_instruction(alice)
    for title in ("Inbox triage", "Inbox triage v2", "Inbox triage v3"):
        instruction.title = title
        instruction.save()
        sops_services.instruction_publish(instruction=instruction, by=alice)
    url = f"/instructions/{instruction.pk}/v/3/changes/"
    assert alice_client.get(url).context["before"].number == 2
    compared = alice_client.get(url, {"from": "1"})
    assert compared.context["before"].number == 1
    titles = [(c["old"], c["new"]) for c in compared.context["changes"] if c["kind"] == "field"]
    assert ("Inbox triage", "Inbox triage v3") in titles
    assert alice_client.get(url, {"from": "9"}).status_code == 404
    assert alice_client.get(url, {"from": "x"}).status_code == 404
