"""Logs carry no personal data and no secret links.

:class:`RedactFilter` rewrites every record it sees: the token of a session link
(``/tyopaja/<token>``), an edit link (``/v/<token>``) or a feedback link
(``/palaute/<id>/<token>``) becomes ``#`` + the first 8 hex digits of the token's SHA-256
(the prefix of the ``token_hash`` stored in the database, so an operator can still find the
row), query strings are dropped, email addresses and contact fields are replaced. It is
installed on the app's loggers by :func:`install` and on gunicorn's error and access logs
by ``consult/gunicorn_config.py``. SQL parameters are kept out of error messages by the
engine option ``hide_parameters``.
"""

from __future__ import annotations

import hashlib
import logging
import re

TOKEN_PATH = re.compile(r"(/(?:tyopaja|v)/|/palaute/\d+/)([A-Za-z0-9_\-]{8,})")
QUERY = re.compile(r"(/[^\s?\"']*)\?[^\s\"']*")
EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
CONTACT_FIELD = re.compile(
    r"(contact_name|contact_email|email|password\w*)(['\"]?\s*[:=]\s*)(['\"])(.*?)\3",
    re.IGNORECASE,
)


def token_tag(token: str) -> str:
    """``#`` + the first 8 hex digits of the token's SHA-256 (= prefix of the stored hash)."""
    return "#" + hashlib.sha256(token.encode("utf-8")).hexdigest()[:8]


def redact(text: str) -> str:
    """The text with secret link tokens, query strings, emails and contact fields hidden."""
    text = CONTACT_FIELD.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}-{m.group(3)}", text)
    text = TOKEN_PATH.sub(lambda m: m.group(1) + token_tag(m.group(2)), text)
    text = QUERY.sub(r"\1?-", text)
    return EMAIL.sub("<email>", text)


class RedactFilter(logging.Filter):
    """Rewrites a record's message and traceback with :func:`redact`; never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_consult_redacted", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not lose the record
            message = str(record.msg)
        record.msg, record.args = redact(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        record._consult_redacted = True
        return True


def install(app) -> None:
    """Put the filter on the app's logger, Flask's default handler, werkzeug's request log
    and whatever handlers the root logger has (records of ``consult.*`` pass through them)."""
    from flask.logging import default_handler

    redactor = RedactFilter()
    for target in (
        app.logger,
        default_handler,
        logging.getLogger("werkzeug"),
        *logging.getLogger().handlers,
    ):
        if not any(isinstance(f, RedactFilter) for f in target.filters):
            target.addFilter(redactor)
