"""Default configuration. Override with ``CONSULT_*`` environment variables or a dict."""

from __future__ import annotations


class DefaultConfig:
    """Settings every instance starts from; see README for the environment variables."""

    SECRET_KEY = "dev-only-change-me"  # noqa: S105 - replaced in production via CONSULT_SECRET_KEY
    DATABASE_URL: str | None = None  # None: SQLite in the instance folder
    # hide_parameters: a failed write never puts the values (contacts) into the error log
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}
    WTF_CSRF_TIME_LIMIT = None  # a workshop may last all day; the token is bound to the session
    BABEL_DEFAULT_LOCALE = "fi"
    BABEL_DEFAULT_TIMEZONE = "Europe/Helsinki"
    LANGUAGES = ("fi", "sv", "en")
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = "10 per minute"
    # Public form and capture API. A workshop puts many people behind one NAT address, so
    # the per-address limits are far above what a room can type, and far below a flood
    # (one address sent 2,088 answers in 2 minutes). See README "Account and input safety".
    PUBLIC_FORM_RATE_LIMIT = "60 per minute;600 per hour"  # per address
    PUBLIC_FORM_LINK_RATE_LIMIT = "300 per minute"  # per round link, all addresses
    CAPTURE_RATE_LIMIT = "1200 per minute"  # writes per address
    CAPTURE_LINK_RATE_LIMIT = "600 per minute"  # writes per workshop link
    ANALYSIS_SYNC = False  # True runs analyses inside the request (tests, small rounds)
    ANALYSIS_SYNC_LIMIT = 300  # rounds up to this many proposals are analysed inside the request
    EMBED_ON_SAVE = True  # embed new proposals in the background right after they are saved
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PROPOSALS_PER_PAGE = 50
