"""The search lemmas each proposal keeps (``Proposal.search_text``), kept up to date here.

Each proposal stores its lemmas (from the engine's ``analysis.normalise``) as one string
``" lemma lemma ... "``: computed whenever a proposal's text is saved through the ORM, and
afterwards for bulk imports (:func:`fill_missing`). The search itself is
``consult.proposals.search``.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import event

from consult.submissions.models import Proposal


def lemma_strings(texts: list[str]) -> list[str]:
    """The stored search string of each text."""
    from analysis import normalise

    return [" " + " ".join(dict.fromkeys(tokens)) + " " for tokens in normalise(texts)]


@event.listens_for(Proposal, "before_insert")
def _lemmas_on_insert(mapper, connection, target: Proposal) -> None:  # noqa: ARG001
    if target.search_text is None and target.text is not None:
        target.search_text = lemma_strings([target.text])[0]


@event.listens_for(Proposal, "before_update")
def _lemmas_on_update(mapper, connection, target: Proposal) -> None:  # noqa: ARG001
    if sa.inspect(target).attrs.text.history.has_changes():
        target.search_text = lemma_strings([target.text])[0]


def fill_missing(
    round_id: int | None = None, batch: int = 500, report=None, commit: bool = False
) -> int:
    """Compute the lemmas of proposals that have none (after a bulk import).

    Flushes only, unless ``commit`` (background tasks): then each batch is committed, so
    that a long run never holds the database's write lock for long.

    Returns:
        How many proposals got their lemmas.
    """
    from consult.extensions import db
    from consult.submissions.models import Submission

    done = 0
    base = sa.select(Proposal.id, Proposal.text).where(Proposal.search_text.is_(None))
    if round_id is not None:
        base = base.join(Submission, Submission.id == Proposal.submission_id).where(
            Submission.round_id == round_id
        )
    total = db.session.scalar(sa.select(sa.func.count()).select_from(base.subquery())) or 0
    last = 0
    while True:
        rows = db.session.execute(
            base.where(Proposal.id > last).order_by(Proposal.id).limit(batch)
        ).all()
        if not rows:
            return done
        strings = lemma_strings([r.text for r in rows])
        db.session.execute(
            sa.update(Proposal.__table__)
            .where(Proposal.__table__.c.id == sa.bindparam("pid"))
            .values(search_text=sa.bindparam("lemmas")),
            [{"pid": r.id, "lemmas": s} for r, s in zip(rows, strings, strict=True)],
        )
        if commit:
            db.session.commit()
        done += len(rows)
        last = rows[-1].id
        if report is not None and total:
            report(done, total)
