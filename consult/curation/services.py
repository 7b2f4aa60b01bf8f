"""Editing a round's highlights: start from a run, edit, merge, split, move, delete.

Every operation runs inside :func:`consult.curation.history.change`, which refuses a stale
version and records the change so that it can be undone. Services flush; the view commits.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import sqlalchemy as sa

import analysis
from analysis import similarity
from consult.curation.errors import (
    CurationError,
    NeedsConfirmation,
    NothingToUndo,
    NotInSelection,
    StaleSelection,
)
from consult.curation.history import change, ensure_curation, snapshot, themes, undo
from consult.curation.models import Highlight, HighlightProposal
from consult.errors import ErrorCode
from consult.extensions import db
from consult.rounds.models import Round
from consult.submissions.models import Proposal, Submission
from consult.themes.embeddings import embeddings_for
from consult.themes.models import AnalysisRun
from consult.themes.services import DEFAULT_COMMON_WORDS

__all__ = [
    "CurationError",
    "NeedsConfirmation",
    "NotInSelection",
    "NothingToUndo",
    "StaleSelection",
    "snapshot",
    "undo",
]


def highlight(rnd: Round, theme_id: int) -> Highlight:
    """The round's highlight of this id, or :class:`NotInSelection`."""
    theme = db.session.get(Highlight, theme_id)
    if theme is None or theme.round_id != rnd.id:
        raise NotInSelection()
    return theme


def chosen(rnd: Round, theme_ids: list[int], *, minimum: int) -> list[Highlight]:
    """The round's highlights of these ids in their order; refuse too few."""
    picked = sorted({highlight(rnd, i) for i in theme_ids}, key=lambda t: (t.position, t.id))
    if len(picked) < minimum:
        raise CurationError(ErrorCode.NONE_TICKED)
    return picked


def _renumber(ordered: list[Highlight]) -> None:
    for position, theme in enumerate(ordered, start=1):
        theme.position = position


def _keywords(texts: list[str], n: int = 8) -> list[str]:
    counts = Counter(
        t for toks in similarity.tokens(texts, DEFAULT_COMMON_WORDS) for t in set(toks)
    )
    return [word for word, _ in counts.most_common(n)]


def add_candidate(rnd: Round, candidate: Any, position: int, proposal_ids: list[int]) -> None:
    """Add a run's candidate theme as a highlight at ``position`` with these proposals."""
    theme = Highlight(
        round_id=rnd.id,
        position=position,
        title=candidate.title,
        statement=candidate.statement or "",
        keywords=list(candidate.keywords or []),
    )
    theme.members = [HighlightProposal(proposal_id=pid) for pid in proposal_ids]
    db.session.add(theme)


# --- starting --------------------------------------------------------------------------


def start_from_run(
    rnd: Round, run: AnalysisRun, *, user_id: int | None, version: int, replace: bool = False
) -> None:
    """Copy a run's candidate themes into the round's selection.

    The "Muut" theme's proposals stay unassigned. Starting again replaces the selection
    (only with ``replace``) and can be undone.

    Raises:
        NeedsConfirmation: a selection exists and ``replace`` is false.
        StaleSelection: ``version`` is not the selection's current version.
    """
    if run.round_id != rnd.id or run.status != "done":
        raise NotInSelection()
    ensure_curation(rnd, version)
    if themes(rnd) and not replace:
        raise NeedsConfirmation()
    with change(rnd, user_id=user_id, version=version) as ch:
        for theme in themes(rnd):
            db.session.delete(theme)
        db.session.flush()
        candidates = [t for t in run.themes if not t.is_other]
        for position, candidate in enumerate(candidates, start=1):
            add_candidate(rnd, candidate, position, [m.proposal_id for m in candidate.members])
        ch.curation.source_run_id = run.id
        when = run.finished_at or run.created_at
        ch.record("start", when=when.isoformat(), n=len(candidates))


# --- editing highlights ----------------------------------------------------------------


def edit_theme(
    rnd: Round,
    theme_id: int,
    *,
    title: str,
    statement: str,
    keywords: list[str],
    user_id: int | None,
    version: int,
) -> None:
    """Rename a highlight, write its statement and correct its keywords."""
    with change(rnd, user_id=user_id, version=version) as ch:
        theme = highlight(rnd, theme_id)
        theme.title, theme.statement, theme.keywords = title.strip(), statement.strip(), keywords
        ch.record("edit", title=theme.title)


def merge(rnd: Round, theme_ids: list[int], *, user_id: int | None, version: int) -> None:
    """Merge highlights into the first of them (by position); the others are removed."""
    with change(rnd, user_id=user_id, version=version) as ch:
        picked = chosen(rnd, theme_ids, minimum=0)
        if len(picked) < 2:
            raise CurationError(ErrorCode.MERGE_TOO_FEW)
        target, others = picked[0], picked[1:]
        for other in others:
            target.members.extend(_take(other, {m.proposal_id for m in other.members}))
            if not target.statement and other.statement:
                target.statement = other.statement
            target.keywords = list(dict.fromkeys([*target.keywords, *other.keywords]))[:15]
            db.session.delete(other)
        db.session.flush()
        _renumber(themes(rnd))
        ch.record("merge", titles=[t.title for t in others], title=target.title)


def _insert_after(rnd: Round, source: Highlight, new: list[Highlight]) -> None:
    ordered = themes(rnd)
    index = ordered.index(source)
    for theme in new:
        theme.round_id = rnd.id
        db.session.add(theme)
    _renumber([*ordered[: index + 1], *new, *ordered[index + 1 :]])
    db.session.flush()


def _take(theme: Highlight, proposal_ids: set[int]) -> list[HighlightProposal]:
    """Remove members from a highlight and return fresh copies to put elsewhere."""
    taken = [m for m in theme.members if m.proposal_id in proposal_ids]
    for member in taken:
        theme.members.remove(member)
    db.session.flush()
    return [HighlightProposal(proposal_id=m.proposal_id, quotable=m.quotable) for m in taken]


def split_pick(
    rnd: Round,
    theme_id: int,
    proposal_ids: list[int],
    *,
    title: str,
    user_id: int | None,
    version: int,
) -> Highlight:
    """Move the picked proposals of a highlight into a new one placed right after it."""
    with change(rnd, user_id=user_id, version=version) as ch:
        source = highlight(rnd, theme_id)
        member_ids = {m.proposal_id for m in source.members}
        picked = set(proposal_ids)
        if not picked or not picked <= member_ids:
            raise CurationError(ErrorCode.SPLIT_PICK)
        if picked == member_ids:
            raise CurationError(ErrorCode.SPLIT_KEEP_ONE)
        texts = [m.proposal.text for m in source.members if m.proposal_id in picked]
        keywords = _keywords(texts)
        new = Highlight(title=(title.strip() or " ".join(keywords[:3]) or source.title)[:200])
        new.keywords = keywords
        new.members = _take(source, picked)
        _insert_after(rnd, source, [new])
        ch.record("split", n=len(picked), source=source.title, title=new.title)
    return new


def recluster(
    rnd: Round, theme_id: int, *, n_themes: int | None, user_id: int | None, version: int
) -> list[Highlight]:
    """Re-group one highlight's proposals with the analysis engine into two or more.

    The highlight keeps its title, statement and largest group (and any proposals the
    engine leaves ungrouped); the other groups become new highlights right after it.
    """
    with change(rnd, user_id=user_id, version=version) as ch:
        source = highlight(rnd, theme_id)
        members = list(source.members)
        if len(members) < 4:
            raise CurationError(ErrorCode.RECLUSTER_TOO_SMALL)
        ids = [m.proposal_id for m in members]
        texts = [m.proposal.text for m in members]
        vectors = embeddings_for(ids, texts)  # stored ones loaded, any missing computed once
        finder = analysis.ThemeFinder(
            n_themes=n_themes,
            common_words=DEFAULT_COMMON_WORDS,
            use_embeddings="auto" if vectors is not None else False,
            random_state=0,
        ).fit(texts, embeddings=vectors)
        groups = sorted((t for t in finder.themes_ if t.label != -1), key=lambda t: -t.size)
        if len(groups) < 2:
            raise CurationError(ErrorCode.RECLUSTER_NO_GROUPS)
        new = []
        for group in groups[1:]:
            theme = Highlight(title=group.title[:200], keywords=list(group.keywords))
            theme.members = _take(source, {ids[i] for i in group.members})
            new.append(theme)
        _insert_after(rnd, source, new)
        ch.record("recluster", source=source.title, n=len(groups))
    return new


def move_proposals(
    rnd: Round,
    proposal_ids: list[int],
    target_id: int | None,
    *,
    user_id: int | None,
    version: int,
    action: str = "move",
) -> None:
    """Move proposals of the round to a highlight, or out of every one (``target_id`` None)."""
    with change(rnd, user_id=user_id, version=version) as ch:
        _move(rnd, {pid: target_id for pid in proposal_ids})
        if action == "assign":
            ch.record("assign", n=len(proposal_ids))
        elif target_id is None:
            ch.record("unassign", n=len(proposal_ids))
        else:
            ch.record("move", n=len(proposal_ids), title=highlight(rnd, target_id).title)


def assign_many(
    rnd: Round, assignments: dict[int, int], *, user_id: int | None, version: int
) -> None:
    """Put unassigned proposals into highlights (proposal id → highlight id), as one change."""
    if not assignments:
        raise CurationError(ErrorCode.NO_SUGGESTIONS)
    with change(rnd, user_id=user_id, version=version) as ch:
        _move(rnd, dict(assignments))
        ch.record("assign", n=len(assignments))


def _move(rnd: Round, moves: dict[int, int | None]) -> None:
    round_proposals = set(
        db.session.scalars(
            sa.select(Proposal.id)
            .join(Submission, Submission.id == Proposal.submission_id)
            .where(Submission.round_id == rnd.id, Proposal.id.in_(list(moves)))
        )
    )
    if not moves or round_proposals != set(moves):
        raise NotInSelection()
    targets = {tid: highlight(rnd, tid) for tid in set(moves.values()) if tid is not None}
    current = {
        m.proposal_id: m
        for m in db.session.scalars(
            sa.select(HighlightProposal).where(HighlightProposal.proposal_id.in_(list(moves)))
        )
    }
    quotable = {pid: m.quotable for pid, m in current.items()}
    for member in current.values():
        member.theme.members.remove(member)
    db.session.flush()
    for pid, tid in moves.items():
        if tid is not None:
            targets[tid].members.append(
                HighlightProposal(proposal_id=pid, quotable=quotable.get(pid, False))
            )
    db.session.flush()


def set_quotable(
    rnd: Round,
    theme_id: int,
    proposal_id: int,
    quotable: bool,
    *,
    user_id: int | None,
    version: int,
) -> None:
    """Mark (or unmark) a proposal as a quotable example of its highlight."""
    with change(rnd, user_id=user_id, version=version) as ch:
        theme = highlight(rnd, theme_id)
        member = next((m for m in theme.members if m.proposal_id == proposal_id), None)
        if member is None:
            raise NotInSelection()
        member.quotable = quotable
        ch.record("quotable" if quotable else "not_quotable", title=theme.title)


def reorder(rnd: Round, theme_id: int, step: int, *, user_id: int | None, version: int) -> None:
    """Move a highlight one place up (``step`` -1) or down (+1)."""
    with change(rnd, user_id=user_id, version=version) as ch:
        ordered = themes(rnd)
        theme = highlight(rnd, theme_id)
        index = ordered.index(theme)
        other = index + (1 if step > 0 else -1)
        if not 0 <= other < len(ordered):
            raise CurationError(ErrorCode.ALREADY_AT_END)
        ordered[index], ordered[other] = ordered[other], ordered[index]
        _renumber(ordered)
        ch.record("reorder", title=theme.title, position=theme.position)


def add_theme(
    rnd: Round, *, title: str, statement: str, user_id: int | None, version: int
) -> Highlight:
    """Add a highlight by hand at the end of the list."""
    ensure_curation(rnd, version)
    with change(rnd, user_id=user_id, version=version) as ch:
        theme = Highlight(
            round_id=rnd.id, title=title.strip(), statement=statement.strip(), keywords=[]
        )
        theme.position = len(themes(rnd)) + 1
        db.session.add(theme)
        db.session.flush()
        ch.record("add", title=theme.title)
    return theme


def delete_theme(rnd: Round, theme_id: int, *, user_id: int | None, version: int) -> None:
    """Delete a highlight; its proposals (if any) move outside the highlights."""
    delete_themes(rnd, [theme_id], user_id=user_id, version=version)


def delete_themes(rnd: Round, theme_ids: list[int], *, user_id: int | None, version: int) -> None:
    """Delete highlights as one change; their proposals move outside the highlights.

    Raises:
        CurationError: no highlight was chosen.
        NotInSelection: a highlight is not in the round's selection.
    """
    with change(rnd, user_id=user_id, version=version) as ch:
        picked = chosen(rnd, theme_ids, minimum=1)
        n = sum(len(t.members) for t in picked)
        for theme in picked:
            db.session.delete(theme)
        db.session.flush()
        _renumber(themes(rnd))
        if len(picked) == 1 and n == 0:
            ch.record("delete", title=picked[0].title)
        else:
            ch.record("delete_many", titles=[t.title for t in picked], n=n)


def move_themes(
    rnd: Round, theme_ids: list[int], position: int, *, user_id: int | None, version: int
) -> None:
    """Move the chosen highlights, in their order, as a block to ``position`` (1 = first)."""
    with change(rnd, user_id=user_id, version=version) as ch:
        picked = chosen(rnd, theme_ids, minimum=1)
        rest = [t for t in themes(rnd) if t not in picked]
        place = min(max(position, 1), len(rest) + 1) - 1
        _renumber([*rest[:place], *picked, *rest[place:]])
        db.session.flush()
        ch.record("move_themes", titles=[t.title for t in picked], position=place + 1)
