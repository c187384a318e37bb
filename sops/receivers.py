"""Delegating a task hands its work instruction over in the same step (tasks.signals)."""

from django.dispatch import receiver

from sops import mail, services
from sops.models import Instruction
from tasks.signals import delegation_ended, delegation_started


@receiver(delegation_started, dispatch_uid="sops.delegation_started")
def give_the_delegate_a_link(*, task, delegate, send_instruction, note, **_kwargs) -> str:
    """The link that lives as long as the delegation; emailed when asked. Returns the address
    it was sent to ("" when nothing was sent)."""
    instruction = Instruction.objects.filter(task=task).first()
    if instruction is None or instruction.latest_version() is None:
        return ""
    link = services.delegation_link(instruction=instruction, delegate=delegate)
    if send_instruction and mail.handover_mail_queue(link=link, note=note):
        return delegate.email
    return ""


@receiver(delegation_ended, dispatch_uid="sops.delegation_ended")
def revoke_the_delegation_links(*, task_ids, **_kwargs) -> None:
    services.delegation_links_revoke(task_ids=task_ids)
