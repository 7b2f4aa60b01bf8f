"""Fixtures: a migrated database (SQLite, or PostgreSQL with CONSULT_TEST_DATABASE_URL),
the app, a client, and factories. Each test starts from empty tables."""

from __future__ import annotations

import os
import re
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from consult import clock, create_app
from consult.extensions import db as _db
from consult.migrate import upgrade


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("CONSULT_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """A database of this test session's own.

    On PostgreSQL a fresh database is created beside the one named in
    CONSULT_TEST_DATABASE_URL and dropped afterwards, so concurrent runs never meet.
    """
    url = _database_url(tmp_path_factory)
    if not url.startswith("postgres"):
        yield url
        return
    base = sa.engine.make_url(url.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"{base.database}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def migrated(database_url):
    app = create_app({"DATABASE_URL": database_url, "TESTING": True})
    upgrade(app)
    with app.app_context():
        _db.engine.dispose()
    return database_url


def _config(database_url: str, instance: Path) -> dict:
    return {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret",
        "JOBS_SYNC": True,
        "EMBED_ON_SAVE": False,
        "RATELIMIT_ENABLED": True,
        "SERVER_NAME": "consult.test",
        # No pool: each test's connections are closed when returned, so none is left open
        # in a pool discarded by the teardown's dispose() (psycopg warns about those).
        "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": NullPool, "hide_parameters": True},
    }


@pytest.fixture
def app(migrated, tmp_path):
    app = create_app(_config(migrated, tmp_path))
    with app.app_context():
        yield app
        from consult.jobs.queue import wait_for_threads
        from consult.jobs.status import stop_reaper

        wait_for_threads()
        stop_reaper()
        _db.session.remove()
        with _db.engine.begin() as conn:
            for table in reversed(_db.metadata.sorted_tables):
                conn.execute(table.delete())
        _db.engine.dispose()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, "page has no CSRF token"
    return match.group(1)


class Factory:
    """Builds rows through the services, as the app does."""

    def __init__(self, db):
        self.db = db

    def user(self, email="convenor@example.fi", password="correct horse battery", role="convenor"):
        from consult.auth.services import create_user

        user = create_user(email, password, role)
        self.db.session.commit()
        return user

    def round(
        self,
        title="Kierros",
        questions=("Palvelulupaus", "Toimintaedellytykset"),
        opens_on=None,
        closes_on=None,
    ):
        from consult.rounds import services

        today = clock.today()
        rnd = services.create_round(
            title=title,
            purpose="Tarkoitus",
            instructions="Ohjeet",
            opens_on=opens_on or today - timedelta(days=10),
            closes_on=closes_on or today + timedelta(days=10),
        )
        for text in questions:
            services.add_question(rnd, text=text)
        self.db.session.commit()
        return rnd

    def workshop(self, rnd, network="Ikäihmisten verkosto", when=None):
        from consult.workshops import services

        workshop = services.add_workshop(
            rnd, network=network, date=when or date(2018, 8, 29), place="Oulu", facilitator="Maija"
        )
        self.db.session.commit()
        return workshop


@pytest.fixture
def factory(db):
    return Factory(db)


@pytest.fixture
def login(client, factory):
    """Log a convenor in through the login form; returns the user."""

    def do(email="convenor@example.fi", password="correct horse battery", role="convenor"):
        user = factory.user(email, password, role)
        page = client.get("/kirjaudu")
        response = client.post(
            "/kirjaudu",
            data={
                "email": email,
                "password": password,
                "csrf_token": csrf_token(page.get_data(as_text=True)),
            },
        )
        assert response.status_code == 302
        return user

    return do


@pytest.fixture
def fi(app):
    """The Finnish text of a message, as the pages show it (HTML-escaped)."""
    from flask_babel import gettext
    from markupsafe import escape

    def translate(msgid: str, **variables) -> str:
        with app.test_request_context("/"):
            return str(escape(gettext(msgid, **variables)))

    return translate
