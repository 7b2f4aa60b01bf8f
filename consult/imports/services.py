"""Imports of input collected elsewhere: workshops from CSV, proposals from CSV/XLSX exports."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from consult.errors import DomainError, ErrorCode
from consult.extensions import db, insert_rows
from consult.imports.reading import Table, find_column, parse_date
from consult.organisations.models import Organisation
from consult.organisations.services import kind_from_text
from consult.rounds.models import Round
from consult.rounds.services import add_question
from consult.submissions.models import Proposal, Submission
from consult.utils import is_id, name_key, utcnow
from consult.workshops.services import add_workshop
from forms.fields import MAX_PROPOSAL_LENGTH, split_lines


@contextmanager
def bulk_work() -> Iterator[None]:
    """Pause the cyclic garbage collector while tens of thousands of rows are built.

    Large imports allocate millions of small objects that hold no cycles; each automatic
    collection would walk all of them again, which took more time than the import itself.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class ImportedWorkshop:
    line: int
    date: date
    network: str
    place: str
    facilitator: str
    participants: int


@dataclass
class Parsed:
    rows: list[Any] = field(default_factory=list)
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

        def get(key: str, row: list[str] = row) -> str:
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
            ImportedWorkshop(
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
        raise DomainError(ErrorCode.ROWS_WITH_ERRORS)
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
    """Which column holds what.

    Wide files have a column per question (``questions``); long files have one row per
    proposal with a column naming the question (``question_column``) and one holding the
    text (``text_column``), and there the organisation is optional.
    """

    organisation: int | None
    municipality: int | None
    kind: int | None
    questions: dict[int, int]  # question id -> column index
    question_column: int | None = None
    text_column: int | None = None

    @property
    def is_long(self) -> bool:
        return self.question_column is not None and self.text_column is not None

    def as_json(self) -> dict[str, Any]:
        return {
            "organisation": self.organisation,
            "municipality": self.municipality,
            "kind": self.kind,
            "questions": {str(k): v for k, v in self.questions.items()},
            "question_column": self.question_column,
            "text_column": self.text_column,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Mapping:
        return cls(
            data["organisation"],
            data["municipality"],
            data["kind"],
            {int(k): v for k, v in data["questions"].items()},
            data.get("question_column"),
            data.get("text_column"),
        )


@dataclass
class AnswerRow:
    line: int
    organisation: str
    municipality: str
    kind: str
    answers: dict[int | str, list[str]]  # question id, or a question's text in long files


def rows_as_tuples(parsed: Parsed) -> list[tuple[Any, ...]]:
    """Checked rows as plain tuples (kept between confirm and the import job)."""
    return [(r.line, r.organisation, r.municipality, r.kind, r.answers) for r in parsed.rows]


def parsed_from_tuples(rows: list[tuple[Any, ...]]) -> Parsed:
    return Parsed(rows=[AnswerRow(*row) for row in rows])


def question_key(text: str) -> str:
    return " ".join(text.casefold().split())


def parse_answers(table: Table, mapping: Mapping, rnd: Round | None = None) -> Parsed:
    """Check every row of a survey export against the chosen column mapping."""
    with bulk_work():
        return _parse_answers(table, mapping, rnd)


def _parse_answers(table: Table, mapping: Mapping, rnd: Round | None) -> Parsed:
    result = Parsed()
    if not mapping.questions and not mapping.is_long:
        result.errors.append((1, "no_question_columns"))
        return result
    known = {question_key(q.text): q.id for q in rnd.questions} if rnd is not None else {}
    # a long file names a few questions on thousands of rows: normalise each name once
    targets: dict[str, tuple[str, int | str]] = {}
    for line, row in enumerate(table.rows, start=2):
        organisation = (
            " ".join(row[mapping.organisation].split()) if mapping.organisation is not None else ""
        )
        if mapping.question_column is not None and mapping.text_column is not None:  # is_long
            raw = row[mapping.question_column]
            if raw not in targets:
                name = " ".join(raw.split())
                targets[raw] = (name, known.get(question_key(name), name))
            question, target = targets[raw]
            texts = split_lines(row[mapping.text_column])
            if texts and not question:
                result.errors.append((line, "question_missing"))
                continue
            if len(question) > 500:
                result.errors.append((line, "question_too_long"))
                continue
            answers: dict[int | str, list[str]] = {target: texts} if texts else {}
        else:
            answers = {qid: split_lines(row[col]) for qid, col in mapping.questions.items()}
            answers = {qid: texts for qid, texts in answers.items() if texts}
        if not answers:
            continue  # an empty answer row is skipped, as empty cells are
        if not organisation and not mapping.is_long:
            result.errors.append((line, "organisation_missing"))
            continue
        if len(organisation) > 200:
            result.errors.append((line, "organisation_too_long"))
            continue
        if max(len(t) for texts in answers.values() for t in texts) > MAX_PROPOSAL_LENGTH:
            result.errors.append((line, "answer_too_long"))
            continue
        kind = "other"
        if mapping.kind is not None and organisation:
            found = kind_from_text(row[mapping.kind])
            if found is None:
                result.errors.append((line, "kind_unknown"))
                continue
            kind = found
        municipality = row[mapping.municipality][:100] if mapping.municipality is not None else ""
        result.rows.append(AnswerRow(line, organisation, municipality, kind, answers))
    return result


def new_questions(parsed: Parsed) -> list[str]:
    """Question texts of a long file that the round does not have yet, in file order."""
    return list(dict.fromkeys(q for row in parsed.rows for q in row.answers if isinstance(q, str)))


def _client_id(question_id: int, text: str) -> str:
    return "import:" + hashlib.sha256(f"{question_id}\n{text}".encode()).hexdigest()[:56]


CHUNK = 2000


def _chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def resolve_organisations(rows: list[tuple[str, str, str]]) -> dict[str, int]:
    """Organisation ids by name key, creating the missing ones: one lookup per distinct name.

    Args:
        rows: (name, kind, municipality) per row; the first row of a name decides for a new
            organisation; kind and municipality fill in what an existing one lacks.
    """
    first: dict[str, tuple[str, str, str]] = {}
    for name, kind, municipality in rows:
        first.setdefault(name_key(name), (name, kind, municipality))
    found: dict[str, Organisation] = {}
    for keys in _chunks(list(first)):
        for org in db.session.scalars(
            sa.select(Organisation).where(Organisation.name_key.in_(keys))
        ):
            found[org.name_key] = org
    for key, org in found.items():
        _, kind, municipality = first[key]
        if kind != "other" and org.kind == "other":
            org.kind = kind
        if municipality and not org.municipality:
            org.municipality = municipality.strip()
    missing = [
        {
            "name": name,
            "name_key": key,
            "kind": kind,
            "municipality": municipality.strip(),
            "business_id": None,
            "register_number": None,
            "created_at": utcnow(),
        }
        for key, (name, kind, municipality) in first.items()
        if key not in found
    ]
    db.session.flush()
    for chunk in _chunks(missing):
        db.session.execute(Organisation.__table__.insert(), chunk)
    ids = {key: org.id for key, org in found.items()}
    for keys in _chunks([m["name_key"] for m in missing]):
        ids.update(
            db.session.execute(
                sa.select(Organisation.name_key, Organisation.id).where(
                    Organisation.name_key.in_(keys)
                )
            ).all()
        )
    return ids


def _import_submissions(rnd: Round, org_ids: set[int | None]) -> dict[int | None, int]:
    """The round's imported submission per organisation (None: rows without one)."""

    def existing() -> dict[int | None, int]:
        return {
            org: sid
            for sid, org in db.session.execute(
                sa.select(Submission.id, Submission.organisation_id).where(
                    Submission.round_id == rnd.id,
                    Submission.workshop_id.is_(None),
                    Submission.token_hash.is_(None),
                )
            )
        }

    found = existing()
    now = utcnow()
    missing = [
        {
            "round_id": rnd.id,
            "organisation_id": org,
            "workshop_id": None,
            "token_hash": None,
            "contact_name": "",
            "contact_email": "",
            "created_at": now,
            "updated_at": now,
        }
        for org in org_ids
        if org not in found
    ]
    for chunk in _chunks(missing):
        db.session.execute(Submission.__table__.insert(), chunk)
    return existing() if missing else found


def apply_answers(
    rnd: Round, parsed: Parsed, progress: Callable[[int, int], None] | None = None
) -> dict[str, int]:
    """Save the answers as each organisation's submission, in bulk; a re-import adds nothing.

    Organisations are resolved once per distinct name, proposals are inserted in chunks
    with precomputed content-hash client ids, and questions named in a long file that the
    round lacks are added. Lemmas for search are filled afterwards
    (:func:`consult.submissions.lemmas.fill_missing`). Flushes only.

    Returns:
        Counts: rows, organisations, proposals added, proposals already there, questions added.
    """
    with bulk_work():
        return _apply_answers(rnd, parsed, progress)


def _apply_answers(
    rnd: Round, parsed: Parsed, progress: Callable[[int, int], None] | None
) -> dict[str, int]:
    if parsed.errors:
        raise DomainError(ErrorCode.ROWS_WITH_ERRORS)
    question_ids = {q.id for q in rnd.questions}
    added_questions: dict[str, int] = {}
    for text in new_questions(parsed):
        question = add_question(rnd, text=text[:500])
        db.session.flush()
        added_questions[text] = question.id
    question_ids |= set(added_questions.values())
    org_ids = resolve_organisations(
        [(r.organisation, r.kind, r.municipality) for r in parsed.rows if r.organisation]
    )
    row_org = [org_ids[name_key(r.organisation)] if r.organisation else None for r in parsed.rows]
    submissions = _import_submissions(rnd, set(row_org))
    known: set[tuple[int, str | None]] = set()
    next_position: dict[int, int] = {}
    for sid, client_id, position in db.session.execute(
        sa.select(Proposal.submission_id, Proposal.client_id, Proposal.position).where(
            Proposal.submission_id.in_(list(submissions.values()))
        )
    ):
        known.add((sid, client_id))
        next_position[sid] = max(next_position.get(sid, 0), position)
    now = utcnow()
    pending: list[dict[str, Any]] = []
    existing = 0
    for row, org in zip(parsed.rows, row_org, strict=True):
        sid = submissions[org]
        for question, texts in row.answers.items():
            qid = added_questions[question] if isinstance(question, str) else question
            if qid not in question_ids:
                raise DomainError(ErrorCode.QUESTION_NOT_IN_ROUND)
            for text in texts:
                client_id = _client_id(qid, text)
                if (sid, client_id) in known:
                    existing += 1
                    continue
                known.add((sid, client_id))
                next_position[sid] = next_position.get(sid, 0) + 1
                pending.append(
                    {
                        "submission_id": sid,
                        "question_id": qid,
                        "position": next_position[sid],
                        "text": text,
                        "client_id": client_id,
                        "created_at": now,
                        "hidden_reason": "",
                    }
                )
    for done, chunk in enumerate(_chunks(pending), start=1):
        insert_rows(Proposal.__table__, chunk)
        if progress is not None:
            progress(min(len(pending), done * CHUNK), len(pending))
    return {
        "rows": len(parsed.rows),
        "organisations": len({o for o in row_org if o is not None}),
        "added": len(pending),
        "existing": existing,
        "questions": len(added_questions),
    }
