"""How deleting an account treats every row that points at it, directly or through the
account's own rows: one line per relation, in this one place.

The model walk (privacy/tests/test_deletion_walk.py) goes through every model and fails when
a relation to a user, or to a row that goes with a user, has no line here: whoever adds a
model with a founder key says here what deletion does with it.
"""

# The row belongs to the account (or to one of its rows): it is deleted with the account.
REMOVED = "removed"
# The row belongs to someone else (a founder's task a consultant touched): it stays, and
# the key to the deleted account is emptied.
CLEARED = "cleared"

RULES: dict[str, str] = {
    # Django's own
    "admin.LogEntry.user": REMOVED,
    # accounts
    "accounts.Profile.user": REMOVED,
    # A deleted consultant leaves the founder's workspace; a deleted founder takes the list.
    "accounts.Profile.consultants": CLEARED,
    # tasks
    "tasks.Task.owner": REMOVED,
    "tasks.Task.override_by": CLEARED,
    "tasks.Task.delegate": REMOVED,  # the founder's delegate, removed with the founder
    "tasks.Delegate.owner": REMOVED,
    "tasks.OverrideRecord.task": REMOVED,
    "tasks.OverrideRecord.by": CLEARED,
    "tasks.TaskNote.task": REMOVED,
    "tasks.TaskNote.author": CLEARED,  # a deleted consultant's notes stay with the founder
    "consultants.ChangeRecord.founder": REMOVED,
    "consultants.ChangeRecord.by": CLEARED,
    # A consultant's invitations go with them; a founder's received ones too (pending ones
    # for the founder's address are removed by privacy.services as well).
    "consultants.ConsultantInvite.consultant": REMOVED,
    "consultants.ConsultantInvite.founder": REMOVED,
    # sops
    "sops.Instruction.owner": REMOVED,
    "sops.Instruction.task": REMOVED,
    "sops.Step.instruction": REMOVED,
    "sops.InstructionVersion.instruction": REMOVED,
    "sops.InstructionVersion.published_by": CLEARED,
    "sops.HandoverLink.instruction": REMOVED,
    "sops.HandoverLink.delegate": REMOVED,
    "sops.Run.instruction": REMOVED,
    "sops.Run.version": REMOVED,
    "sops.Run.link": REMOVED,
    "sops.HandoverEvent.founder": REMOVED,
    "sops.NewsHour.founder": REMOVED,
    "sops.HandoverEvent.link": REMOVED,
    "sops.HandoverEvent.run": REMOVED,
    "sops.HandoverEvent.question": REMOVED,
    "sops.Question.link": REMOVED,
    "sops.Question.run": REMOVED,
    # The template library is the operator's: a deleted consultant's templates stay, unsigned
    # (and then only a superuser changes them).
    "sops.Template.created_by": CLEARED,
    "sops.Template.changed_by": CLEARED,
    # digest
    "digest.WeeklyDigest.founder": REMOVED,
    "digest.DigestSlot.founder": REMOVED,
    # api
    "api.AccessToken.founder": REMOVED,
    "api.CalendarFeed.founder": REMOVED,
    # privacy
    "privacy.DataExport.founder": REMOVED,
    # mail: the outbox is the operator's log of what was sent; it forgets who caused it.
    # Mail still queued (caused by the account or to its address) is deleted first
    # (mail.outbox.unsent_forget); the goodbye is queued after, with no cause: it stays.
    "mail.OutgoingMail.caused_by": CLEARED,
}
