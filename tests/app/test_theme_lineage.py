"""Lineage of themes across runs (pure matching) and the run page's new parts."""

from __future__ import annotations

import sqlalchemy as sa

from consult.curation.models import Curation
from consult.submissions.models import Proposal
from consult.themes.lineage import match
from consult.themes.models import AnalysisRun
from tests.conftest import csrf_token
from tests.seeds import ACCESS, add_independent, seed_round


def test_lineage_new_grown_unchanged_merged_split():
    old = {
        1: {1, 2, 3, 4},  # grows into 10
        2: {5, 6, 7, 8},  # splits into 11 and 12
        3: {9, 10, 11},  # merges with 4 into 13
        4: {12, 13, 14},
        5: {15, 16, 17},  # stays as 15
    }
    new = {
        10: {1, 2, 3, 4, 100, 101},
        11: {5, 6},
        12: {7, 8, 102},
        13: {9, 10, 11, 12, 13, 14},
        14: {200, 201, 202},  # only new proposals
        15: {15, 16, 17},
    }
    result = match(old, new)
    assert result[10] == ("kasvanut", [1])
    assert result[11] == ("jakautunut", [2]) and result[12] == ("jakautunut", [2])
    assert result[13] == ("yhdistynyt", [3, 4])
    assert result[14] == ("uusi", [])
    assert result[15] == ("ennallaan", [5])


def test_border_drift_is_not_lineage():
    # One proposal of 10 drifting to another theme does not make that theme its successor.
    old = {1: set(range(10)), 2: set(range(10, 20))}
    new = {5: set(range(9)), 6: set(range(10, 20)) | {9}}
    result = match(old, new)
    assert result[5] == ("ennallaan", [1])
    assert result[6] == ("kasvanut", [2])


def _analyse(client, rnd):
    url = f"/kierrokset/{rnd.slug}/analyysi"
    token = csrf_token(client.get(url).get_data(as_text=True))
    response = client.post(url, data={"question": "", "n_themes": "", "csrf_token": token})
    assert response.status_code == 302
    return response.headers["Location"]


def test_rerun_keeps_lineage_and_intake_keeps_the_convenors_work(client, login, factory, db):
    from consult.curation import services as curation
    from consult.curation.models import Highlight, HighlightProposal

    rnd = seed_round(factory, db)
    login()
    _analyse(client, rnd)
    first = db.session.scalar(sa.select(AnalysisRun).order_by(AnalysisRun.id))
    assert first.status == "done" and first.settings["lemmatiser"] in ("libvoikko", "pyvoikko")
    assert all(t.lineage == "" for t in first.themes)  # nothing earlier to compare with
    assert all(t.statement for t in first.themes if not t.is_other)
    curation.start_from_run(rnd, first, user_id=None, version=0)
    selected = db.session.scalars(sa.select(Highlight).order_by(Highlight.id)).all()
    assert selected[0].statement  # the engine's suggested statement, editable
    selected[0].title, selected[0].route = "Oma otsikko", "budget"
    db.session.commit()

    add_independent(rnd, "Uusi seura ry", ["Viittomakielinen tulkkaus kaikkiin tilaisuuksiin"])
    db.session.commit()
    location = _analyse(client, rnd)
    second = db.session.scalar(sa.select(AnalysisRun).order_by(AnalysisRun.id.desc()))
    assert second.settings["predecessor_run_id"] == first.id
    lineages = [t.lineage for t in second.themes if not t.is_other]
    assert set(lineages) <= {"uusi", "kasvanut", "ennallaan", "yhdistynyt", "jakautunut"}
    assert "kasvanut" in lineages  # the theme that got the new proposal grew
    page = client.get(location).get_data(as_text=True)
    assert "kasvanut" in page and "siluettiarvo" not in page.split("<details")[0]
    assert "Ota uudet ehdotukset nostoihin" in page

    token = csrf_token(page)
    version = db.session.scalar(sa.select(Curation.version))
    response = client.post(
        f"/kierrokset/{rnd.slug}/analyysi/{second.id}/ota-nostoihin",
        data={"csrf_token": token, "version": version},
    )
    assert response.status_code == 302
    db.session.expire_all()
    kept = db.session.get(Highlight, selected[0].id)
    assert (kept.title, kept.route) == ("Oma otsikko", "budget")
    new_id = db.session.scalar(
        sa.select(Proposal.id).where(
            Proposal.text == "Viittomakielinen tulkkaus kaikkiin tilaisuuksiin"
        )
    )
    owner = db.session.scalar(
        sa.select(HighlightProposal.theme_id).where(HighlightProposal.proposal_id == new_id)
    )
    access = db.session.scalar(
        sa.select(HighlightProposal.theme_id)
        .join(Proposal, Proposal.id == HighlightProposal.proposal_id)
        .where(Proposal.text == ACCESS[0])
    )
    assert owner is not None and owner == access  # joined its theme's highlight


def test_muut_review_lists_far_proposals_with_a_suggestion(client, login, factory, db):
    rnd = seed_round(factory, db)
    add_independent(rnd, "Outo seura ry", ["Kuu on juustoa ja tähdet sokeria"])
    db.session.commit()
    login()
    location = _analyse(client, rnd)
    run = db.session.scalar(sa.select(AnalysisRun))
    other = [t for t in run.themes if t.is_other]
    page = client.get(location).get_data(as_text=True)
    if other:  # shown with its size, each proposal with the nearest theme suggested
        assert f"Muut: {other[0].n_proposals}" in page
        assert all(m.suggested_theme_id for m in other[0].members)
    total = sum(t.n_proposals for t in run.themes)
    assert total == 16  # nobody dropped
