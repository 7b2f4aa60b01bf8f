"""Small helpers shared by features: time, tokens, slugs."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

TOKEN_BYTES = 24  # 192 bits from secrets


def utcnow() -> datetime:
    """Timezone-aware current UTC time (used as a callable column default)."""
    return datetime.now(UTC)


def new_token() -> str:
    """An unguessable URL-safe token with 192 bits from :mod:`secrets`."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """The stored form of a token: its SHA-256 hex digest."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def derive_token(secret_key: str, purpose: str, nonce: str) -> str:
    """A token reproducible only with the app's secret key and a stored random nonce.

    Session links must stay visible to the convenor, yet the database alone must not
    reveal them: the nonce (128+ bits from :mod:`secrets`) is stored, the token is an
    HMAC of it under the secret key, and only the token's hash is used for lookup.
    """
    mac = hmac.new(secret_key.encode("utf-8"), f"{purpose}:{nonce}".encode(), hashlib.sha256)
    return mac.hexdigest()[:40]


def slugify(text: str, max_length: int = 80) -> str:
    """ASCII slug for URLs: ``Maakuntastrategia 2018`` → ``maakuntastrategia-2018``."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "kierros"


MAX_ID = 2**31 - 1  # PostgreSQL's integer


def is_id(text: str | None) -> bool:
    """Whether text is a plain decimal number that fits a database id (not "²", not 10**30)."""
    if not text:
        return False
    return text.isascii() and text.isdecimal() and int(text) <= MAX_ID


def name_key(name: str) -> str:
    """Case- and space-insensitive key for matching organisation names."""
    return " ".join(name.casefold().split())


S = TypeVar("S")


class PageSections(Generic[S]):
    """Parts of a feature's page that features above it fill in, without being imported.

    A provider ``provider(subject) -> template values`` is registered once (at import of
    the providing module); the page merges what every provider returns for its subject.
    """

    def __init__(self) -> None:
        self._providers: list[Callable[[S], dict[str, Any]]] = []

    def register(self, provider: Callable[[S], dict[str, Any]]) -> Callable[[S], dict[str, Any]]:
        if provider not in self._providers:
            self._providers.append(provider)
        return provider

    def values(self, subject: S) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for provider in self._providers:
            values.update(provider(subject))
        return values
