"""The read-only API and the demo round."""

from __future__ import annotations

import sqlalchemy as sa

from consult.auth.services import create_api_token
from consult.demo import DEMO_EMAIL, DEMO_PASSWORD, load_demo
from consult.submissions.models import Proposal


def _token(db, factory):
    factory.user("api@example.fi")
    token = create_api_token("api@example.fi")
    db.session.commit()
    return {"Authorization": f"Bearer {token}"}


def test_api_requires_a_valid_bearer_token(client, factory, db):
    headers = _token(db, factory)
    assert client.get("/api/v1/rounds").status_code == 401
    assert client.get("/api/v1/rounds", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert (
        client.get(
            "/api/v1/rounds",
            headers={"Authorization": headers["Authorization"].replace("Bearer", "Basic")},
        ).status_code
        == 401
    )
    assert client.get("/api/v1/rounds/missing/participation", headers=headers).status_code == 404


def test_demo_round_through_the_api(client, factory, db):
    rnd = load_demo(analyse=False)
    db.session.commit()
    headers = _token(db, factory)
    rounds = client.get("/api/v1/rounds", headers=headers).json["rounds"]
    assert [r["slug"] for r in rounds] == ["maakuntastrategia-2018"]
    assert rounds[0]["workshops"] == 13 and rounds[0]["participants"] == 158
    body = client.get("/api/v1/rounds/maakuntastrategia-2018/participation", headers=headers).json
    assert len(body["workshops"]) == 13
    assert body["total"] == 158 == sum(w["participants"] for w in body["workshops"])
    assert body["workshops"][0] == {
        "date": "2018-08-29",
        "network": "Ikäihmisten elämänkaariverkosto/Oulu",
        "participants": 12,
    }
    assert body["independent_submissions"] >= 3
    assert body["organisations"] >= 10
    proposals = db.session.scalar(sa.select(sa.func.count(Proposal.id)))
    assert proposals >= 200
    for question in rnd.questions:
        assert (
            db.session.scalar(
                sa.select(sa.func.count(Proposal.id)).where(Proposal.question_id == question.id)
            )
            >= 50
        )
    assert client.get("/api/v1/rounds/maakuntastrategia-2018/themes", headers=headers).json == {
        "analysis": None,
        "themes": [],
    }


def test_demo_analysis_and_login(client, db, factory):
    load_demo()
    db.session.commit()
    headers = _token(db, factory)
    body = client.get("/api/v1/rounds/maakuntastrategia-2018/themes", headers=headers).json
    assert body["analysis"]["proposals"] > 0
    assert 3 <= len([t for t in body["themes"] if not t["other"]]) <= 20
    assert all(t["keywords"] for t in body["themes"])
    from tests.conftest import csrf_token

    token = csrf_token(client.get("/kirjaudu").get_data(as_text=True))
    response = client.post(
        "/kirjaudu", data={"email": DEMO_EMAIL, "password": DEMO_PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    assert "Maakuntastrategia 2018" in client.get("/kierrokset/").get_data(as_text=True)
