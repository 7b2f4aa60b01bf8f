"""State changes of rounds, questions and workshops."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import abort, current_app

from consult.errors import DomainError, ErrorCode
from consult.extensions import db
from consult.rounds.models import Question, Round
from consult.submissions.models import Submission
from consult.utils import derive_token, hash_token, new_token, slugify
from consult.workshops.models import Workshop


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
    translations: dict | None = None,
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
    translations: dict | None = None,
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
    translations: dict | None = None,
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
    translations: dict | None = None,
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
    from consult.submissions.models import Proposal

    if db.session.scalar(
        sa.select(Proposal.id).where(Proposal.question_id == question.id).limit(1)
    ):
        raise DomainError(ErrorCode.QUESTION_HAS_PROPOSALS)
    rnd = question.round
    rnd.questions.remove(question)
    db.session.delete(question)
    _renumber(list(rnd.questions))


def _renumber(questions: list[Question]) -> None:
    for i, q in enumerate(questions, start=1):
        q.position = i


def workshop_token(workshop: Workshop) -> str:
    """The session link's token, derived from the stored nonce and the secret key."""
    return derive_token(current_app.config["SECRET_KEY"], "workshop", workshop.link_nonce)


def _set_new_link(workshop: Workshop) -> None:
    workshop.link_nonce = new_token()
    workshop.token_hash = hash_token(workshop_token(workshop))


def add_workshop(
    rnd: Round,
    *,
    network: str,
    date: date,
    place: str = "",
    facilitator: str = "",
    facilitator_email: str = "",
    facilitator_language: str = "fi",
) -> Workshop:
    """Create a workshop with its own session link and an empty submission for its output."""
    workshop = Workshop(
        network=network.strip(),
        date=date,
        place=place.strip(),
        facilitator=facilitator.strip(),
        facilitator_email=facilitator_email.strip().lower(),
        facilitator_language=facilitator_language,
    )
    _set_new_link(workshop)
    rnd.workshops.append(workshop)
    workshop.submission = Submission(round=rnd)
    db.session.flush()
    return workshop


def update_workshop(
    workshop: Workshop,
    *,
    network: str,
    date: date,
    place: str,
    facilitator: str,
    facilitator_email: str | None = None,
    facilitator_language: str | None = None,
) -> None:
    workshop.network, workshop.date = network.strip(), date
    workshop.place, workshop.facilitator = place.strip(), facilitator.strip()
    if facilitator_email is not None:
        workshop.facilitator_email = facilitator_email.strip().lower()
    if facilitator_language is not None:
        workshop.facilitator_language = facilitator_language


def renew_workshop_link(workshop: Workshop) -> None:
    """Replace the session link; the old one stops working."""
    _set_new_link(workshop)


def get_round(slug: str) -> Round | None:
    return db.session.scalar(sa.select(Round).where(Round.slug == slug))


def round_or_404(slug: str) -> Round:
    """The round of a URL's slug; a 404 when there is none."""
    rnd = get_round(slug)
    if rnd is None:
        abort(404)
    return rnd


def list_rounds() -> list[Round]:
    return list(
        db.session.scalars(sa.select(Round).order_by(Round.opens_on.desc(), Round.id.desc()))
    )
