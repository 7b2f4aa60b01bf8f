"""State changes of rounds and their questions."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from consult import signals
from consult.errors import DomainError, ErrorCode, NotFound
from consult.extensions import db
from consult.rounds.models import Question, Round
from consult.utils import slugify


def unique_slug(title: str) -> str:
    """A slug for the title that no other round uses (``-2``, ``-3``… appended)."""
    base = slugify(title)
    slug, n = base, 1
    while db.session.scalar(sa.select(Round.id).where(Round.slug == slug)) is not None:
        n += 1
        slug = f"{base}-{n}"
    return slug


def create_round(
    *,
    title: str,
    purpose: str,
    instructions: str,
    opens_on: date,
    closes_on: date,
    created_by_id: int | None = None,
    slug: str | None = None,
    translations: dict[str, Any] | None = None,
) -> Round:
    """Create a round with a unique slug."""
    if closes_on < opens_on:
        raise DomainError(ErrorCode.CLOSES_BEFORE_OPENS)
    rnd = Round(
        slug=slug or unique_slug(title),
        title=title.strip(),
        purpose=purpose.strip(),
        instructions=instructions.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        created_by_id=created_by_id,
        translations=translations or {},
    )
    db.session.add(rnd)
    db.session.flush()
    return rnd


def update_round(
    rnd: Round,
    *,
    title: str,
    purpose: str,
    instructions: str,
    opens_on: date,
    closes_on: date,
    translations: dict[str, Any] | None = None,
) -> None:
    if closes_on < opens_on:
        raise DomainError(ErrorCode.CLOSES_BEFORE_OPENS)
    rnd.title, rnd.purpose, rnd.instructions = title.strip(), purpose.strip(), instructions.strip()
    rnd.opens_on, rnd.closes_on = opens_on, closes_on
    if translations is not None:
        rnd.translations = translations


def add_question(
    rnd: Round,
    *,
    text: str,
    help_text: str = "",
    position: int | None = None,
    translations: dict[str, Any] | None = None,
) -> Question:
    """Append a question, or insert it at ``position`` (1-based)."""
    question = Question(
        text=text.strip(), help_text=help_text.strip(), translations=translations or {}
    )
    questions = list(rnd.questions)
    index = len(questions) if position is None else max(0, min(position - 1, len(questions)))
    questions.insert(index, question)
    rnd.questions.append(question)
    _renumber(questions)
    db.session.flush()
    return question


def update_question(
    question: Question,
    *,
    text: str,
    help_text: str,
    position: int | None,
    translations: dict[str, Any] | None = None,
) -> None:
    question.text, question.help_text = text.strip(), help_text.strip()
    if translations is not None:
        question.translations = translations
    if position is not None:
        questions = [q for q in question.round.questions if q is not question]
        questions.insert(max(0, min(position - 1, len(questions))), question)
        _renumber(questions)


def delete_question(question: Question) -> None:
    """Delete a question; refused while it has proposals, so nothing typed is lost."""
    # Features that keep things about a question refuse here (submissions: its proposals).
    signals.question_deleting.send(question)
    rnd = question.round
    rnd.questions.remove(question)
    db.session.delete(question)
    _renumber(list(rnd.questions))


def _renumber(questions: list[Question]) -> None:
    for i, q in enumerate(questions, start=1):
        q.position = i


def get_round(slug: str) -> Round | None:
    return db.session.scalar(sa.select(Round).where(Round.slug == slug))


def round_by_slug(slug: str) -> Round:
    """The round of a URL's slug.

    Raises:
        NotFound: no round has this slug.
    """
    rnd = get_round(slug)
    if rnd is None:
        raise NotFound(slug=slug)
    return rnd


def list_rounds() -> list[Round]:
    return list(
        db.session.scalars(sa.select(Round).order_by(Round.opens_on.desc(), Round.id.desc()))
    )
