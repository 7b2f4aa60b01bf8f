"""State changes of organisations, submissions and proposals."""

from __future__ import annotations

import re
import secrets
import uuid
from datetime import date

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from consult.errors import DomainError, ErrorCode, RoundClosed
from consult.extensions import db, rowcount
from consult.organisations.models import ORGANISATION_KINDS, Organisation, OrganisationChange
from consult.rounds.models import Round
from consult.submissions.models import Proposal, Submission
from consult.utils import derive_token, hash_token, name_key, new_token, utcnow

SUBMISSION_KEY = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _get_or_insert_organisation(
    clean: str, kind: str, municipality: str
) -> tuple[Organisation, bool]:
    """Race-free get-or-create on the unique name key: ``INSERT … ON CONFLICT DO NOTHING``.

    Two requests creating the same new name at once both end with the one row (PostgreSQL
    waits for the other transaction; SQLite serialises writers), never a unique-key error.
    """
    key = name_key(clean)
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        insert(Organisation)
        .values(name=clean, name_key=key, kind=kind, municipality=municipality, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["name_key"])
    )
    created = rowcount(db.session.execute(stmt)) == 1
    org = db.session.scalar(sa.select(Organisation).where(Organisation.name_key == key))
    assert org is not None  # inserted now or by the request that won the race
    return org, created


def _clean_organisation(name: str, kind: str | None) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise DomainError(ErrorCode.ORGANISATION_NAME_EMPTY)
    if kind is not None and kind not in ORGANISATION_KINDS:
        raise DomainError(ErrorCode.UNKNOWN_KIND, kind=kind)
    return clean


def find_or_create_organisation(
    name: str, kind: str | None = None, municipality: str | None = None
) -> Organisation:
    """The organisation of that name (case- and space-insensitive), created if new.

    For convenors' and facilitators' input: kind and municipality fill in what an existing
    record lacks; they never overwrite. Public answers use :func:`organisation_for_answer`.
    """
    clean = _clean_organisation(name, kind)
    org, created = _get_or_insert_organisation(clean, kind or "other", (municipality or "").strip())
    if created:
        return org
    if kind and org.kind == "other":
        org.kind = kind
    if municipality and not org.municipality:
        org.municipality = municipality.strip()
    return org


def organisation_for_answer(
    name: str, kind: str | None, municipality: str | None
) -> tuple[Organisation, dict[str, str]]:
    """The organisation an anonymous answer names, and what it says differently.

    A new name is added with the answer's kind and municipality. An existing record is
    shared and kept by convenors, so it is never changed here: a differing kind or
    municipality comes back as a proposed change (``{"kind": ..., "municipality": ...}``).
    """
    clean = _clean_organisation(name, kind)
    place = " ".join((municipality or "").split())
    org, created = _get_or_insert_organisation(clean, kind or "other", place)
    differs: dict[str, str] = {}
    if not created:
        if kind and kind != org.kind:
            differs["kind"] = kind
        if place and name_key(place) != name_key(org.municipality or ""):
            differs["municipality"] = place
    return org, differs


def propose_organisation_change(
    org: Organisation, submission: Submission | None, differs: dict[str, str]
) -> OrganisationChange | None:
    """Record what an answer said differently, for a convenor to accept or dismiss."""
    if not differs:
        return None
    same = db.session.scalar(
        sa.select(OrganisationChange).where(
            OrganisationChange.organisation_id == org.id,
            OrganisationChange.kind.is_(None)
            if "kind" not in differs
            else OrganisationChange.kind == differs["kind"],
            OrganisationChange.municipality.is_(None)
            if "municipality" not in differs
            else OrganisationChange.municipality == differs["municipality"],
        )
    )
    if same is not None:
        return same
    change = OrganisationChange(
        organisation=org,
        submission_id=submission.id if submission is not None else None,
        kind=differs.get("kind"),
        municipality=differs.get("municipality"),
    )
    db.session.add(change)
    db.session.flush()
    return change


def new_submission_key() -> str:
    """The key a public form carries from rendering to sending (128 bits)."""
    return secrets.token_urlsafe(16)


def edit_token_for_key(key: str) -> str:
    """The private edit token of the answer sent with this form key.

    Derived from the key and the secret key, so a resend of the same form gets the same
    private link again without the link itself being stored anywhere.
    """
    return derive_token(current_app.config["SECRET_KEY"], "answer", key)


def submission_for_key(key: str | None) -> Submission | None:
    """The answer already sent with this form key, if any."""
    if not key or not SUBMISSION_KEY.match(key):
        return None
    return db.session.scalar(
        sa.select(Submission).where(Submission.submission_key == hash_token(key))
    )


def replace_proposals(
    submission: Submission,
    question_ids: list[int],
    texts: dict[int, list[str]],
    known_ids: set[int] | None = None,
) -> None:
    """Make the submission's proposals for each question equal the given texts.

    Proposals whose text is kept keep their id (so themes and curation stay attached);
    saving the same texts twice changes nothing and never duplicates. With ``known_ids``
    (the proposals shown when the form was rendered) only those may be removed, so entries
    someone else added meanwhile on the same link are kept.
    """
    existing: dict[int, list[Proposal]] = {}
    for proposal in submission.proposals:
        existing.setdefault(proposal.question_id, []).append(proposal)
    for question_id in question_ids:
        wanted = texts.get(question_id, [])
        pool: dict[str, list[Proposal]] = {}
        for proposal in existing.get(question_id, []):
            pool.setdefault(proposal.text, []).append(proposal)
        for position, text in enumerate(wanted, start=1):
            kept = pool.get(text)
            if kept:
                kept.pop(0).position = position
            else:
                submission.proposals.append(
                    Proposal(
                        question_id=question_id,
                        text=text,
                        position=position,
                        client_id=uuid.uuid4().hex,
                    )
                )
        for leftovers in pool.values():
            for proposal in leftovers:
                if known_ids is None or proposal.id in known_ids:
                    submission.proposals.remove(proposal)
    db.session.flush()


def proposals_by_question(submission: Submission) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for proposal in sorted(
        submission.proposals, key=lambda p: (p.question_id, p.position, p.id or 0)
    ):
        grouped.setdefault(proposal.question_id, []).append(proposal.text)
    return grouped


def _check_open(rnd: Round, today: date) -> None:
    if today > rnd.closes_on:
        raise RoundClosed(state="closed")
    if today < rnd.opens_on:
        raise RoundClosed(state="not_open")


def _check_answer(rnd: Round, today: date, proposals: dict[int, list[str]]) -> None:
    """An answer is saved while the round is open, and only with a proposal."""
    _check_open(rnd, today)
    if not any(proposals.values()):
        raise DomainError(ErrorCode.NO_PROPOSALS)


def create_independent_submission(
    rnd: Round,
    *,
    today: date,
    organisation: str,
    kind: str,
    municipality: str,
    contact_name: str,
    contact_email: str,
    proposals: dict[int, list[str]],
    language: str = "fi",
    notify_results: bool = False,
    submission_key: str | None = None,
) -> tuple[Submission, str]:
    """Save an organisation's answer; returns it and its private edit token (shown once).

    With a ``submission_key`` (made when the form was rendered) the answer is stored under
    the key's hash, unique: a second save of the same form fails on the constraint, and
    the view answers with the first one (see :func:`submission_for_key`).
    """
    _check_answer(rnd, today, proposals)
    if submission_key and SUBMISSION_KEY.match(submission_key):
        token = edit_token_for_key(submission_key)
        key_hash = hash_token(submission_key)
    else:
        token, key_hash = new_token(), None
    org, differs = organisation_for_answer(organisation, kind, municipality)
    submission = Submission(
        round=rnd,
        organisation=org,
        token_hash=hash_token(token),
        submission_key=key_hash,
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip().lower(),
        language=language,
        notify_results=notify_results and bool(contact_email.strip()),
    )
    db.session.add(submission)
    replace_proposals(submission, [q.id for q in rnd.questions], proposals)
    propose_organisation_change(org, submission, differs)
    return submission, token


def update_independent_submission(
    submission: Submission,
    *,
    today: date,
    organisation: str,
    kind: str,
    municipality: str,
    contact_name: str,
    contact_email: str,
    proposals: dict[int, list[str]],
    language: str | None = None,
    notify_results: bool = False,
) -> None:
    """Edit an answer through its private link while the round is open."""
    _check_answer(submission.round, today, proposals)
    # The directory entry is shared: an answer never rewrites it; what it says differently
    # waits for a convenor (the convenor keeps the directory).
    org, differs = organisation_for_answer(organisation, kind, municipality)
    submission.organisation = org
    propose_organisation_change(org, submission, differs)
    submission.contact_name = contact_name.strip()
    submission.contact_email = contact_email.strip().lower()
    submission.notify_results = notify_results and bool(submission.contact_email)
    if language:
        submission.language = language
    replace_proposals(submission, [q.id for q in submission.round.questions], proposals)


def submission_for_token(token: str) -> Submission | None:
    if not token or len(token) > 100:
        return None
    return db.session.scalar(
        sa.select(Submission).where(Submission.token_hash == hash_token(token))
    )


def delete_contact(submission: Submission) -> None:
    """Forget the contact person's details (personal data) and keep the proposals."""
    submission.contact_name = ""
    submission.contact_email = ""
    submission.notify_results = False
