"""State changes of organisations, submissions and proposals."""

from __future__ import annotations

import uuid
from datetime import date

import sqlalchemy as sa

from consult.errors import DomainError, RoundClosed
from consult.extensions import db
from consult.rounds.models import Round
from consult.submissions.models import ORGANISATION_KINDS, Organisation, Proposal, Submission
from consult.utils import hash_token, name_key, new_token


def find_or_create_organisation(
    name: str, kind: str | None = None, municipality: str | None = None
) -> Organisation:
    """The organisation of that name (case- and space-insensitive), created if new.

    Kind and municipality fill in what an existing record lacks; they never overwrite.
    """
    clean = " ".join(name.split())
    if not clean:
        raise DomainError("organisation name is empty")
    if kind is not None and kind not in ORGANISATION_KINDS:
        raise DomainError(f"unknown kind {kind!r}")
    org = db.session.scalar(sa.select(Organisation).where(Organisation.name_key == name_key(clean)))
    if org is None:
        org = Organisation(
            name=clean,
            name_key=name_key(clean),
            kind=kind or "other",
            municipality=(municipality or "").strip(),
        )
        db.session.add(org)
        db.session.flush()
        return org
    if kind and org.kind == "other":
        org.kind = kind
    if municipality and not org.municipality:
        org.municipality = municipality.strip()
    return org


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
        raise RoundClosed("round closed")
    if today < rnd.opens_on:
        raise RoundClosed("round not open yet")


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
) -> tuple[Submission, str]:
    """Save an organisation's answer; returns it and its private edit token (shown once)."""
    _check_open(rnd, today)
    if not any(proposals.values()):
        raise DomainError("no proposals")
    token = new_token()
    submission = Submission(
        round=rnd,
        organisation=find_or_create_organisation(organisation, kind, municipality),
        token_hash=hash_token(token),
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip().lower(),
        language=language,
        notify_results=notify_results and bool(contact_email.strip()),
    )
    db.session.add(submission)
    replace_proposals(submission, [q.id for q in rnd.questions], proposals)
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
    _check_open(submission.round, today)
    if not any(proposals.values()):
        raise DomainError("no proposals")
    # The directory entry is shared: an answer may fill in what it lacks, never rewrite it
    # (the convenor keeps the directory).
    submission.organisation = find_or_create_organisation(organisation, kind, municipality)
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
