"""Sending one message through the configured SMTP server (smtplib, no extension)."""

from __future__ import annotations

import re
import smtplib
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from typing import Any

ADDRESS = re.compile(r"<?[^\s<>@]+@[^\s<>@]+>?")


class SendError(Exception):
    """The message did not go out. ``bounced``: the server refused the recipient for good
    (a 5xx reply), so sending again will not help. The text never contains an address."""

    def __init__(self, text: str, *, bounced: bool = False) -> None:
        super().__init__(text)
        self.bounced = bounced


def scrub(text: str, *secrets: str) -> str:
    """A server reply without any email address (nor the given strings) in it."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "…")
    return ADDRESS.sub("…", text)[:500]


def _reply(code: int, message: bytes | str) -> str:
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    return f"{code} {message}".strip()


def deliver(message: EmailMessage, config: Mapping[str, Any]) -> None:
    """Send ``message`` to its ``To`` address.

    Raises:
        SendError: not configured, the server could not be reached, or it refused the
            sender, the recipient or the data.
    """
    server = config.get("MAIL_SERVER")
    if not server:
        raise SendError("email is not configured (CONSULT_MAIL_SERVER)")
    port = int(config.get("MAIL_PORT") or (465 if config.get("MAIL_USE_SSL") else 25))
    timeout = float(config.get("MAIL_TIMEOUT") or 30)
    recipient = str(message["To"])
    try:
        if config.get("MAIL_USE_SSL"):
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                server, port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(server, port, timeout=timeout)
        with smtp:
            if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
                smtp.starttls(context=ssl.create_default_context())
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
            smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        code, reply = next(iter(exc.recipients.values()), (550, b""))
        raise SendError(
            scrub(_reply(code, reply), recipient), bounced=500 <= int(code) < 600
        ) from None
    except smtplib.SMTPResponseException as exc:
        raise SendError(scrub(_reply(exc.smtp_code, exc.smtp_error), recipient)) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise SendError(scrub(f"{type(exc).__name__}: {exc}", recipient)) from None
