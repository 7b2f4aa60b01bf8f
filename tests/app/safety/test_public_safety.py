"""Public answers: idempotent sends, concurrent answers under one new name, rate limits,
the shared directory untouched, bad characters refused without a 500."""

from __future__ import annotations

import contextlib
import re
import threading

import pytest
import sqlalchemy as sa
from flask import g

from consult.organisations.models import Organisation
from consult.submissions.models import Submission
from tests.conftest import csrf_token


def _form(client, rnd, **overrides):
    """What a browser sends: the rendered form's CSRF token and submission key, filled in."""
    g.pop("csrf_token", None)
    page = client.get(f"/k/{rnd.slug}").get_data(as_text=True)
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', page)
    q1, _q2 = rnd.questions
    data = {
        "csrf_token": csrf_token(page),
        "submission_key": key.group(1) if key else "",
        "organisation": "Kempeleen Kisa ry",
        "kind": "sports",
        "municipality": "Kempele",
        "contact_name": "Liisa Liikkuja",
        "contact_email": "liisa@example.fi",
        f"q_{q1.id}": "Liikuntapaikat esteettömiksi",
    }
    data.update(overrides)
    return data


def test_the_same_form_sent_twice_stores_one_answer_and_shows_the_same_confirmation(
    client, factory, db
):
    rnd = factory.round()
    data = _form(client, rnd)
    first = client.post(f"/k/{rnd.slug}", data=data)
    second = client.post(f"/k/{rnd.slug}", data=data)  # double tap / retry after a timeout
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Submission)) == 1
    thanks = client.get(second.headers["Location"]).get_data(as_text=True)
    assert "Liikuntapaikat esteettömiksi" in thanks
    # A new form is a new answer.
    third = client.post(f"/k/{rnd.slug}", data=_form(client, rnd))
    assert third.status_code == 302 and third.headers["Location"] != first.headers["Location"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Submission)) == 2


def _race(app, n, make_data, url, environ=None):
    """POST n forms at once from n threads (each its own app context); the statuses."""
    statuses: list[int] = []
    barrier = threading.Barrier(n)

    def send(i: int) -> None:
        client = app.test_client()
        data = make_data(i)
        barrier.wait(timeout=10)
        statuses.append(client.post(url, data=data, environ_base=environ or {}).status_code)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return statuses


def test_concurrent_resends_of_one_form_store_one_answer(app, factory, db):
    rnd = factory.round()
    app.config["WTF_CSRF_ENABLED"] = False
    data = _form(app.test_client(), rnd)
    statuses = _race(app, 6, lambda _i: dict(data), f"/k/{rnd.slug}")
    assert statuses == [302] * 6
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Submission)) == 1


def test_organisations_answering_at_once_under_one_new_name_all_get_stored(app, factory, db):
    """Every request reads "no such organisation" before any inserts it (forced with a
    barrier on the INSERT), the race that lost 15 of 20 answers with a unique-key 500."""
    rnd = factory.round()
    app.config["WTF_CSRF_ENABLED"] = False
    n = 4
    barrier = threading.Barrier(n)

    def hold_inserts(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("INSERT INTO ORGANISATIONS"):
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=3)

    sa.event.listen(db.engine, "before_cursor_execute", hold_inserts)
    try:
        base = _form(app.test_client(), rnd, submission_key="")
        statuses = _race(
            app,
            n,
            lambda i: {**base, "submission_key": f"race-key-{i:02d}-abcdefghijklmn"},
            f"/k/{rnd.slug}",
        )
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", hold_inserts)
    assert statuses == [302] * n
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Submission)) == n
    assert db.session.scalars(sa.select(Organisation.name)).all() == ["Kempeleen Kisa ry"]


def test_public_form_is_rate_limited_per_address(app, client, factory, db):
    rnd = factory.round()
    app.config["PUBLIC_FORM_RATE_LIMIT"] = "3 per minute"
    one = {"REMOTE_ADDR": "192.0.2.1"}
    codes = [
        client.post(f"/k/{rnd.slug}", data=_form(client, rnd), environ_base=one).status_code
        for _ in range(4)
    ]
    assert codes == [302, 302, 302, 429]
    page = client.post(f"/k/{rnd.slug}", data=_form(client, rnd), environ_base=one)
    assert page.status_code == 429
    html = page.get_data(as_text=True)
    assert "odota minuutti" in html and "Liikuntapaikat esteettömiksi" in html  # kept
    other = client.post(
        f"/k/{rnd.slug}", data=_form(client, rnd), environ_base={"REMOTE_ADDR": "192.0.2.2"}
    )
    assert other.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Submission)) == 4


def test_public_form_is_rate_limited_per_link(app, client, factory, db):
    rnd, other_round = factory.round(), factory.round(title="Toinen")
    app.config["PUBLIC_FORM_LINK_RATE_LIMIT"] = "3 per minute"
    codes = [
        client.post(
            f"/k/{rnd.slug}", data=_form(client, rnd), environ_base={"REMOTE_ADDR": f"192.0.2.{i}"}
        ).status_code
        for i in range(4)
    ]
    assert codes == [302, 302, 302, 429]
    response = client.post(f"/k/{other_round.slug}", data=_form(client, other_round))
    assert response.status_code == 302


def test_a_public_answer_never_changes_the_shared_directory_but_proposes_a_change(
    client, factory, db, login
):
    from consult.organisations.models import OrganisationChange
    from consult.submissions.services import find_or_create_organisation

    org = find_or_create_organisation("Kempeleen Kisa ry")  # kind "other", no municipality
    db.session.commit()
    rnd = factory.round()
    response = client.post(
        f"/k/{rnd.slug}", data=_form(client, rnd, kind="sports", municipality="Kempele")
    )
    assert response.status_code == 302
    db.session.refresh(org)
    assert (org.kind, org.municipality) == ("other", "")
    change = db.session.scalar(sa.select(OrganisationChange))
    assert (change.organisation_id, change.kind, change.municipality) == (
        org.id,
        "sports",
        "Kempele",
    )

    login()
    page = client.get(f"/organisaatiot/{org.id}").get_data(as_text=True)
    assert "Ehdotetut muutokset" in page and "Kempele" in page
    g.pop("csrf_token", None)
    page = client.get(f"/organisaatiot/{org.id}").get_data(as_text=True)
    response = client.post(
        f"/organisaatiot/{org.id}/muutokset/{change.id}",
        data={"csrf_token": csrf_token(page), "action": "accept"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    org = db.session.get(Organisation, org.id)
    assert (org.kind, org.municipality) == ("sports", "Kempele")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OrganisationChange)) == 0


def test_a_convenor_dismisses_a_proposed_change(client, factory, db, login):
    from consult.organisations.models import OrganisationChange
    from consult.submissions.services import find_or_create_organisation

    org = find_or_create_organisation("Oulun Kisa ry", "sports", "Oulu")
    db.session.commit()
    rnd = factory.round()
    client.post(
        f"/k/{rnd.slug}",
        data=_form(client, rnd, organisation="oulun kisa RY", kind="youth", municipality="Kemi"),
    )
    change = db.session.scalar(sa.select(OrganisationChange))
    assert (change.kind, change.municipality) == ("youth", "Kemi")
    user = login()
    assert user
    g.pop("csrf_token", None)
    page = client.get(f"/organisaatiot/{org.id}").get_data(as_text=True)
    client.post(
        f"/organisaatiot/{org.id}/muutokset/{change.id}",
        data={"csrf_token": csrf_token(page), "action": "dismiss"},
    )
    db.session.expire_all()
    org = db.session.get(Organisation, org.id)
    assert (org.kind, org.municipality) == ("sports", "Oulu")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OrganisationChange)) == 0


@pytest.mark.parametrize(
    "url",
    ["/organisaatiot/?q=a%00b", "/k/{slug}?x=%00", "/k/a%00b", "/kierrokset/?q=%00"],
)
def test_nul_in_a_query_string_or_path_is_a_400_not_a_500(client, factory, login, url):
    rnd = factory.round()
    login()
    response = client.get(url.format(slug=rnd.slug))
    assert response.status_code == 400
