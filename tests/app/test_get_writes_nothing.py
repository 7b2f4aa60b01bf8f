"""One unit of work per request: no GET page writes to the database.

Builds a round with workshops, an independent answer, an analysis, a selection of
highlights, feedback and an organisation through the pages, then requests every GET route
of the app (as a convenor, and the public and token pages as anyone) and counts the SQL
statements that change data. A GET that wrote would make reloading or prefetching a page
change state, and would break read replicas and caching proxies.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from consult.extensions import db as _db
from tests.conftest import csrf_token
from tests.seeds import seed_round

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


def _scalar(sql: str, **params):
    return _db.session.execute(sa.text(sql), params).scalar()


def _post(client, page: str, url: str, data: dict) -> None:
    token = csrf_token(client.get(page).get_data(as_text=True))
    response = client.post(url, data={**data, "csrf_token": token})
    assert response.status_code in (200, 302), (url, response.status_code)


def _build(app, client, factory, db, login) -> dict[str, object]:
    """A round with everything a convenor's pages show; returns the values for URL parts."""
    rnd = seed_round(factory, db)
    login()
    base = f"/kierrokset/{rnd.slug}"
    _post(client, f"{base}/analyysi", f"{base}/analyysi", {"question": "", "n_themes": ""})
    run_id = _scalar("SELECT max(id) FROM analysis_runs WHERE round_id = :r", r=rnd.id)
    assert _scalar("SELECT status FROM analysis_runs WHERE id = :i", i=run_id) == "done"
    overview = client.get(f"{base}/nostot").get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', overview)
    _post(
        client,
        f"{base}/nostot",
        f"{base}/nostot/aloita",
        {"run": str(run_id), "version": version[1] if version else "0", "replace": "y"},
    )
    highlight = _scalar("SELECT min(id) FROM selected_themes WHERE round_id = :r", r=rnd.id)
    assert highlight is not None, "the selection was not started"
    workshop_id = rnd.workshops[0].id
    from consult.workshops.services import workshop_token

    with app.test_request_context("/"):
        session_token = workshop_token(rnd.workshops[0])
    edit = _db.session.execute(
        sa.text("SELECT s.id FROM submissions s WHERE s.round_id = :r AND s.workshop_id IS NULL"),
        {"r": rnd.id},
    ).scalar()
    assert edit is not None
    return {
        "slug": rnd.slug,
        "run_id": run_id,
        "question_id": rnd.questions[0].id,
        "workshop_id": workshop_id,
        "highlight_id": highlight,
        "candidate_id": _scalar("SELECT min(id) FROM themes WHERE run_id = :i", i=run_id),
        "proposal_id": _scalar("SELECT min(id) FROM proposals"),
        "org_id": _scalar("SELECT min(id) FROM organisations"),
        "job_id": _scalar("SELECT min(id) FROM background_jobs"),
        "session_token": session_token,
    }


def _url(app, rule, values: dict[str, object]) -> str | None:
    """The URL of a GET rule filled with the round's values; None if a part is unknown."""
    endpoint = rule.endpoint
    args: dict[str, object] = {}
    for name in rule.arguments:
        if name == "theme_id":
            args[name] = values["highlight_id" if "curation" in endpoint else "candidate_id"]
        elif name == "token":
            if not endpoint.startswith("workshops"):
                return None  # edit and unsubscribe tokens are signed per person: not built here
            args[name] = values["session_token"]
        elif name == "kind":
            args[name] = "json" if "privacy" in endpoint else "pdf"
        elif name in values and values[name] is not None:
            args[name] = values[name]
        else:
            return None
    with app.test_request_context("/"):
        from flask import url_for

        return url_for(endpoint, **args)


@pytest.mark.slow
def test_no_get_route_writes(app, client, factory, db, login):
    values = _build(app, client, factory, db, login)
    writes: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _many):
        if WRITE.match(statement):
            writes.append(statement.split("\n")[0][:120])

    visited: dict[str, int] = {}
    sa.event.listen(_db.engine, "before_cursor_execute", record)
    try:
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint == "static":
                continue
            url = _url(app, rule, values)
            if url is None:
                continue
            before = len(writes)
            response = client.get(url)
            visited[url] = response.status_code
            assert len(writes) == before, (url, writes[before:])
        # The detector sees writes: a POST that saves does show up.
        base = f"/kierrokset/{values['slug']}"
        _post(client, f"{base}/analyysi", f"{base}/analyysi", {"question": "", "n_themes": ""})
        assert any(w.upper().startswith("INSERT") for w in writes), writes
    finally:
        sa.event.remove(_db.engine, "before_cursor_execute", record)
    # The walk reached the pages that matter, and they answered.
    ok = [u for u, status in visited.items() if status == 200]
    assert len(ok) >= 40, sorted(visited.items())
    for must in (
        f"/kierrokset/{values['slug']}",
        f"/kierrokset/{values['slug']}/nostot",
        f"/kierrokset/{values['slug']}/ehdotukset",
        f"/tyopaja/{values['session_token']}",
    ):
        assert any(u.endswith(must) for u in ok), (must, sorted(visited.items()))
    assert not [u for u, status in visited.items() if status >= 500], visited
