"""The job that sends one recorded message."""

from __future__ import annotations

import logging

from flask import current_app

from consult.extensions import db
from consult.mail.compose import compose
from consult.mail.models import OutgoingMessage
from consult.mail.queue import unseal
from consult.mail.smtp import SendError, deliver
from consult.utils import utcnow

log = logging.getLogger(__name__)


def send_message(message_id: int, sealed: str | None = None) -> dict:
    """Send a queued message and record the outcome; a message is sent at most once.

    Args:
        message_id: The :class:`OutgoingMessage` to send.
        sealed: A private edit link's token for edit-link messages, sealed
            (:func:`consult.mail.queue.seal`).

    Returns:
        ``{"status": ...}`` as recorded.
    """
    message = db.session.get(OutgoingMessage, message_id)
    if message is None or message.status != "queued":
        return {"status": message.status if message else "missing"}
    try:
        email = compose(message, unseal(message.id, sealed) if sealed else None)
        message.subject = str(email["Subject"])[:300]
        deliver(email, current_app.config)
    except SendError as exc:
        message.status = "bounced" if exc.bounced else "failed"
        message.error = str(exc)
        log.warning("email %s (%s) not sent: %s", message.id, message.kind, message.status)
    except Exception:
        message.status = "failed"
        message.error = "the message could not be written"
        log.exception("email %s (%s) could not be written", message.id, message.kind)
    else:
        message.status = "sent"
        message.error = ""
        message.sent_at = utcnow()
    db.session.commit()
    return {"status": message.status}


def on_failure(message_id: int, *_args, error: str = "") -> None:
    """The job itself failed (timed out, or its worker died): the message is not sent."""
    message = db.session.get(OutgoingMessage, message_id)
    if message is not None and message.status == "queued":
        message.status = "failed"
        message.error = "the sending job did not finish"


send_message.on_failure = on_failure  # type: ignore[attr-defined]
