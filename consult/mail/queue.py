"""Handing a message to the job queue."""

from __future__ import annotations

from importlib import import_module

TASK = "consult.mail.tasks:send_message"


def send_later(message_id: int, secret: str | None = None) -> str:
    """Send the recorded message in the job queue (after the current transaction commits).

    ``secret`` is a private edit link's token, which the database keeps only as a hash.
    Returns the job's id ("" when the queue is not available and it was sent at once).
    """
    args: list = [message_id] if secret is None else [message_id, secret]
    try:
        enqueue = import_module("consult.jobs").enqueue
    except (ImportError, AttributeError):  # before the job queue exists: send right away
        from consult.mail.tasks import send_message

        send_message(*args)
        return ""
    return enqueue(TASK, *args, description="email", timeout=120)
