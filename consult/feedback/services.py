"""State changes of feedback: the feedback link and one anonymous answer per browser."""

from __future__ import annotations

import hmac

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from consult.errors import DomainError, ErrorCode
from consult.extensions import db
from consult.feedback.models import USEFUL_ANSWERS, Feedback
from consult.utils import derive_token, hash_token, new_token
from consult.workshops.models import Workshop

MAX_COMMENT_LENGTH = 2000
# Name of the long-lived cookie holding the browser's random id (never stored as such).
BROWSER_COOKIE = "consult_palaute"
BROWSER_COOKIE_MAX_AGE = 2 * 365 * 24 * 3600


class AlreadyAnswered(DomainError):
    """This browser has already answered this workshop's feedback."""

    code = ErrorCode.ALREADY_ANSWERED


def feedback_token(workshop: Workshop) -> str:
    """The feedback link's token: unguessable and different from the session link's.

    Derived like the session link (HMAC of the stored nonce under the secret key) but with
    its own purpose, so knowing the feedback link reveals nothing about the session link.
    Renewing the session link (a new nonce) renews the feedback link too.
    """
    return derive_token(current_app.config["SECRET_KEY"], "feedback", workshop.link_nonce)


def workshop_for_feedback(workshop_id: int, token: str) -> Workshop | None:
    """The workshop whose feedback link carries this id and token, else None."""
    if not token or len(token) > 100:
        return None
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None or not hmac.compare_digest(feedback_token(workshop), token):
        return None
    return workshop


def new_browser_id() -> str:
    """A random id for the browser's cookie; 192 bits, carries no identity."""
    return new_token()


def browser_key(workshop: Workshop, browser_id: str) -> str:
    """What is stored of the browser id: a hash, different for every workshop.

    Salting with the workshop keeps one browser's answers to different workshops unlinkable.
    """
    return hash_token(f"{workshop.id}:{browser_id}")


def has_answered(workshop: Workshop, browser_id: str | None) -> bool:
    if not browser_id:
        return False
    key = browser_key(workshop, browser_id)
    return (
        db.session.scalar(
            sa.select(Feedback.id).where(
                Feedback.workshop_id == workshop.id, Feedback.browser_key == key
            )
        )
        is not None
    )


def record_feedback(
    workshop: Workshop, *, browser_id: str, grade: int, useful: str, comment: str = ""
) -> Feedback:
    """Store one anonymous answer for the workshop.

    Raises:
        AlreadyAnswered: this browser has answered before (also when two sends race).
        ValueError: grade or useful out of range (the form prevents this).
    """
    if not 1 <= grade <= 5:
        raise ValueError("grade must be 1–5")
    if useful not in USEFUL_ANSWERS:
        raise ValueError("useful must be one of USEFUL_ANSWERS")
    if has_answered(workshop, browser_id):
        raise AlreadyAnswered()
    feedback = Feedback(
        workshop_id=workshop.id,
        grade=grade,
        useful=useful,
        comment=(comment or "").strip()[:MAX_COMMENT_LENGTH],
        browser_key=browser_key(workshop, browser_id),
    )
    try:
        with db.session.begin_nested():
            db.session.add(feedback)
    except IntegrityError as error:  # a double click sent the form twice at once
        raise AlreadyAnswered() from error
    return feedback
