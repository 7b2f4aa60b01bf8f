"""The browser tests' fixtures: headless Chromium (``browser``) driven by Playwright, the app
in a real HTTP server (``live``) on a port of its own, and a folder for screenshots
(``shots``).

Browser tests need headless Chromium and Playwright: without them they are skipped on a
laptop, but fail in CI (``CI`` set), where a skipped browser test would hide a broken page.
A module may name the ports its live server picks from with ``LIVE_PORTS = (first, last)``
(the machine is shared); without it the system gives a free one."""

from __future__ import annotations

import importlib.util
import os
import socket
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy.pool import NullPool
from werkzeug.serving import make_server

from consult import create_app
from consult.extensions import db as _db

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not os.path.exists(CHROMIUM):
        return f"no Chromium at {CHROMIUM}"
    if importlib.util.find_spec("playwright") is None:
        return "the Playwright package is not installed"
    return None


@pytest.fixture(autouse=True)
def _browser_available() -> None:
    reason = browser_missing()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must run the browser tests (install chromium, see .ci/run)")
    pytest.skip(reason)


def free_port(ports: tuple[int, int] | None = None) -> int:
    """A free port: the first in ``ports`` (first, last) that is free, or any."""
    if ports is None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]
    first, last = ports
    for port in range(first, last + 1):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {first}-{last}")


class LiveServer:
    """The app in a real HTTP server on a fixed port; stop and start it like a restart."""

    def __init__(self, database_url: str, port: int | None = None) -> None:
        self.port = port if port is not None else free_port()
        self.app = create_app(
            {
                "TESTING": True,
                "DATABASE_URL": database_url,
                "SECRET_KEY": "test-secret",  # the same key as the test app: same links
                "EMBED_ON_SAVE": False,
                "JOBS_SYNC": True,
                # No pool: a connection a request thread returns after the server stopped
                # is closed at once instead of staying open in a discarded pool.
                "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": NullPool, "hide_parameters": True},
            }
        )
        self._server = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._server = make_server("127.0.0.1", self.port, self.app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
        self._server = None
        # Requests still being answered hold database connections; the engine is disposed
        # only after they finish, so no connection outlives the server unclosed.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(
            "process_request_thread" in t.name for t in threading.enumerate()
        ):
            time.sleep(0.05)
        with self.app.app_context():
            _db.engine.dispose()


@pytest.fixture
def live(app, request):
    server = LiveServer(
        app.config["DATABASE_URL"], free_port(getattr(request.module, "LIVE_PORTS", None))
    )
    server.start()
    yield server
    server.stop()


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def screenshots(default: Path) -> Path:
    """The folder for screenshots: ``CONSULT_SCREENSHOTS``, else ``default``; made if missing."""
    target = Path(os.environ.get("CONSULT_SCREENSHOTS") or default)
    target.mkdir(parents=True, exist_ok=True)
    return target


@pytest.fixture
def shots(tmp_path) -> Path:
    return screenshots(tmp_path / "shots")


def axe(page, tags: list[str] | None = None) -> dict:
    """axe-core's answer on the page (``violations``, and ``passes`` when ``tags`` are given):
    every rule, or only the rules of ``tags``."""
    from axe_playwright_python.sync_playwright import Axe

    if tags is None:
        return Axe().run(page).response
    return Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}}).response
