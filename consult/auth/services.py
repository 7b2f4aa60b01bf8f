"""Accounts: creation, authentication, lockout, passwords and API tokens."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from consult.auth.models import ROLES, ApiToken, User
from consult.errors import DomainError, ErrorCode
from consult.extensions import db, rowcount
from consult.utils import hash_token, new_token, utcnow

MIN_PASSWORD_LENGTH = 10
MIN_PASSWORD_SCORE = 3  # zxcvbn: 0 (top-100 password) .. 4 (very hard to guess)
LOCK_AFTER = 5  # failed logins in a row before the account waits
LOCK_BASE = timedelta(minutes=1)  # first wait; doubles with each further failure
LOCK_MAX = timedelta(minutes=30)
TOKEN_DAYS = 90
LAST_USED_EVERY = timedelta(hours=1)


class WeakPassword(DomainError):
    """The password is too short (``PASSWORD_TOO_SHORT``, with ``n``), repetitive
    (``PASSWORD_REPEATED``) or common (``PASSWORD_COMMON``)."""

    code = ErrorCode.PASSWORD_COMMON


class AccountLocked(DomainError):
    """Too many failed logins in a row; the account accepts none until ``until``."""

    code = ErrorCode.ACCOUNT_LOCKED

    def __init__(self, until: datetime) -> None:
        super().__init__(until=until.isoformat())
        self.until = until


def load_user(user_id: str) -> User | None:
    """Flask-Login's loader: ``<id>.<session version>``; an older version is no session."""
    ident, _, version = (user_id or "").partition(".")
    if not (ident.isascii() and ident.isdecimal() and version.isascii() and version.isdecimal()):
        return None
    if len(ident) > 10 or len(version) > 10:
        return None
    user = db.session.get(User, int(ident))
    if user is None or user.session_version != int(version):
        return None
    return user


def normalise_email(email: str) -> str:
    return email.strip().lower()


def check_password_policy(password: str, email: str = "") -> None:
    """Refuse short, common, repeated or guessable passwords.

    Raises:
        WeakPassword: its code says which rule the password broke.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(ErrorCode.PASSWORD_TOO_SHORT, n=MIN_PASSWORD_LENGTH)
    if len(set(password)) <= 2:
        raise WeakPassword(ErrorCode.PASSWORD_REPEATED)
    from zxcvbn import zxcvbn

    words = [email, email.partition("@")[0], "consult", "salasana", "lösenord", "kuuleminen"]
    result = zxcvbn(password[:100], user_inputs=[w for w in words if w])
    if result["score"] < MIN_PASSWORD_SCORE:
        warning = result["feedback"].get("warning", "")
        raise WeakPassword(
            ErrorCode.PASSWORD_REPEATED if "epeat" in warning else ErrorCode.PASSWORD_COMMON
        )


def create_user(email: str, password: str, role: str = "convenor") -> User:
    """Create an account with a hashed password.

    Raises:
        DomainError: the email is taken or the role unknown.
        WeakPassword: the password does not pass :func:`check_password_policy`.
    """
    email = normalise_email(email)
    if role not in ROLES:
        raise DomainError(ErrorCode.UNKNOWN_ROLE, role=role)
    check_password_policy(password, email)
    if db.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        raise DomainError(ErrorCode.USER_EXISTS)
    user = User(email=email, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def _lock_for(failures: int) -> timedelta:
    """The wait after ``failures`` (at least LOCK_AFTER) failed logins in a row."""
    return min(LOCK_MAX, LOCK_BASE * (1 << (failures - LOCK_AFTER)))


def _aware(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def authenticate(email: str, password: str) -> User | None:
    """The user whose email and password match, else None (same work either way).

    Failed logins are counted on the account; after ``LOCK_AFTER`` in a row it waits one
    minute, then twice as long after each further failure (at most 30 minutes).

    Raises:
        AccountLocked: the account is waiting; no password is checked meanwhile.
    """
    user: User | None = db.session.scalar(
        sa.select(User).where(User.email == normalise_email(email))
    )
    if user is None:
        User(email="", password_hash="").set_password(password)  # even out the timing
        return None
    now = utcnow()
    if user.locked_until is not None and _aware(user.locked_until) > now:
        raise AccountLocked(_aware(user.locked_until))
    if not user.check_password(password):
        user.failed_logins += 1
        if user.failed_logins >= LOCK_AFTER:
            user.locked_until = now + _lock_for(user.failed_logins)
        db.session.flush()
        return None
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    return user


def end_sessions(user: User) -> None:
    """Invalidate every session of the user (server-side, also copied cookies)."""
    user.session_version += 1
    db.session.flush()


def set_password(user: User, password: str) -> None:
    """Give the account a new password; every existing session ends and the lock lifts.

    Raises:
        WeakPassword: the password does not pass :func:`check_password_policy`.
    """
    check_password_policy(password, user.email)
    user.set_password(password)
    user.failed_logins = 0
    user.locked_until = None
    end_sessions(user)


def user_by_email(email: str) -> User:
    user: User | None = db.session.scalar(
        sa.select(User).where(User.email == normalise_email(email))
    )
    if user is None:
        raise DomainError(ErrorCode.NO_SUCH_USER)
    return user


def create_api_token(email: str, days: int = TOKEN_DAYS) -> str:
    """Create a bearer token for the read-only API valid for ``days``; only its hash is kept."""
    if days < 1:
        raise DomainError(ErrorCode.TOKEN_DAYS)
    user = user_by_email(email)
    token = new_token()
    db.session.add(
        ApiToken(
            user=user,
            token_hash=hash_token(token),
            expires_at=utcnow() + timedelta(days=days),
        )
    )
    db.session.flush()
    return token


def revoke_api_tokens(*, token: str | None = None, email: str | None = None) -> int:
    """Delete one token (given as printed) or all tokens of a user; returns how many."""
    stmt = sa.delete(ApiToken)
    if token:
        stmt = stmt.where(ApiToken.token_hash == hash_token(token.strip()))
    elif email:
        stmt = stmt.where(ApiToken.user_id == user_by_email(email).id)
    else:
        raise DomainError(ErrorCode.TOKEN_OR_USER)
    count = rowcount(db.session.execute(stmt))
    db.session.flush()
    return count


def user_for_api_token(token: str) -> User | None:
    """The user of a valid, unexpired token.

    ``last_used_at`` is written at most once an hour, so reading the API mostly writes
    nothing; the caller commits when :func:`token_touched` says so.
    """
    if not token or len(token) > 100:
        return None
    api_token = db.session.scalar(
        sa.select(ApiToken).where(ApiToken.token_hash == hash_token(token))
    )
    if api_token is None:
        return None
    now = utcnow()
    if api_token.expires_at is not None and _aware(api_token.expires_at) <= now:
        return None
    if api_token.last_used_at is None or now - _aware(api_token.last_used_at) >= LAST_USED_EVERY:
        api_token.last_used_at = now
    return api_token.user
