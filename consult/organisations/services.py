"""The organisation directory: editing entries, proposed changes, merging duplicates.

Importing the directory from a spreadsheet is ``consult.imports.organisations``.
"""

from __future__ import annotations

import sqlalchemy as sa

from consult.errors import DomainError, ErrorCode
from consult.extensions import db
from consult.organisations.models import ORGANISATION_KINDS, Organisation, OrganisationChange
from consult.organisations.validation import normalise_business_id
from consult.signals import organisation_merging
from consult.utils import name_key

# Kinds as people write them in spreadsheets, mapped onto the directory's kinds.
KIND_ALIASES = {
    "sote": "sote",
    "sosiaali- ja terveys": "sote",
    "sosiaali- ja terveysala": "sote",
    "social and health": "sote",
    "kulttuuri": "culture",
    "culture": "culture",
    "nuoriso": "youth",
    "youth": "youth",
    "liikunta": "sports",
    "urheilu": "sports",
    "sports": "sports",
    "kylä": "village",
    "kyläyhdistys": "village",
    "asukasyhdistys": "village",
    "village": "village",
    "seurakunta": "parish",
    "parish": "parish",
    "kunta": "municipality",
    "municipality": "municipality",
    "muu": "other",
    "other": "other",
    "": "other",
}


def kind_from_text(text: str) -> str | None:
    key = text.strip().casefold()
    if key in ORGANISATION_KINDS:
        return key
    return KIND_ALIASES.get(key)


def update_organisation(
    org: Organisation,
    *,
    name: str,
    kind: str,
    municipality: str,
    business_id: str,
    register_number: str,
    email: str | None = None,
    language: str | None = None,
) -> None:
    """Edit a directory entry.

    Raises:
        DomainError: the name or business id belongs to another organisation.
    """
    clean = " ".join(name.split())
    other = db.session.scalar(
        sa.select(Organisation.id).where(
            Organisation.name_key == name_key(clean), Organisation.id != org.id
        )
    )
    if other is not None:
        raise DomainError(ErrorCode.NAME_TAKEN)
    bid = normalise_business_id(business_id) if business_id.strip() else None
    if bid and db.session.scalar(
        sa.select(Organisation.id).where(Organisation.business_id == bid, Organisation.id != org.id)
    ):
        raise DomainError(ErrorCode.BUSINESS_ID_TAKEN)
    org.name, org.name_key, org.kind = clean, name_key(clean), kind
    org.municipality, org.business_id = municipality.strip(), bid
    org.register_number = register_number.strip() or None
    if email is not None:
        org.email = email.strip().lower()
    if language is not None:
        org.language = language


def pending_changes(org: Organisation) -> list[OrganisationChange]:
    """Changes proposed by public answers, oldest first."""
    return list(
        db.session.scalars(
            sa.select(OrganisationChange)
            .where(OrganisationChange.organisation_id == org.id)
            .order_by(OrganisationChange.id)
        )
    )


def decide_change(org: Organisation, change_id: int, accept: bool) -> bool:
    """Accept (apply to the directory) or dismiss a proposed change; False if it is gone."""
    change = db.session.get(OrganisationChange, change_id)
    if change is None or change.organisation_id != org.id:
        return False
    if accept:
        if change.kind in ORGANISATION_KINDS:
            org.kind = change.kind
        if change.municipality:
            org.municipality = change.municipality[:100]
    db.session.delete(change)
    db.session.flush()
    return True


def merge(target: Organisation, duplicates: list[Organisation]) -> int:
    """Merge duplicates into ``target``: answers, attendances and invitations follow (moved by
    their features on ``organisation_merging``); duplicates go.

    Returns:
        How many organisations were merged away.
    """
    merged = 0
    for dup in duplicates:
        if dup.id == target.id:
            continue
        organisation_merging.send(None, from_id=dup.id, to_id=target.id)
        business_id, dup.business_id = dup.business_id, None
        db.session.flush()  # the unique business id must leave the duplicate first
        target.business_id = target.business_id or business_id
        target.register_number = target.register_number or dup.register_number
        target.municipality = target.municipality or dup.municipality
        target.email = target.email or dup.email
        if target.kind == "other":
            target.kind = dup.kind
        db.session.flush()
        db.session.delete(dup)
        merged += 1
    db.session.flush()
    db.session.expire_all()
    return merged
