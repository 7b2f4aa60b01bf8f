"""Browser tests need headless Chromium and Playwright: without them they are skipped on a
laptop, but fail in CI (``CI`` set), where a skipped browser test would hide a broken page."""

from __future__ import annotations

import importlib.util
import os

import pytest

CHROMIUM = "/usr/bin/chromium"


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
