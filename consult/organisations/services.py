"""The organisation directory: business ids, merging duplicates, CSV import."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from consult.errors import DomainError, ErrorCode
from consult.extensions import db
from consult.imports.reading import Table, find_column
from consult.organisations.models import ORGANISATION_KINDS, Organisation, OrganisationChange
from consult.organisations.validation import normalise_business_id
from consult.submissions.models import Submission
from consult.utils import name_key, utcnow
from consult.workshops.models import workshop_organisations

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

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
    """Merge duplicates into ``target``: submissions and attendances follow; duplicates go.

    Returns:
        How many organisations were merged away.
    """
    merged = 0
    for dup in duplicates:
        if dup.id == target.id:
            continue
        db.session.execute(
            sa.update(Submission)
            .where(Submission.organisation_id == dup.id)
            .values(organisation_id=target.id)
        )
        _move_invitations(dup.id, target.id)
        already = set(
            db.session.scalars(
                sa.select(workshop_organisations.c.workshop_id).where(
                    workshop_organisations.c.organisation_id == target.id
                )
            )
        )
        moving = set(
            db.session.scalars(
                sa.select(workshop_organisations.c.workshop_id).where(
                    workshop_organisations.c.organisation_id == dup.id
                )
            )
        )
        db.session.execute(
            sa.delete(workshop_organisations).where(
                workshop_organisations.c.organisation_id == dup.id
            )
        )
        for workshop_id in sorted(moving - already):
            db.session.execute(
                sa.insert(workshop_organisations).values(
                    workshop_id=workshop_id, organisation_id=target.id
                )
            )
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


def _move_invitations(from_id: int, to_id: int) -> None:
    """Invitations follow a merged organisation, except to rounds the target was invited to."""
    from consult.mail.models import Invitation

    taken = sa.select(Invitation.round_id).where(Invitation.organisation_id == to_id)
    db.session.execute(
        sa.update(Invitation)
        .where(Invitation.organisation_id == from_id, Invitation.round_id.not_in(taken))
        .values(organisation_id=to_id)
        .execution_options(synchronize_session=False)
    )


@dataclass
class OrganisationRow:
    line: int
    name: str
    kind: str
    municipality: str
    business_id: str | None
    email: str = ""


@dataclass
class OrganisationImport:
    rows: list[OrganisationRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, reason code)


def parse_organisations(table: Table) -> OrganisationImport:
    """Check every row of an organisation CSV; nothing is saved here."""
    result = OrganisationImport()
    cols = {
        "name": find_column(
            table.header, "nimi", "name", "organisaatio", "organisation", "järjestö"
        ),
        "kind": find_column(table.header, "tyyppi", "kind", "laji", "type"),
        "municipality": find_column(table.header, "kunta", "municipality", "kotikunta"),
        "business_id": find_column(
            table.header, "y-tunnus", "ytunnus", "business id", "business_id"
        ),
        "email": find_column(table.header, "sähköposti", "email", "e-mail", "sposti"),
    }
    if cols["name"] is None:
        result.errors.append((1, "no_name_column"))
        return result
    seen: dict[str, int] = {}
    seen_bids: set[str] = set()
    for offset, row in enumerate(table.rows, start=2):

        def get(key: str, row: list[str] = row) -> str:
            index = cols[key]
            return row[index] if index is not None else ""

        name = " ".join(get("name").split())
        if not name:
            result.errors.append((offset, "name_missing"))
            continue
        if len(name) > 200:
            result.errors.append((offset, "name_too_long"))
            continue
        kind = kind_from_text(get("kind"))
        if kind is None:
            result.errors.append((offset, "kind_unknown"))
            continue
        bid = None
        if get("business_id"):
            try:
                bid = normalise_business_id(get("business_id"))
            except DomainError:
                result.errors.append((offset, "business_id_invalid"))
                continue
        key = name_key(name)
        if key in seen:
            result.errors.append((offset, "duplicate_row"))
            continue
        if bid and bid in seen_bids:
            result.errors.append((offset, "business_id_duplicate"))
            continue
        seen[key] = offset
        if bid:
            seen_bids.add(bid)
        email = get("email").strip().lower()
        if email and not EMAIL.match(email):
            result.errors.append((offset, "email_invalid"))
            continue
        result.rows.append(
            OrganisationRow(offset, name, kind, get("municipality")[:100], bid, email[:254])
        )
    return result


def apply_organisations(parsed: OrganisationImport) -> tuple[int, int]:
    """Add new organisations and fill in what existing ones lack, in bulk.

    Existing organisations are looked up once per chunk of names and business ids; new
    ones are inserted in chunks.

    Returns:
        (added, updated)
    """
    if parsed.errors:
        raise DomainError(ErrorCode.ROWS_WITH_ERRORS)
    chunk = 2000
    keys = [name_key(r.name) for r in parsed.rows]
    by_key: dict[str, Organisation] = {}
    for start in range(0, len(keys), chunk):
        for known in db.session.scalars(
            sa.select(Organisation).where(Organisation.name_key.in_(keys[start : start + chunk]))
        ):
            by_key[known.name_key] = known
    bids = [
        r.business_id
        for r, k in zip(parsed.rows, keys, strict=True)
        if r.business_id and k not in by_key
    ]
    by_bid: dict[str, Organisation] = {}
    for start in range(0, len(bids), chunk):
        for known in db.session.scalars(
            sa.select(Organisation).where(Organisation.business_id.in_(bids[start : start + chunk]))
        ):
            if known.business_id:
                by_bid[known.business_id] = known
    taken_bids = {b for b in by_bid}
    added = updated = 0
    new: list[dict[str, Any]] = []
    now = utcnow()
    for row, key in zip(parsed.rows, keys, strict=True):
        org = by_key.get(key) or (by_bid.get(row.business_id) if row.business_id else None)
        if org is None:
            if row.business_id:
                taken_bids.add(row.business_id)
            new.append(
                {
                    "name": row.name,
                    "name_key": key,
                    "kind": row.kind,
                    "municipality": row.municipality,
                    "business_id": row.business_id,
                    "register_number": None,
                    "email": row.email,
                    "created_at": now,
                }
            )
            added += 1
            continue
        changed = False
        if row.business_id and not org.business_id and row.business_id not in taken_bids:
            org.business_id, changed = row.business_id, True
            taken_bids.add(row.business_id)
        if row.email and not org.email:
            org.email, changed = row.email, True
        if row.municipality and not org.municipality:
            org.municipality, changed = row.municipality, True
        if org.kind == "other" and row.kind != "other":
            org.kind, changed = row.kind, True
        updated += changed
    db.session.flush()
    for start in range(0, len(new), chunk):
        db.session.execute(Organisation.__table__.insert(), new[start : start + chunk])
    return added, updated
