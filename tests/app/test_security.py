"""Secure defaults: refused keys, security headers, https behind a proxy, request size, and
where the login rate limit is counted."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest

from consult import create_app, templates_folder
from consult.security import (
    DEFAULT_SECRET_KEY,
    InsecureConfigurationError,
    gunicorn_post_worker_init,
)
from consult.workshops.services import workshop_token
from tests.conftest import _config, csrf_token

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "x" * 48


@pytest.fixture
def make_app(app, tmp_path):
    """Another app on the same test database, with some settings changed."""

    def build(**overrides):
        return create_app({**_config(app.config["DATABASE_URL"], tmp_path), **overrides})

    return build


def _pages(factory) -> list[str]:
    rnd = factory.round()
    workshop = factory.workshop(rnd)
    return ["/", "/kirjaudu", f"/k/{rnd.slug}", f"/tyopaja/{workshop_token(workshop)}"]


def test_every_page_carries_the_security_headers(client, factory):
    for url in [*_pages(factory), "/static/style.css", "/ei-ole"]:
        response = client.get(url)
        response.close()
        assert response.status_code in (200, 404), url
        headers = response.headers
        csp = headers["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        assert directives["script-src"] == "'self'", url
        assert directives["style-src"] == "'self'", url
        assert directives["frame-ancestors"] == "'none'", url
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, url
        assert headers["X-Frame-Options"] == "DENY", url
        assert headers["Referrer-Policy"] == "no-referrer", url
        assert headers["X-Content-Type-Options"] == "nosniff", url
        # plain http: no HSTS, no Secure cookie
        assert "Strict-Transport-Security" not in headers, url
        for cookie in headers.getlist("Set-Cookie"):
            assert "secure" not in cookie.lower(), url


INLINE = [
    (
        re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")", re.I),
        "inline <script>",
    ),
    (re.compile(r"\son[a-z]+\s*=", re.I), "on*= event handler"),
    (re.compile(r"<style", re.I), "<style> block"),
    (re.compile(r"\sstyle\s*=", re.I), "style= attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_templates_have_no_inline_script_or_style():
    """The CSP allows scripts and styles from /static only; inline ones would silently break."""
    found = []
    for path in sorted(templates_folder().rglob("*.html")):
        if path.relative_to(templates_folder()).parts[0] == "email":
            continue  # HTML email is no web page: mail clients need inline styles, no CSP there
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(templates_folder())}:{line}: {what}")
    assert found == []


def test_script_files_linked_from_pages_exist(client, factory):
    for url in _pages(factory):
        html = client.get(url).get_data(as_text=True)
        linked = re.findall(r'<script[^>]* src="([^"]+)"', html) + re.findall(
            r'<link rel="stylesheet" href="([^"]+)"', html
        )
        assert len(linked) >= 2, url
        for src in linked:
            with client.get(src) as response:
                assert response.status_code == 200, src


def test_https_behind_a_trusted_proxy_gets_hsts_and_secure_cookies(make_app, factory):
    rnd = factory.round()
    proxied = make_app(PROXY_FIX_X_PROTO=1, PROXY_FIX_X_FOR=1).test_client()
    https = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    for url in ("/kirjaudu", f"/k/{rnd.slug}"):
        response = proxied.get(url, headers=https)
        assert response.status_code == 200
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
        cookies = response.headers.getlist("Set-Cookie")
        assert any(c.startswith("session=") for c in cookies), url
        assert all("; Secure" in c for c in cookies), cookies
    # the same header without a proxy configured is not trusted
    direct = make_app().test_client()
    response = direct.get("/kirjaudu", headers=https)
    assert "Strict-Transport-Security" not in response.headers
    assert not any("Secure" in c for c in response.headers.getlist("Set-Cookie"))


def test_default_or_short_secret_key_is_refused_outside_debug_and_testing(tmp_path):
    url = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    with pytest.raises(InsecureConfigurationError) as refused:
        create_app({"DATABASE_URL": url, "SECRET_KEY": DEFAULT_SECRET_KEY})
    message = str(refused.value)
    assert "CONSULT_SECRET_KEY is not set" in message
    assert "secrets.token_urlsafe(48)" in message
    with pytest.raises(InsecureConfigurationError, match="CONSULT_SECRET_KEY is too short"):
        create_app({"DATABASE_URL": url, "SECRET_KEY": "x" * 31})
    assert create_app({"DATABASE_URL": url, "SECRET_KEY": STRONG_KEY}).secret_key == STRONG_KEY
    assert create_app({"DATABASE_URL": url, "SECRET_KEY": DEFAULT_SECRET_KEY, "DEBUG": True})


def test_cli_refuses_the_default_key_with_a_message_not_a_traceback(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONSULT_", "FLASK_"))} | {
        "PYTHONPATH": str(ROOT),
        "CONSULT_DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite3'}",
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", "from consult.cli import main; main()", "db", "upgrade"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("consult: CONSULT_SECRET_KEY is not set")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "c.sqlite3").exists()


def test_too_large_request_gets_a_finnish_413_page(app, client, factory, fi):
    assert app.config["MAX_CONTENT_LENGTH"] == 20 * 1024 * 1024
    rnd = factory.round()
    app.config["MAX_CONTENT_LENGTH"] = 2 * 1024 * 1024
    big = {"csrf_token": "x", "text": "a" * (3 * 1024 * 1024)}
    response = client.post(f"/k/{rnd.slug}", data=big)
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert fi("The file or form is too large") in page
    assert "Tiedosto tai lomake on liian suuri" in page
    assert "2 Mt" in page
    assert response.headers["Content-Security-Policy"]
    swedish = client.post(f"/k/{rnd.slug}", data=big, headers={"Accept-Language": "sv"})
    assert swedish.status_code == 413
    assert "Filen eller formuläret är för stort" in swedish.get_data(as_text=True)


def test_several_workers_with_memory_storage_are_warned(make_app, monkeypatch, caplog):
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    with caplog.at_level(logging.WARNING, logger="consult.security"):
        make_app()
    assert "4 worker processes count login attempts in memory" in caplog.text
    assert "CONSULT_REDIS_URL" in caplog.text
    caplog.clear()
    monkeypatch.delenv("WEB_CONCURRENCY")
    single = make_app()
    with caplog.at_level(logging.WARNING, logger="consult.security"):
        gunicorn_post_worker_init(SimpleNamespace(wsgi=single, cfg=SimpleNamespace(workers=1)))
        assert caplog.text == ""
        gunicorn_post_worker_init(SimpleNamespace(wsgi=single, cfg=SimpleNamespace(workers=4)))
    assert "4 worker processes" in caplog.text
    caplog.clear()
    shared = make_app(REDIS_URL="redis://127.0.0.1:6379/2")
    assert shared.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/2"
    with caplog.at_level(logging.WARNING, logger="consult.security"):
        gunicorn_post_worker_init(SimpleNamespace(wsgi=shared, cfg=SimpleNamespace(workers=4)))
    assert caplog.text == ""


REDIS_TEST_URL = os.environ.get("CONSULT_TEST_REDIS_URL", "redis://127.0.0.1:6379/2")


@pytest.fixture
def redis_client():
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {REDIS_TEST_URL} is not reachable, and CI must test it")
        pytest.skip(f"no Redis at {REDIS_TEST_URL}")
    yield client
    client.close()


def test_login_attempts_are_counted_in_redis_when_configured(make_app, redis_client):
    prefix = f"consult-test-{uuid.uuid4().hex}"
    app = make_app(REDIS_URL=REDIS_TEST_URL, RATELIMIT_KEY_PREFIX=prefix)
    client = app.test_client()
    token = csrf_token(client.get("/kirjaudu").get_data(as_text=True))
    wrong = {"email": "a@b.fi", "password": "wrong password", "csrf_token": token}
    try:
        statuses = [client.post("/kirjaudu", data=wrong).status_code for _ in range(11)]
        assert statuses[-1] == 429 and 429 not in statuses[:10]
        keys = list(redis_client.scan_iter(f"*{prefix}*"))
        assert keys, "no rate-limit counter in Redis"
    finally:
        for key in redis_client.scan_iter(f"*{prefix}*"):
            redis_client.delete(key)
