"""No founder reaches another founder's instructions, versions, runs or links: every sops URL
with Charlie's ids answers 404 to Alice."""

import pytest
from django.urls import URLPattern, get_resolver, reverse

from sops import services
from sops.models import Instruction, Run, Template
from sops.tests.factories import published_va_task
from tasks.tests.factories import make_delegate


def _sops_patterns():
    for entry in get_resolver().url_patterns:
        for sub in getattr(entry, "url_patterns", []):
            if isinstance(sub, URLPattern) and sub.lookup_str.startswith("sops.views"):
                yield sub


ID_KWARGS = {"pk": "instruction", "link_pk": "link", "number": "number"}
POST_ONLY = {
    "instruction_publish",
    "instruction_link_create",
    "instruction_link_revoke",
    "instruction_link_send",
}
WITH_IDS = sorted(p.name for p in _sops_patterns() if set(p.pattern.converters) & {"pk"})


@pytest.fixture
def charlies(charlie):
    task, instruction, version = published_va_task(charlie)
    link = services.handover_link_create(instruction=instruction, delegate=make_delegate(charlie))
    return {"instruction": instruction.pk, "link": link.pk, "number": version.number, "task": task}


def test_every_sops_url_with_an_instruction_id_is_walked():
    assert len(WITH_IDS) >= 8


@pytest.mark.parametrize("name", WITH_IDS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_alice_gets_404_for_charlies_objects(alice_client, charlies, name, method):
    pattern = next(p for p in _sops_patterns() if p.name == name)
    kwargs = {k: charlies[ID_KWARGS[k]] for k in pattern.pattern.converters}
    response = getattr(alice_client, method)(reverse(name, kwargs=kwargs), {"delegate": "1"})
    # A POST-only view refuses a GET before it looks anything up: 405 reveals nothing either.
    assert response.status_code == (405 if method == "get" and name in POST_ONLY else 404)
    assert Instruction.objects.get(pk=charlies["instruction"]).title == "Inbox triage"
    assert not Run.objects.exists()


def test_alice_cannot_attach_charlies_task_or_copy_a_template_onto_it(alice_client, charlies):
    task = charlies["task"]
    assert alice_client.get(f"/instructions/new/?task={task.pk}").status_code == 404
    assert alice_client.get(f"/instructions/templates/?task={task.pk}").status_code == 404
    template = Template.objects.first()  # exists (data migration): the 404 is the task's
    response = alice_client.post(f"/instructions/templates/{template.pk}/copy/", {"task": task.pk})
    assert response.status_code == 404


def test_alice_cannot_share_with_charlies_delegate(alice_client, alice, charlie):
    _task, instruction, _v = published_va_task(alice)
    other = make_delegate(charlie)
    url = f"/instructions/{instruction.pk}/links/new/"
    alice_client.post(url, {"delegate": other.pk, "days": "30"})
    assert not instruction.links.exists()
    # The same post with her own delegate works: only the owner check refused Charlie's.
    alice_client.post(url, {"delegate": make_delegate(alice).pk, "days": "30"})
    assert instruction.links.count() == 1
