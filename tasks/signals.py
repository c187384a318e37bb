"""What the apps above tasks hear about a delegation (tasks imports none of them).

delegation_started: task, delegate, send_instruction (bool), note (str). The work
instructions (sops.receivers) give the delegate a link that lives as long as the delegation
and, when asked, email it. Receivers answer with the delegate's address when they sent it.
delegation_ended: task_ids (taken back or done, one or in bulk). The delegation's links stop
opening.
"""

from django.dispatch import Signal

delegation_started = Signal()
delegation_ended = Signal()
