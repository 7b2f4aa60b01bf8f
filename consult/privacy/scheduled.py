"""Periodic privacy work: contact details leave rounds whose retention time has passed."""

from __future__ import annotations

from datetime import date

from consult.privacy.services import purge_expired_contacts
from consult.scheduled import periodic


@periodic("purge-contacts")
def purge_contacts(today: date) -> int:
    """Remove expired contact details (idempotent: cleared rows are not touched again)."""
    return purge_expired_contacts(today)
