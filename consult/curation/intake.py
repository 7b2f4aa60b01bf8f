"""Taking a new analysis run's proposals into the curated selection.

After new proposals arrive and the round is analysed again, the convenor's selection
(titles, statements, routes, follow-up) stays as it is: every proposal not yet in a
selected theme joins the selected theme that holds most of its new run theme's earlier
proposals. A run theme with no proposal in the selection (a new theme) becomes a new
selected theme with the engine's suggested title and statement. "Muut" stays unassigned,
for the convenor's review list. One change in the history, so it can be undone.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import sqlalchemy as sa

from consult.curation.errors import NotInSelection
from consult.curation.history import change, themes
from consult.curation.models import Highlight, HighlightProposal
from consult.curation.services import add_candidate, highlight
from consult.extensions import db
from consult.rounds.models import Round
from consult.themes.models import AnalysisRun


def plan(rnd: Round, run: AnalysisRun) -> tuple[dict[int, list[int]], list[tuple[Any, list[int]]]]:
    """What an intake would do: ``({selected theme id: [proposal ids]}, [(run theme, ids)])``."""
    owner = dict(
        db.session.execute(
            sa.select(HighlightProposal.proposal_id, HighlightProposal.theme_id)
            .join(Highlight, Highlight.id == HighlightProposal.theme_id)
            .where(Highlight.round_id == rnd.id)
        ).all()
    )
    joins: dict[int, list[int]] = {}
    new_themes: list[tuple[Any, list[int]]] = []
    for theme in run.themes:
        if theme.is_other:
            continue
        ids = [m.proposal_id for m in theme.members]
        fresh = [pid for pid in ids if pid not in owner]
        if not fresh:
            continue
        votes = Counter(owner[pid] for pid in ids if pid in owner)
        if votes:
            target = min(votes, key=lambda tid: (-votes[tid], tid))
            joins.setdefault(target, []).extend(fresh)
        else:
            new_themes.append((theme, fresh))
    return joins, new_themes


def take_in_run(rnd: Round, run: AnalysisRun, *, user_id: int | None, version: int) -> int:
    """Add the run's proposals that are in no selected theme; returns how many were added.

    Raises:
        NotInSelection: the run is not a finished run of this round.
        StaleSelection: ``version`` is not the selection's current version.
    """
    if run.round_id != rnd.id or run.status != "done":
        raise NotInSelection()
    with change(rnd, user_id=user_id, version=version) as ch:
        joins, new_themes = plan(rnd, run)
        added = 0
        for theme_id, ids in joins.items():
            target = highlight(rnd, theme_id)
            target.members.extend(HighlightProposal(proposal_id=pid) for pid in ids)
            added += len(ids)
        position = len(themes(rnd))
        for candidate, ids in new_themes:
            position += 1
            add_candidate(rnd, candidate, position, ids)
            added += len(ids)
        db.session.flush()
        ch.record("intake", n=added, new=len(new_themes))
    return added
