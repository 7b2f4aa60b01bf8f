"""Sessions and accounts: logout ends the session server-side, login renews the session and
CSRF secret, lockout with backoff, password policy and change, CLI reset, API token expiry
and revocation."""

from __future__ import annotations

import contextlib
from datetime import timedelta

import sqlalchemy as sa
from flask import g

from consult.auth.models import ApiToken, User
from consult.utils import utcnow
from tests.conftest import csrf_token

EMAIL, PASSWORD = "convenor@example.fi", "correct horse battery"


def _login(client, email=EMAIL, password=PASSWORD):
    g.pop("csrf_token", None)
    page = client.get("/kirjaudu").get_data(as_text=True)
    return client.post(
        "/kirjaudu", data={"email": email, "password": password, "csrf_token": csrf_token(page)}
    )


def _cookie(client) -> str:
    return client.get_cookie("session", domain="consult.test").value


def test_a_cookie_copied_before_logout_no_longer_works_after_it(app, client, factory):
    factory.user()
    assert _login(client).status_code == 302
    stolen = _cookie(client)
    assert client.get("/kierrokset/").status_code == 200
    g.pop("csrf_token", None)
    page = client.get("/kierrokset/").get_data(as_text=True)
    assert client.post("/kirjaudu-ulos", data={"csrf_token": csrf_token(page)}).status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", stolen, domain="consult.test")
    assert thief.get("/kierrokset/").status_code == 302  # to the login page


def test_login_renews_the_session_and_the_csrf_secret(app, client, factory):
    factory.user()
    client.get("/kirjaudu")
    with client.session_transaction() as before:
        before["planted"] = "by someone else"  # session fixation: a value set before login
        old_secret = before.get("csrf_token")
    assert old_secret
    _login(client)
    g.pop("csrf_token", None)
    client.get("/kierrokset/")
    with client.session_transaction() as after:
        assert "planted" not in after
        assert after.get("csrf_token") and after["csrf_token"] != old_secret


def test_failed_logins_lock_the_account_with_a_time_to_try_again(client, factory, db):
    factory.user()
    for _ in range(5):
        response = _login(client, password="wrong password")
        assert response.status_code == 200
    user = db.session.scalar(sa.select(User))
    db.session.refresh(user)
    assert user.failed_logins == 5 and user.locked_until is not None
    page = _login(client).get_data(as_text=True)  # right password, still locked
    assert "lukittu" in page and "Yritä uudelleen" in page
    assert client.get("/kierrokset/").status_code == 302
    # After the wait the right password works and the counter starts again.
    user.locked_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert _login(client).status_code == 302
    db.session.refresh(user)
    assert user.failed_logins == 0


def test_lockout_backs_off(factory, db):
    from consult.auth.services import AccountLocked, authenticate

    user = factory.user()
    waits = []
    for _ in range(3):
        for _ in range(5 if not waits else 1):
            with contextlib.suppress(AccountLocked):
                authenticate(EMAIL, "wrong password")
        waits.append(user.locked_until - utcnow())
        user.locked_until = utcnow() - timedelta(seconds=1)
    assert waits[0] < waits[1] < waits[2]


def _change(client, current, new, repeat=None):
    g.pop("csrf_token", None)
    page = client.get("/tili/salasana").get_data(as_text=True)
    return client.post(
        "/tili/salasana",
        data={
            "csrf_token": csrf_token(page),
            "current": current,
            "new": new,
            "repeat": repeat if repeat is not None else new,
        },
    )


def test_password_change_refuses_common_and_repeated_passwords_in_finnish(app, client, factory, db):
    factory.user()
    _login(client)
    other = app.test_client()
    _login(other)
    response = _change(client, PASSWORD, "aaaaaaaaaaaa")
    assert response.status_code == 400
    assert "toistaa" in response.get_data(as_text=True)
    response = _change(client, PASSWORD, "salasana123")
    assert "liian yleinen" in response.get_data(as_text=True)
    response = _change(client, "wrong one", "Kuusi kettua kulkee kaislikossa")
    assert "Nykyinen salasana on väärin" in response.get_data(as_text=True)
    response = _change(client, PASSWORD, "Kuusi kettua kulkee kaislikossa")
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User))
    db.session.refresh(user)
    assert user.check_password("Kuusi kettua kulkee kaislikossa")
    assert client.get("/kierrokset/").status_code == 200  # this browser stays logged in
    assert other.get("/kierrokset/").status_code == 302  # every other session ended


def test_weak_passwords_are_refused_at_creation_too(factory):
    import pytest

    from consult.auth.services import WeakPassword, create_user

    for weak in ("aaaaaaaaaa", "1234567890", "qwertyuiop", "short"):
        with pytest.raises(WeakPassword):
            create_user("x@example.fi", weak)


def test_cli_resets_a_password_and_ends_sessions(app, client, factory, db):
    factory.user()
    _login(client)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["reset-password", EMAIL, "--password", "aaaaaaaaaaaa"])
    assert result.exit_code != 0 and "repeats" in result.output
    result = runner.invoke(args=["reset-password", EMAIL, "--password", "Vanha mylly jauhaa"])
    assert result.exit_code == 0, result.output
    assert client.get("/kierrokset/").status_code == 302
    assert _login(client, password="Vanha mylly jauhaa").status_code == 302


def test_api_tokens_expire_and_can_be_revoked(app, client, factory, db):
    factory.user()
    runner = app.test_cli_runner()
    token = runner.invoke(args=["create-token", EMAIL, "--days", "7"]).output.strip()
    other = runner.invoke(args=["create-token", EMAIL]).output.strip()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/rounds", headers=headers).status_code == 200
    row = db.session.scalar(sa.select(ApiToken).where(ApiToken.expires_at.is_not(None)).limit(1))
    db.session.expire_all()
    expiries = sorted(t.expires_at for t in db.session.scalars(sa.select(ApiToken)))
    assert row is not None and len(expiries) == 2
    assert (
        timedelta(days=6)
        < expiries[0].replace(tzinfo=None) - utcnow().replace(tzinfo=None)
        < timedelta(days=8)
    )
    assert (
        timedelta(days=89)
        < expiries[1].replace(tzinfo=None) - utcnow().replace(tzinfo=None)
        < timedelta(days=91)
    )

    result = runner.invoke(args=["revoke-token", token])
    assert result.exit_code == 0 and "Revoked 1" in result.output
    assert client.get("/api/v1/rounds", headers=headers).status_code == 401

    for t in db.session.scalars(sa.select(ApiToken)):
        t.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert (
        client.get("/api/v1/rounds", headers={"Authorization": f"Bearer {other}"}).status_code
        == 401
    )
    result = runner.invoke(args=["revoke-token", "--user", EMAIL])
    assert result.exit_code == 0 and "Revoked 1" in result.output


def test_api_last_used_is_written_at_most_once_an_hour(app, client, factory, db):
    factory.user()
    token = app.test_cli_runner().invoke(args=["create-token", EMAIL]).output.strip()
    headers = {"Authorization": f"Bearer {token}"}
    client.get("/api/v1/rounds", headers=headers)
    db.session.expire_all()
    first = db.session.scalar(sa.select(ApiToken.last_used_at))
    assert first is not None
    client.get("/api/v1/rounds", headers=headers)
    db.session.expire_all()
    assert db.session.scalar(sa.select(ApiToken.last_used_at)) == first
    api_token = db.session.scalar(sa.select(ApiToken))
    api_token.last_used_at = utcnow() - timedelta(hours=2)
    db.session.commit()
    client.get("/api/v1/rounds", headers=headers)
    db.session.expire_all()
    assert db.session.scalar(sa.select(ApiToken.last_used_at)) > first
