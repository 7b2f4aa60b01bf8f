"""A curated, routed round for the results, summary-of-views and privacy tests."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import current_app

from consult.curation import queries as cq
from consult.curation import routing
from consult.curation import services as cur
from consult.submissions import services as submissions
from consult.themes.models import AnalysisRun
from consult.themes.services import create_run, execute_run
from tests.seeds import SPACES, seed_round

CONTACT_NAME = "Tuulikki Testinen-Yhteyshenkilö"
CONTACT_EMAIL = "tuulikki.testinen@yhteys.example"
CONSENTING_ORG = "Oulun Lainattavat ry"
NOTE = "Näkyy hyvinvointikertomuksen luvussa 4 järjestöyhteistyön tavoitteena."
LONG_ROUTE = "Hyvinvointisuunnitelma"


def curated_round(factory, db):
    """Seeded round plus a consenting organisation with a contact; analysed and curated,
    the first highlight routed to another document with a date and a note."""
    rnd = seed_round(factory, db)
    submission, _token = submissions.create_independent_submission(
        rnd,
        today=rnd.opens_on,
        organisation=CONSENTING_ORG,
        kind="village",
        municipality="Oulu",
        contact_name=CONTACT_NAME,
        contact_email=CONTACT_EMAIL,
        proposals={rnd.questions[0].id: [SPACES[0] + " iltaisin", SPACES[2] + " kylissä"]},
    )
    submission.quote_consent = True
    db.session.commit()
    run = create_run(rnd, question_id=None, user_id=None)
    db.session.commit()
    execute_run(run.id)
    run = db.session.get(AnalysisRun, run.id)
    assert run.status == "done", run.error
    with current_app.test_request_context():  # change descriptions are in the UI language
        cur.start_from_run(rnd, run, user_id=None, version=0)
        db.session.commit()
        first = cq.themes(rnd)[0]
        routing.set_follow_up(
            rnd,
            first.id,
            route="other",
            route_other=LONG_ROUTE,
            status="partly_included",
            status_date=date(2019, 3, 12),
            status_note=NOTE,
            user_id=None,
            version=cq.version(rnd),
        )
        db.session.commit()
    return rnd


def proposal_sources(db, rnd):
    """Proposal text -> (workshop network or None, organisation name or None, consent)."""
    from consult.organisations.models import Organisation
    from consult.submissions.models import Proposal, Submission
    from consult.workshops.models import Workshop

    rows = db.session.execute(
        sa.select(Proposal.text, Workshop.network, Organisation.name, Submission.quote_consent)
        .join(Submission, Submission.id == Proposal.submission_id)
        .outerjoin(Workshop, Workshop.id == Submission.workshop_id)
        .outerjoin(Organisation, Organisation.id == Submission.organisation_id)
        .where(Submission.round_id == rnd.id)
    )
    return {text: (network, org, consent) for text, network, org, consent in rows}
