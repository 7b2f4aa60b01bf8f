"""Periodic email work: reminders before closing."""

from __future__ import annotations

from datetime import date

from consult.mail.services import due_reminders
from consult.scheduled import periodic


@periodic("mail-reminders")
def reminders(today: date) -> int:
    """Remind the invited who have not answered, once, N days before closing."""
    return due_reminders(today)
