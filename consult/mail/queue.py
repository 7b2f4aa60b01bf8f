"""Handing a message to the job queue.

Job arguments are stored in the database, which must not open anything by itself: a
private edit link's token travels sealed with a key stream derived from the secret key
and the message's id (unique per message, so never reused).
"""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app

from consult.jobs import enqueue

TASK = "consult.mail.tasks:send_message"


def _stream(message_id: int, length: int) -> bytes:
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    stream = hmac.new(key, f"mail-secret:{message_id}".encode(), hashlib.sha512).digest()
    if length > len(stream):
        raise ValueError("secret too long to seal")
    return stream[:length]


def seal(message_id: int, secret: str) -> str:
    data = secret.encode("utf-8")
    return bytes(a ^ b for a, b in zip(data, _stream(message_id, len(data)), strict=True)).hex()


def unseal(message_id: int, sealed: str) -> str:
    data = bytes.fromhex(sealed)
    return bytes(a ^ b for a, b in zip(data, _stream(message_id, len(data)), strict=True)).decode(
        "utf-8"
    )


def send_later(message_id: int, secret: str | None = None) -> str:
    """Send the recorded message in the job queue (after the current transaction commits).

    ``secret`` is a private edit link's token, which the database keeps only as a hash.
    Returns the job's id.
    """
    args: list = [message_id] if secret is None else [message_id, seal(message_id, secret)]
    return enqueue(TASK, *args, description="email", timeout=120, background=True)
