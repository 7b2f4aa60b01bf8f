"""Accounts: creation, authentication and API tokens."""

from __future__ import annotations

import sqlalchemy as sa

from consult.auth.models import ROLES, ApiToken, User
from consult.errors import DomainError
from consult.extensions import db
from consult.utils import hash_token, is_id, new_token, utcnow


def load_user(user_id: str) -> User | None:
    """Flask-Login's loader: the user for a session id, or None."""
    if not is_id(user_id):
        return None
    return db.session.get(User, int(user_id))


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(email: str, password: str, role: str = "convenor") -> User:
    """Create an account with a hashed password.

    Raises:
        DomainError: the email is taken, the role unknown or the password too short.
    """
    email = normalise_email(email)
    if role not in ROLES:
        raise DomainError(f"unknown role {role!r}")
    if len(password) < 10:
        raise DomainError("password must be at least 10 characters")
    if db.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        raise DomainError(f"user {email} exists already")
    user = User(email=email, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user whose email and password match, else None (same work either way)."""
    user = db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))
    if user is None:
        User(email="", password_hash="").set_password(password)  # even out the timing
        return None
    if not user.check_password(password):
        return None
    user.last_login_at = utcnow()
    return user


def create_api_token(email: str) -> str:
    """Create a bearer token for the read-only API; only its hash is stored."""
    user = db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise DomainError(f"no user {email}")
    token = new_token()
    db.session.add(ApiToken(user=user, token_hash=hash_token(token)))
    db.session.flush()
    return token


def user_for_api_token(token: str) -> User | None:
    api_token = db.session.scalar(
        sa.select(ApiToken).where(ApiToken.token_hash == hash_token(token))
    )
    if api_token is None:
        return None
    api_token.last_used_at = utcnow()
    return api_token.user
