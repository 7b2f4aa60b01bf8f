"""In production every request has its own ``g``; the app fixture's outer context shares
one across requests, so the user and CSRF token cached there are dropped per request."""

import pytest
from flask import g


@pytest.fixture(autouse=True)
def fresh_g_per_request(app):
    @app.before_request
    def _drop_cached() -> None:
        g.pop("_login_user", None)
        g.pop("csrf_token", None)
