"""Secure defaults: the secret key, security headers, https behind a reverse proxy, and where
the login rate limit is counted."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

log = logging.getLogger(__name__)

DEFAULT_SECRET_KEY = "dev-only-change-me"  # noqa: S105 - the known key that is refused
MIN_SECRET_KEY_LENGTH = 32
GENERATE_KEY = "python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"

# No inline script anywhere: every script is a file under /static. Images may be data: URIs
# (the QR codes on the printable links page).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
PROXY_FIX_SETTINGS = ("x_for", "x_proto", "x_host", "x_port", "x_prefix")


class InsecureConfigurationError(RuntimeError):
    """The instance would run with settings that are unsafe outside development."""


def check_secret_key(app: Flask) -> None:
    """Refuse the built-in or a short secret key unless the app runs in debug or testing.

    Raises:
        InsecureConfigurationError: with a message naming ``CONSULT_SECRET_KEY``.
    """
    if app.debug or app.testing:
        return
    key = app.config.get("SECRET_KEY") or ""
    if isinstance(key, bytes):
        key = key.decode("latin-1")
    if key == DEFAULT_SECRET_KEY:
        problem = (
            "CONSULT_SECRET_KEY is not set (or is the built-in development key, which is public)"
        )
    elif len(key) < MIN_SECRET_KEY_LENGTH:
        problem = (
            f"CONSULT_SECRET_KEY is too short ({len(key)} characters; "
            f"at least {MIN_SECRET_KEY_LENGTH} are needed)"
        )
    else:
        return
    raise InsecureConfigurationError(
        f"{problem}. consult refuses to start: with a known or guessable key anyone can "
        "forge a convenor's session and derive every workshop link.\n"
        f"Generate a key once, keep it secret and stable:\n"
        f'    export CONSULT_SECRET_KEY="$({GENERATE_KEY})"\n'
        "(Changing the key later replaces every workshop session link.)"
    )


def rate_limit_storage(config: Any) -> str:
    """Where login attempts are counted: the explicit setting, else Redis when configured."""
    return config.get("RATELIMIT_STORAGE_URI") or config.get("REDIS_URL") or "memory://"


def warn_if_rate_limit_not_shared(app: Flask, workers: int) -> bool:
    """Log a warning when several processes would each count login attempts on their own."""
    storage = app.config["RATELIMIT_STORAGE_URI"]
    if workers <= 1 or not storage.startswith("memory://"):
        return False
    log.warning(
        "%d worker processes count login attempts in memory, each on its own: the login "
        "rate limit is %d times looser than configured. Set CONSULT_REDIS_URL (or "
        "CONSULT_RATELIMIT_STORAGE_URI) to share it.",
        workers,
        workers,
    )
    return True


def gunicorn_post_worker_init(worker: Any) -> None:
    """Gunicorn hook (``post_worker_init``): warn when the rate limit is not shared."""
    app = getattr(worker, "wsgi", None)
    if isinstance(app, Flask):
        warn_if_rate_limit_not_shared(app, worker.cfg.workers)


class SecureCookies:
    """WSGI middleware: every cookie set on a request that came over https is ``Secure``.

    Sits inside :class:`ProxyFix`, so ``X-Forwarded-Proto: https`` from a trusted proxy counts.
    Covers the session, remember-me and any other cookie alike.
    """

    def __init__(self, wsgi_app: Callable) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("wsgi.url_scheme") != "https":
            return self.wsgi_app(environ, start_response)

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            headers = [
                (name, _secure(value) if name.lower() == "set-cookie" else value)
                for name, value in headers
            ]
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, start)


def _secure(cookie: str) -> str:
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    return cookie if "secure" in attributes else f"{cookie}; Secure"


def set_security_headers(response: Any) -> Any:
    """Headers every response carries; a view may set its own before this runs."""
    from flask import current_app

    config = current_app.config
    headers = response.headers
    headers.setdefault("Content-Security-Policy", config["CONTENT_SECURITY_POLICY"])
    headers.setdefault("X-Frame-Options", "DENY")
    # Session and edit links carry their token in the URL: never send it on to another site.
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    if request.is_secure and config["HSTS_MAX_AGE"]:
        headers.setdefault("Strict-Transport-Security", f"max-age={config['HSTS_MAX_AGE']}")
    return response


def register_security(app: Flask) -> None:
    """Refuse an unsafe key, trust the configured proxy, add headers, mark cookies Secure."""
    check_secret_key(app)
    app.config.setdefault("CONTENT_SECURITY_POLICY", CONTENT_SECURITY_POLICY)
    app.wsgi_app = SecureCookies(app.wsgi_app)  # type: ignore[method-assign]  # Flask's idiom
    hops = {
        name: int(app.config.get(f"PROXY_FIX_{name.upper()}") or 0) for name in PROXY_FIX_SETTINGS
    }
    if any(hops.values()):
        app.wsgi_app = ProxyFix(app.wsgi_app, **hops)  # type: ignore[method-assign]
    app.after_request(set_security_headers)
    warn_if_rate_limit_not_shared(app, int(os.environ.get("WEB_CONCURRENCY") or 1))
