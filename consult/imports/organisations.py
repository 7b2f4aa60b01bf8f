"""Importing the organisation directory from a spreadsheet (CSV or Excel)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from consult.errors import DomainError, ErrorCode
from consult.extensions import db, insert_rows
from consult.imports.reading import Table, find_column
from consult.organisations.models import Organisation
from consult.organisations.services import kind_from_text
from consult.organisations.validation import normalise_business_id
from consult.utils import name_key, utcnow

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class OrganisationRow:
    line: int
    name: str
    kind: str
    municipality: str
    business_id: str | None
    email: str = ""
    key: str = ""  # name_key(name), computed once while checking


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
    kinds: dict[str, str | None] = {}  # a directory repeats a few kinds on every row
    width = len(table.header)
    at = {key: width if index is None else index for key, index in cols.items()}
    name_at, kind_at, municipality_at, bid_at, email_at = (
        at[k] for k in ("name", "kind", "municipality", "business_id", "email")
    )
    for offset, row in enumerate(table.rows, start=2):
        row = [*row, ""]  # a missing column reads as the empty cell at index ``width``
        name = " ".join(row[name_at].split())
        if not name:
            result.errors.append((offset, "name_missing"))
            continue
        if len(name) > 200:
            result.errors.append((offset, "name_too_long"))
            continue
        kind_text = row[kind_at]
        if kind_text not in kinds:
            kinds[kind_text] = kind_from_text(kind_text)
        kind = kinds[kind_text]
        if kind is None:
            result.errors.append((offset, "kind_unknown"))
            continue
        bid = None
        if row[bid_at]:
            try:
                bid = normalise_business_id(row[bid_at])
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
        email = row[email_at].strip().lower()
        if email and not EMAIL.match(email):
            result.errors.append((offset, "email_invalid"))
            continue
        result.rows.append(
            OrganisationRow(offset, name, kind, row[municipality_at][:100], bid, email[:254], key)
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
    keys = [r.key or name_key(r.name) for r in parsed.rows]
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
        insert_rows(Organisation.__table__, new[start : start + chunk])
    return added, updated
