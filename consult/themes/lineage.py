"""Which theme of the previous run each new theme continues (after new proposals arrived).

A new theme T and an earlier theme P are linked when they share proposals: at least
``LINK_SHARE`` of T's earlier proposals came from P *and* at least ``LINK_SHARE`` of P's
proposals still analysed went to T. A theme made only of new proposals is linked to the
earlier theme with the most similar centre (embedding mean), if that is clearly the
nearest. Then each new theme is:

- ``uusi``: no predecessor;
- ``yhdistynyt``: two or more predecessors (earlier themes merged);
- ``jakautunut``: its one predecessor is linked to two or more new themes (a split);
- ``kasvanut``: one to one, with more proposals than before;
- ``ennallaan``: one to one, no more proposals than before.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import sqlalchemy as sa

from consult.extensions import db
from consult.themes.models import AnalysisRun, CandidateTheme, CandidateThemeProposal

# 0.3: a theme re-found after 10 % more proposals keeps 70-95 % of its members together
# (bench --stability: ARI 0.85+ between runs), while a split or merge leaves each side at
# least a third; a share below 0.3 is the usual drift of border proposals, not lineage.
LINK_SHARE = 0.3
# A theme of new proposals only continues an earlier theme if its centre is this much
# closer to that theme than to the second nearest (e5 cosines of one question's theme
# centres lie within ~0.05 of each other, so the margin must be small but real).
CENTROID_MARGIN = 0.02

LINEAGES = ("uusi", "kasvanut", "ennallaan", "yhdistynyt", "jakautunut")


def previous_run(run: AnalysisRun) -> AnalysisRun | None:
    """The latest finished run before ``run`` over the same proposals (round and question)."""
    stmt = (
        sa.select(AnalysisRun)
        .where(
            AnalysisRun.round_id == run.round_id,
            AnalysisRun.status == "done",
            AnalysisRun.id < run.id,
        )
        .order_by(AnalysisRun.id.desc())
    )
    if run.question_id is None:
        stmt = stmt.where(AnalysisRun.question_id.is_(None))
    else:
        stmt = stmt.where(AnalysisRun.question_id == run.question_id)
    for candidate in db.session.scalars(stmt.limit(5)):
        if bool(candidate.settings.get("per_question", True)) == bool(
            run.settings.get("per_question", True)
        ):
            return candidate
    return None


def _members(run: AnalysisRun) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    rows = db.session.execute(
        sa.select(CandidateThemeProposal.theme_id, CandidateThemeProposal.proposal_id)
        .join(CandidateTheme, CandidateTheme.id == CandidateThemeProposal.theme_id)
        .where(CandidateTheme.run_id == run.id, CandidateTheme.is_other.is_(False))
    )
    for theme_id, proposal_id in rows:
        out.setdefault(theme_id, set()).add(proposal_id)
    return out


def match(
    old: dict[int, set[int]],
    new: dict[int, set[int]],
    centre_of=None,
) -> dict[int, tuple[str, list[int]]]:
    """Lineage of each new theme: ``{new id: (lineage, [predecessor ids])}``.

    ``centre_of(theme id) -> unit vector or None`` gives theme centres for themes of new
    proposals only (optional).
    """
    old_all = set().union(*old.values()) if old else set()
    new_all = set().union(*new.values()) if new else set()
    links: dict[int, list[int]] = {t: [] for t in new}
    for t, t_members in new.items():
        carried = t_members & old_all
        if not carried:
            continue
        for p, p_members in old.items():
            both = len(t_members & p_members)
            if not both:
                continue
            still = len(p_members & new_all) or 1
            if both / len(carried) >= LINK_SHARE and both / still >= LINK_SHARE:
                links[t].append(p)
    if centre_of is not None:
        olds = [(p, centre_of(p)) for p in old]
        olds = [(p, c) for p, c in olds if c is not None]
        for t, preds in links.items():
            if preds or (new[t] & old_all) or len(olds) < 2:
                continue
            c = centre_of(t)
            if c is None:
                continue
            sims = sorted(((float(c @ oc), p) for p, oc in olds), reverse=True)
            if sims[0][0] - sims[1][0] >= CENTROID_MARGIN:
                links[t].append(sims[0][1])
    fan_out = Counter(p for preds in links.values() for p in preds)
    out: dict[int, tuple[str, list[int]]] = {}
    for t, preds in links.items():
        if not preds:
            out[t] = ("uusi", [])
        elif len(preds) > 1:
            out[t] = ("yhdistynyt", sorted(preds))
        elif fan_out[preds[0]] > 1:
            out[t] = ("jakautunut", preds)
        else:
            grew = len(new[t]) > len(old[preds[0]])
            out[t] = ("kasvanut" if grew else "ennallaan", preds)
    return out


def link_to_previous_run(
    run: AnalysisRun, vectors: np.ndarray | None, proposal_ids: list[int]
) -> AnalysisRun | None:
    """Set ``lineage`` and ``predecessor_ids`` on the run's themes; returns the earlier run."""
    before = previous_run(run)
    if before is None:
        return None
    old, new = _members(before), _members(run)
    centre_of = None
    if vectors is not None:
        row = {pid: i for i, pid in enumerate(proposal_ids)}
        groups = {**{t: m for t, m in old.items()}, **{t: m for t, m in new.items()}}

        def centre_of(theme_id: int):
            rows = [row[p] for p in groups.get(theme_id, ()) if p in row]
            if not rows:
                return None
            c = vectors[rows].mean(axis=0)
            norm = float(np.linalg.norm(c))
            return c / norm if norm > 0 else None

    result = match(old, new, centre_of)
    for theme in run.themes:
        if theme.id in result:
            theme.lineage, preds = result[theme.id]
            theme.predecessor_ids = preds or None
    db.session.flush()
    return before
