"""One code path for "not yours": another founder's instruction answers 404, like a missing one."""

from django.shortcuts import get_object_or_404

from sops.models import Instruction


def get_instruction_for_user(request, pk) -> Instruction:
    return get_object_or_404(Instruction.objects.select_related("task"), pk=pk, owner=request.user)
