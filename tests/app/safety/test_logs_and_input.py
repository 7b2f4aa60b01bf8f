"""Logs without personal data or link tokens; capture entries with any Unicode; SQLite
connections in WAL mode with a busy timeout."""

from __future__ import annotations

import io
import logging
import re

import pytest
import sqlalchemy as sa

from consult.submissions.models import Proposal
from consult.workshops.services import workshop_token
from tests.conftest import csrf_token


def test_a_failed_write_logs_neither_the_contact_nor_the_link_token(
    app, client, factory, caplog, monkeypatch
):
    """The write fails in the database with the contact among its parameters."""
    from consult.extensions import db
    from consult.submissions import services

    rnd = factory.round()
    real = services.create_independent_submission

    def failing(rnd, **kwargs):
        submission, token = real(rnd, **kwargs)
        db.session.execute(
            sa.text("INSERT INTO no_such_table (name, email) VALUES (:n, :e)"),
            {"n": kwargs["contact_name"], "e": kwargs["contact_email"]},
        )
        return submission, token

    monkeypatch.setattr(services, "create_independent_submission", failing)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    page = client.get(f"/k/{rnd.slug}").get_data(as_text=True)
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', page).group(1)
    q1, _q2 = rnd.questions
    with caplog.at_level(logging.INFO):
        response = client.post(
            f"/k/{rnd.slug}",
            data={
                "csrf_token": csrf_token(page),
                "submission_key": key,
                "organisation": "Kempeleen Kisa ry",
                "kind": "sports",
                "municipality": "Kempele",
                "contact_name": "Liisa Liikkuja",
                "contact_email": "liisa.liikkuja@example.fi",
                f"q_{q1.id}": "Liikuntapaikat esteettömiksi",
            },
        )
        assert response.status_code == 500
        db.session.rollback()  # the test's context shares the request's failed session
        workshop = factory.workshop(rnd)
        token = workshop_token(workshop)

        def boom(*_a, **_k):
            raise RuntimeError(f"failed at /tyopaja/{token} for liisa.liikkuja@example.fi")

        monkeypatch.setattr("consult.workshops.views.services.workshop_for_token", boom)
        assert client.get(f"/tyopaja/{token}?lang=fi").status_code == 500
    logged = caplog.text
    assert "no_such_table" in logged  # the failure itself is logged
    assert "Liisa" not in logged and "Liikkuja" not in logged
    assert "liisa.liikkuja@example.fi" not in logged and "example.fi" not in logged
    assert token not in logged
    from consult.logfilter import token_tag

    assert f"/tyopaja/{token_tag(token)}" in logged


def test_gunicorn_access_log_lines_carry_no_token_query_or_address():
    from types import SimpleNamespace

    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    import consult.gunicorn_config as settings

    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    cfg = Config()
    for name in ("access_log_format", "accesslog", "errorlog", "logconfig_dict"):
        cfg.set(name, getattr(settings, name))
    logger = Logger(cfg)
    try:
        out = io.StringIO()
        for handler in logger.access_log.handlers:
            handler.setStream(out)
        token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_ab"
        environ = {
            "REQUEST_METHOD": "GET",
            "RAW_URI": f"/tyopaja/{token}?email=liisa@example.fi",
            "PATH_INFO": f"/tyopaja/{token}",
            "QUERY_STRING": "email=liisa@example.fi",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "198.51.100.7",
            "HTTP_REFERER": f"https://consult.example/v/{token}",
            "HTTP_USER_AGENT": "test",
        }
        req = SimpleNamespace(headers=[], method="GET", path=f"/tyopaja/{token}", query="", uri="")
        resp = SimpleNamespace(
            status="200 OK", status_code=200, sent=123, headers=[], response_length=123
        )
        from datetime import timedelta

        logger.access(resp, req, environ, timedelta(milliseconds=12))
        line = out.getvalue()
    finally:
        root.handlers[:], root.level = saved
        for name in ("gunicorn.access", "gunicorn.error"):
            logging.getLogger(name).handlers.clear()
    assert "GET /tyopaja/#" in line and " 200 " in line
    assert token not in line
    assert "liisa" not in line and "198.51.100.7" not in line and "consult.example" not in line


def test_redaction_of_edit_and_feedback_links_and_emails():
    from consult.logfilter import redact, token_tag

    text = redact(
        "GET /v/abcdefghijklmnop1234/kiitos?x=1 /palaute/12/zyxwvutsrq98765432 "
        "contact_name='Liisa L' mail liisa@example.fi"
    )
    assert "abcdefghijklmnop1234" not in text and token_tag("abcdefghijklmnop1234") in text
    assert "zyxwvutsrq98765432" not in text and "/palaute/12/#" in text
    assert "Liisa" not in text and "example.fi" not in text and "x=1" not in text


@pytest.fixture
def facilitator(app, factory):
    from flask import g

    rnd = factory.round()
    workshop = factory.workshop(rnd)
    g.pop("csrf_token", None)
    client = app.test_client()
    url = f"/tyopaja/{workshop_token(workshop)}"
    page = client.get(url).get_data(as_text=True)
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    return client, url, token, rnd


def test_a_lone_surrogate_in_a_capture_entry_is_replaced_not_a_500(facilitator, db):
    client, url, token, rnd = facilitator
    q1 = rnd.questions[0].id
    raw = '{"question_id": Q, "text": "Lisää tiloja \\ud83d ja \\udc00 nyt"}'.replace("Q", str(q1))
    headers = {"X-CSRFToken": token, "Content-Type": "application/json"}
    response = client.put(f"{url}/api/proposals/entry-1", data=raw, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    # An emoji sent as a proper surrogate pair stays an emoji.
    raw = '{"question_id": Q, "text": "Hyvä \\ud83d\\ude00"}'.replace("Q", str(q1))
    assert client.put(f"{url}/api/proposals/entry-2", data=raw, headers=headers).status_code == 200
    texts = db.session.scalars(sa.select(Proposal.text).order_by(Proposal.id)).all()
    assert texts == ["Lisää tiloja \ufffd ja \ufffd nyt", "Hyvä \U0001f600"]


def test_nul_in_the_capture_directory_search_is_a_400(facilitator):
    client, url, _token, _rnd = facilitator
    assert client.get(f"{url}/api/organisations?q=a%00b").status_code == 400


def test_capture_api_is_rate_limited_per_link_with_a_json_answer(app, facilitator):
    client, url, token, rnd = facilitator
    app.config["CAPTURE_LINK_RATE_LIMIT"] = "3 per minute"
    q1 = rnd.questions[0].id
    codes = []
    for i in range(4):
        response = client.put(
            f"{url}/api/proposals/e{i}",
            json={"question_id": q1, "text": f"Ehdotus {i}"},
            headers={"X-CSRFToken": token},
            environ_base={"REMOTE_ADDR": f"192.0.2.{i}"},
        )
        codes.append(response.status_code)
    assert codes == [200, 200, 200, 429]
    assert response.get_json()["error"] == "rate_limited"
    assert client.get(f"{url}/api/state").status_code == 200  # reading is not limited


def test_sqlite_connections_use_wal_and_a_busy_timeout(app, db):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000
