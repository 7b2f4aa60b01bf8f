"""Default configuration. Override with ``CONSULT_*`` environment variables or a dict."""

from __future__ import annotations


class DefaultConfig:
    """Settings every instance starts from; see README for the environment variables."""

    # Refused outside debug and testing (consult.security): production sets CONSULT_SECRET_KEY.
    SECRET_KEY = "dev-only-change-me"  # noqa: S105
    DATABASE_URL: str | None = None  # None: SQLite in the instance folder
    # hide_parameters: a failed write never puts the values (contacts) into the error log
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}
    WTF_CSRF_TIME_LIMIT = None  # a workshop may last all day; the token is bound to the session
    BABEL_DEFAULT_LOCALE = "fi"
    BABEL_DEFAULT_TIMEZONE = "Europe/Helsinki"
    LANGUAGES = ("fi", "sv", "en")
    REDIS_URL: str | None = None  # set: jobs go to RQ on Redis (`consult worker`), shared limits
    RATELIMIT_STORAGE_URI: str | None = None  # None: REDIS_URL when set, else memory://
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = "10 per minute"
    IMPORT_INLINE_ROWS = 2000  # larger proposal imports run as a background job (with a queue)
    JOBS_SYNC = False  # True: a job runs inline right after the commit that enqueued it (tests)
    JOBS_QUEUE = "consult"  # RQ queue name
    JOBS_THREADS = 2  # without Redis: threads of the serving process that run jobs
    JOBS_HEARTBEAT = 10  # seconds between a running job's heartbeats
    JOBS_STALE_AFTER = 60  # a running job without a heartbeat this long lost its worker
    JOBS_MAX_ATTEMPTS = 3  # runs of a job whose worker died, before it is marked failed
    ANALYSIS_TIMEOUT = 3600  # seconds an analysis job may run (RQ stops it after that)
    # Native threads (OpenMP, BLAS) one job of `consult worker` may use. One per job: run one
    # worker per core. On 2 cores under load, 2 threads per job made the clustering of 7,700
    # proposals 2.8x slower (5.8 s against 2.1 s wall) as the threads wait on each other.
    WORKER_THREADS = 1
    # Seconds one background embedding job works before queueing the rest, so an analysis
    # waits at most about this long for a worker (slices of 1,024 took 40-130 s under load).
    EMBED_SLICE_SECONDS = 20
    # Public form and capture API. A workshop puts many people behind one NAT address, so
    # the per-address limits are far above what a room can type, and far below a flood
    # (one address sent 2,088 answers in 2 minutes). See README "Account and input safety".
    PUBLIC_FORM_RATE_LIMIT = "60 per minute;600 per hour"  # per address
    PUBLIC_FORM_LINK_RATE_LIMIT = "300 per minute"  # per round link, all addresses
    CAPTURE_RATE_LIMIT = "1200 per minute"  # writes per address
    CAPTURE_LINK_RATE_LIMIT = "600 per minute"  # writes per workshop link
    EMBED_ON_SAVE = True  # embed new proposals in the background right after they are saved
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = False  # True forces it; over https every cookie is Secure anyway
    MAX_CONTENT_LENGTH = 20 * 1024 * 1024  # bytes; larger requests get the 413 page
    HSTS_MAX_AGE = 365 * 24 * 3600  # sent on https responses; 0 turns HSTS off
    # Reverse proxy hops to trust for X-Forwarded-For/-Proto/-Host/-Port/-Prefix (0: none).
    PROXY_FIX_X_FOR = 0
    PROXY_FIX_X_PROTO = 0
    PROXY_FIX_X_HOST = 0
    PROXY_FIX_X_PORT = 0
    PROXY_FIX_X_PREFIX = 0
    SESSION_COOKIE_SAMESITE = "Lax"
    PROPOSALS_PER_PAGE = 50
    THEMES_PER_PAGE = 40  # a run page with more themes shows them 40 at a time
    # Email (CONSULT_MAIL_*): without a server every message is recorded as failed.
    MAIL_SERVER: str | None = None
    MAIL_PORT = 25
    MAIL_USE_TLS = False  # STARTTLS on a plain connection (port 587)
    MAIL_USE_SSL = False  # TLS from the start (port 465)
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_DEFAULT_SENDER = "consult <consult@localhost>"
    MAIL_TIMEOUT = 30
    # The public address of the service, for links in messages sent outside a request
    # (reminders from `consult run-scheduled`), e.g. https://kuuleminen.example.fi
    BASE_URL: str | None = None
    LOST_LINK_RATE_LIMIT = "5 per hour"
