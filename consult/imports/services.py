"""Imports of input collected elsewhere: workshops from CSV, proposals from CSV/XLSX exports."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from consult.errors import DomainError
from consult.extensions import db
from consult.imports.reading import Table, find_column, parse_date
from consult.organisations.services import kind_from_text
from consult.rounds.models import Round
from consult.rounds.services import add_workshop
from consult.submissions.models import Proposal, Submission
from consult.submissions.services import find_or_create_organisation
from consult.utils import is_id, name_key
from forms.fields import MAX_PROPOSAL_LENGTH, split_lines


@dataclass
class WorkshopRow:
    line: int
    date: date
    network: str
    place: str
    facilitator: str
    participants: int


@dataclass
class Parsed:
    rows: list = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def parse_workshops(table: Table) -> Parsed:
    """Check a workshop CSV (date, network, place, facilitator, participants)."""
    result = Parsed()
    cols = {
        "date": find_column(table.header, "päivämäärä", "pvm", "päivä", "date", "milloin"),
        "network": find_column(table.header, "verkosto", "network", "ketkä", "työpaja"),
        "place": find_column(table.header, "paikka", "place"),
        "facilitator": find_column(table.header, "fasilitaattori", "facilitator", "vetäjä"),
        "participants": find_column(
            table.header, "osallistujia", "osallistujat", "participants", "montako osallistui"
        ),
    }
    if cols["date"] is None or cols["network"] is None:
        result.errors.append((1, "workshop_columns"))
        return result
    for line, row in enumerate(table.rows, start=2):

        def get(key: str, row=row) -> str:
            index = cols[key]
            return row[index] if index is not None else ""

        when = parse_date(get("date"))
        if when is None:
            result.errors.append((line, "date_invalid"))
            continue
        network = " ".join(get("network").split())
        if not network or len(network) > 200:
            result.errors.append((line, "network_invalid"))
            continue
        count_text = get("participants") or "0"
        if not is_id(count_text) or int(count_text) > 10000:
            result.errors.append((line, "participants_invalid"))
            continue
        result.rows.append(
            WorkshopRow(
                line, when, network, get("place")[:200], get("facilitator")[:200], int(count_text)
            )
        )
    return result


def apply_workshops(rnd: Round, parsed: Parsed) -> tuple[int, int]:
    """Add the workshops not yet in the round (same date and network = same workshop).

    Participant totals go to the "others" count until the facilitator gives them by kind.

    Returns:
        (added, skipped)
    """
    if parsed.errors:
        raise DomainError("rows with errors")
    existing = {(w.date, name_key(w.network)) for w in rnd.workshops}
    added = skipped = 0
    for row in parsed.rows:
        if (row.date, name_key(row.network)) in existing:
            skipped += 1
            continue
        workshop = add_workshop(
            rnd, network=row.network, date=row.date, place=row.place, facilitator=row.facilitator
        )
        workshop.others = row.participants
        existing.add((row.date, name_key(row.network)))
        added += 1
    db.session.flush()
    return added, skipped


@dataclass
class Mapping:
    organisation: int
    municipality: int | None
    kind: int | None
    questions: dict[int, int]  # question id -> column index


@dataclass
class AnswerRow:
    line: int
    organisation: str
    municipality: str
    kind: str
    answers: dict[int, list[str]]


def parse_answers(table: Table, mapping: Mapping) -> Parsed:
    """Check every row of a survey export against the chosen column mapping."""
    result = Parsed()
    if not mapping.questions:
        result.errors.append((1, "no_question_columns"))
        return result
    for line, row in enumerate(table.rows, start=2):
        organisation = " ".join(row[mapping.organisation].split())
        answers = {qid: split_lines(row[col]) for qid, col in mapping.questions.items()}
        answers = {qid: texts for qid, texts in answers.items() if texts}
        if not answers:
            continue  # an empty answer row is skipped, as empty cells are
        if not organisation:
            result.errors.append((line, "organisation_missing"))
            continue
        if len(organisation) > 200:
            result.errors.append((line, "organisation_too_long"))
            continue
        if any(len(t) > MAX_PROPOSAL_LENGTH for texts in answers.values() for t in texts):
            result.errors.append((line, "answer_too_long"))
            continue
        kind = "other"
        if mapping.kind is not None:
            found = kind_from_text(row[mapping.kind])
            if found is None:
                result.errors.append((line, "kind_unknown"))
                continue
            kind = found
        municipality = row[mapping.municipality][:100] if mapping.municipality is not None else ""
        result.rows.append(AnswerRow(line, organisation, municipality, kind, answers))
    return result


def _client_id(question_id: int, text: str) -> str:
    return "import:" + hashlib.sha256(f"{question_id}\n{text}".encode()).hexdigest()[:56]


def apply_answers(rnd: Round, parsed: Parsed) -> dict[str, int]:
    """Save the answers as each organisation's submission; a re-import adds nothing.

    Returns:
        Counts: rows, organisations, proposals added, proposals already there.
    """
    if parsed.errors:
        raise DomainError("rows with errors")
    valid_questions = {q.id for q in rnd.questions}
    added = existing = 0
    organisations = set()
    for row in parsed.rows:
        org = find_or_create_organisation(row.organisation, row.kind, row.municipality)
        organisations.add(org.id)
        submission = db.session.scalar(
            sa.select(Submission).where(
                Submission.round_id == rnd.id,
                Submission.organisation_id == org.id,
                Submission.workshop_id.is_(None),
                Submission.token_hash.is_(None),
            )
        )
        if submission is None:
            submission = Submission(round=rnd, organisation=org)
            db.session.add(submission)
            db.session.flush()
        known = set(
            db.session.scalars(
                sa.select(Proposal.client_id).where(Proposal.submission_id == submission.id)
            )
        )
        next_position = len(submission.proposals) + 1
        for question_id, texts in row.answers.items():
            if question_id not in valid_questions:
                raise DomainError("question not in round")
            for text in texts:
                client_id = _client_id(question_id, text)
                if client_id in known:
                    existing += 1
                    continue
                submission.proposals.append(
                    Proposal(
                        question_id=question_id,
                        text=text,
                        position=next_position,
                        client_id=client_id,
                    )
                )
                known.add(client_id)
                next_position += 1
                added += 1
        db.session.flush()
    return {
        "rows": len(parsed.rows),
        "organisations": len(organisations),
        "added": added,
        "existing": existing,
    }
