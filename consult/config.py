"""Default configuration. Override with ``CONSULT_*`` environment variables or a dict."""

from __future__ import annotations


class DefaultConfig:
    """Settings every instance starts from; see README for the environment variables."""

    SECRET_KEY = "dev-only-change-me"  # noqa: S105 - replaced in production via CONSULT_SECRET_KEY
    DATABASE_URL: str | None = None  # None: SQLite in the instance folder
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    WTF_CSRF_TIME_LIMIT = None  # a workshop may last all day; the token is bound to the session
    BABEL_DEFAULT_LOCALE = "fi"
    BABEL_DEFAULT_TIMEZONE = "Europe/Helsinki"
    LANGUAGES = ("fi", "sv", "en")
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = "10 per minute"
    REDIS_URL: str | None = None  # set: jobs go to RQ on Redis, run by `consult worker`
    JOBS_SYNC = False  # True: a job runs inline right after the commit that enqueued it (tests)
    JOBS_QUEUE = "consult"  # RQ queue name
    JOBS_THREADS = 2  # without Redis: threads of the serving process that run jobs
    JOBS_HEARTBEAT = 10  # seconds between a running job's heartbeats
    JOBS_STALE_AFTER = 60  # a running job without a heartbeat this long lost its worker
    JOBS_MAX_ATTEMPTS = 3  # runs of a job whose worker died, before it is marked failed
    EMBED_ON_SAVE = True  # embed new proposals in the background right after they are saved
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PROPOSALS_PER_PAGE = 50
