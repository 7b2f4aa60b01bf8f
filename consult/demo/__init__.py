"""Loading the demo round "Maakuntastrategia 2018" (data in :mod:`consult.demo.data`)."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from consult import clock
from consult.auth.models import User
from consult.demo.specs import Proposals, WorkshopSpec
from consult.extensions import db
from consult.rounds import services as rounds
from consult.rounds.models import Round
from consult.submissions import services as submissions
from consult.workshops import services as workshops

DEMO_EMAIL = "demo@consult.test"
DEMO_PASSWORD = "demo-convenor"  # noqa: S105 - exists only in demo data, printed by make run

# The last workshop is left open so that a newcomer can try the facilitator's page.
OPEN_WORKSHOPS = 1


def database_is_empty() -> bool:
    return db.session.scalar(sa.select(sa.func.count(Round.id))) == 0


def load_demo(*, today: date | None = None, analyse: bool = True) -> Round:
    """Create the demo convenor, round, workshops, submissions and first analyses.

    The round keeps its 2018 opening date but stays open for 90 days from loading, so the
    public form and edit links can be tried.
    """
    from consult.demo import data

    today = today or clock.today()
    user = db.session.scalar(sa.select(User).where(User.email == DEMO_EMAIL))
    if user is None:
        from consult.auth.services import create_user

        user = create_user(DEMO_EMAIL, DEMO_PASSWORD)
    spec = data.ROUND
    slug = spec.slug if rounds.get_round(spec.slug) is None else rounds.unique_slug(spec.title)
    closes_on = max(spec.closes_on, today + timedelta(days=90))
    rnd = rounds.create_round(
        title=spec.title,
        purpose=spec.purpose,
        instructions=_extend_deadline(spec.instructions, spec.closes_on, closes_on),
        opens_on=spec.opens_on,
        closes_on=closes_on,
        created_by_id=user.id,
        slug=slug,
    )
    question_ids = {
        q.key: rounds.add_question(rnd, text=q.text, help_text=q.help_text).id
        for q in data.QUESTIONS
    }
    for index, w in enumerate(data.WORKSHOPS):
        _add_workshop(rnd, w, question_ids, close=index < len(data.WORKSHOPS) - OPEN_WORKSHOPS)
    for s in data.SUBMISSIONS:
        submissions.create_independent_submission(
            rnd,
            today=max(rnd.opens_on, min(today, rnd.closes_on)),
            organisation=s.organisation,
            kind=s.kind,
            municipality=s.municipality,
            contact_name=s.contact_name or "",
            contact_email=s.contact_email or "",
            proposals=_by_question(s.proposals, question_ids),
        )
    from consult.demo.feedback import add_demo_feedback

    add_demo_feedback(rnd)
    db.session.flush()
    if analyse:
        from consult.themes.services import create_run, execute_run

        db.session.commit()
        for question_id in [None, *question_ids.values()]:
            run = create_run(rnd, question_id=question_id, user_id=user.id)
            db.session.commit()
            execute_run(run.id)
    return rnd


def _extend_deadline(instructions: str, original: date, extended: date) -> str:
    """The instructions name the deadline; keep them true to the extended one."""
    before = f"{original.day}.{original.month}.{original.year}"
    after = f"{extended.day}.{extended.month}.{extended.year}"
    return instructions.replace(f"perjantaihin {before}", after).replace(before, after)


def _by_question(proposals: Proposals, question_ids: dict[str, int]) -> dict[int, list[str]]:
    return {question_ids[key]: list(texts) for key, texts in proposals.items()}


def _add_workshop(
    rnd: Round, spec: WorkshopSpec, question_ids: dict[str, int], *, close: bool
) -> None:
    workshop = workshops.add_workshop(
        rnd,
        network=spec.network,
        date=spec.date,
        place=spec.place,
        facilitator=spec.facilitator,
    )
    for o in spec.organisations:
        submissions.find_or_create_organisation(o.name, o.kind, o.municipality)
    workshops.save_output(
        workshop,
        counts=spec.counts.as_dict(),
        organisations=[o.name for o in spec.organisations],
        proposals=_by_question(spec.proposals, question_ids),
        report=spec.report,
    )
    if close:
        workshops.close(workshop)
