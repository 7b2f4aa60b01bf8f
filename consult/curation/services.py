"""Changing a round's selected themes.

Every change goes through :func:`_begin`, which bumps the selection's version only if the
caller saw the latest one (a stale form changes nothing), and :func:`_record`, which stores
who changed what with a snapshot of the selection as it was, so changes can be undone step
by step. Services flush; the view commits.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

import analysis
from consult.curation import coverage as cov
from consult.curation.models import (
    ROUTES,
    STATUSES,
    Curation,
    CurationEvent,
    SelectedTheme,
    SelectedThemeProposal,
)
from consult.curation.queries import describe_event, next_undo
from consult.errors import DomainError, ErrorCode
from consult.extensions import db
from consult.rounds.models import Round
from consult.submissions.models import Proposal, Submission
from consult.themes.embeddings import embeddings_for
from consult.themes.models import AnalysisRun
from consult.themes.services import DEFAULT_COMMON_WORDS
from consult.utils import utcnow


class CurationError(DomainError):
    """A curation change was refused; ``message`` says why in the user's language."""

    code = ErrorCode.CURATION_REFUSED
    message: Any = _l("The change could not be made.")

    def __init__(self, message: Any = None) -> None:
        if message is not None:
            self.message = message
        super().__init__()


class StaleSelection(CurationError):
    message = _l(
        "Someone else changed the themes meanwhile, so your change was not saved. "
        "Reload the page and make your change again."
    )


class NeedsConfirmation(CurationError):
    message = _l("Starting again replaces the current selection. Confirm to continue.")


class NotFound(CurationError):
    message = _l("That theme or proposal is no longer in the selection. Reload the page.")


class NothingToUndo(CurationError):
    message = _l("There is nothing to undo.")


# --- version, history, snapshots -------------------------------------------------------


def _begin(rnd: Round, version: int) -> Curation:
    """Claim the next version of the selection, or refuse a stale edit."""
    result = db.session.execute(
        sa.update(Curation)
        .where(Curation.round_id == rnd.id, Curation.version == version)
        .values(version=Curation.version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise StaleSelection()
    current = db.session.scalar(sa.select(Curation).where(Curation.round_id == rnd.id))
    db.session.refresh(current)
    return current


def snapshot(rnd: Round) -> dict[str, Any]:
    """The round's whole selection as plain JSON."""
    current = db.session.scalar(sa.select(Curation).where(Curation.round_id == rnd.id))
    return {
        "source_run_id": current.source_run_id if current else None,
        "themes": [
            {
                "id": t.id,
                "position": t.position,
                "title": t.title,
                "statement": t.statement,
                "keywords": list(t.keywords or []),
                "route": t.route,
                "route_other": t.route_other,
                "status": t.status,
                "status_date": t.status_date.isoformat() if t.status_date else None,
                "status_note": t.status_note,
                "members": [[m.proposal_id, m.quotable] for m in t.members],
            }
            for t in _themes(rnd)
        ],
    }


def _restore(rnd: Round, snap: dict[str, Any]) -> None:
    for theme in _themes(rnd):
        db.session.delete(theme)
    db.session.flush()
    existing = set(
        db.session.scalars(
            sa.select(Proposal.id)
            .join(Submission, Submission.id == Proposal.submission_id)
            .where(Submission.round_id == rnd.id)
        )
    )
    for item in snap.get("themes", []):
        theme = SelectedTheme(
            id=item["id"],
            round_id=rnd.id,
            position=item["position"],
            title=item["title"],
            statement=item["statement"],
            keywords=item["keywords"],
            route=item["route"],
            route_other=item["route_other"],
            status=item["status"],
            status_date=date.fromisoformat(item["status_date"]) if item["status_date"] else None,
            status_note=item["status_note"],
        )
        theme.members = [
            SelectedThemeProposal(proposal_id=pid, quotable=bool(quotable))
            for pid, quotable in item["members"]
            if pid in existing
        ]
        db.session.add(theme)
    current = db.session.scalar(sa.select(Curation).where(Curation.round_id == rnd.id))
    current.source_run_id = snap.get("source_run_id")
    db.session.flush()


def _record(
    rnd: Round, user_id: int | None, before: dict[str, Any] | None, action: str, **params: Any
) -> CurationEvent:
    event = CurationEvent(
        round_id=rnd.id,
        user_id=user_id,
        action=action,
        params=params,
        description=describe_event(action, params),
        snapshot=before,
    )
    db.session.add(event)
    db.session.flush()
    return event


def _themes(rnd: Round) -> list[SelectedTheme]:
    return list(
        db.session.scalars(
            sa.select(SelectedTheme)
            .where(SelectedTheme.round_id == rnd.id)
            .order_by(SelectedTheme.position, SelectedTheme.id)
        )
    )


def _theme(rnd: Round, theme_id: int) -> SelectedTheme:
    theme = db.session.get(SelectedTheme, theme_id)
    if theme is None or theme.round_id != rnd.id:
        raise NotFound()
    return theme


def _renumber(themes: list[SelectedTheme]) -> None:
    for position, theme in enumerate(themes, start=1):
        theme.position = position


def _keywords(texts: list[str], n: int = 8) -> list[str]:
    counts = Counter(t for toks in cov.tokens(texts) for t in set(toks))
    return [word for word, _ in counts.most_common(n)]


# --- starting and undoing --------------------------------------------------------------


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
        raise NotFound()
    current = db.session.scalar(sa.select(Curation).where(Curation.round_id == rnd.id))
    if current is None:
        if version != 0:
            raise StaleSelection()
        try:
            with db.session.begin_nested():
                db.session.add(Curation(round_id=rnd.id, version=0))
        except sa.exc.IntegrityError as exc:
            raise StaleSelection() from exc
    elif _themes(rnd) and not replace:
        raise NeedsConfirmation()
    current = _begin(rnd, version)
    before = snapshot(rnd)
    for theme in _themes(rnd):
        db.session.delete(theme)
    db.session.flush()
    candidates = [t for t in run.themes if not t.is_other]
    for position, candidate in enumerate(candidates, start=1):
        theme = SelectedTheme(
            round_id=rnd.id,
            position=position,
            title=candidate.title,
            statement=candidate.statement or "",
            keywords=list(candidate.keywords or []),
        )
        theme.members = [
            SelectedThemeProposal(proposal_id=m.proposal_id) for m in candidate.members
        ]
        db.session.add(theme)
    current.source_run_id = run.id
    when = run.finished_at or run.created_at
    _record(rnd, user_id, before, "start", when=when.isoformat(), n=len(candidates))


def undo(rnd: Round, *, user_id: int | None, version: int) -> CurationEvent:
    """Restore the selection as it was before the latest change not yet undone."""
    event = next_undo(rnd)
    if event is None:
        raise NothingToUndo()
    _begin(rnd, version)
    _restore(rnd, event.snapshot or {})
    event.undone_at = utcnow()
    _record(rnd, user_id, None, "undo", undone=event.action, undone_params=event.params)
    return event


# --- editing themes --------------------------------------------------------------------


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
    """Rename a theme, write its highlight statement and correct its keywords."""
    _begin(rnd, version)
    before = snapshot(rnd)
    theme = _theme(rnd, theme_id)
    theme.title, theme.statement, theme.keywords = title.strip(), statement.strip(), keywords
    _record(rnd, user_id, before, "edit", title=theme.title)


def merge(rnd: Round, theme_ids: list[int], *, user_id: int | None, version: int) -> None:
    """Merge themes into the first of them (by position); the others are removed."""
    _begin(rnd, version)
    before = snapshot(rnd)
    chosen = _chosen(rnd, theme_ids, minimum=0)
    if len(chosen) < 2:
        raise CurationError(_l("Choose at least two themes to merge."))
    target, others = chosen[0], chosen[1:]
    for other in others:
        for member in list(other.members):
            other.members.remove(member)
            db.session.flush()
            target.members.append(
                SelectedThemeProposal(proposal_id=member.proposal_id, quotable=member.quotable)
            )
        if not target.statement and other.statement:
            target.statement = other.statement
        target.keywords = list(dict.fromkeys([*target.keywords, *other.keywords]))[:15]
        db.session.delete(other)
    db.session.flush()
    _renumber(_themes(rnd))
    _record(rnd, user_id, before, "merge", titles=[t.title for t in others], title=target.title)


def _insert_after(rnd: Round, source: SelectedTheme, new: list[SelectedTheme]) -> None:
    ordered = _themes(rnd)
    index = ordered.index(source)
    for theme in new:
        theme.round_id = rnd.id
        db.session.add(theme)
    _renumber([*ordered[: index + 1], *new, *ordered[index + 1 :]])
    db.session.flush()


def _take(theme: SelectedTheme, proposal_ids: set[int]) -> list[SelectedThemeProposal]:
    """Remove members from a theme and return fresh copies to put elsewhere."""
    taken = [m for m in theme.members if m.proposal_id in proposal_ids]
    for member in taken:
        theme.members.remove(member)
    db.session.flush()
    return [SelectedThemeProposal(proposal_id=m.proposal_id, quotable=m.quotable) for m in taken]


def split_pick(
    rnd: Round,
    theme_id: int,
    proposal_ids: list[int],
    *,
    title: str,
    user_id: int | None,
    version: int,
) -> SelectedTheme:
    """Move the picked proposals of a theme into a new theme placed right after it."""
    _begin(rnd, version)
    before = snapshot(rnd)
    source = _theme(rnd, theme_id)
    member_ids = {m.proposal_id for m in source.members}
    picked = set(proposal_ids)
    if not picked or not picked <= member_ids:
        raise CurationError(_l("Pick the proposals of this theme that form the new theme."))
    if picked == member_ids:
        raise CurationError(_l("Leave at least one proposal in the original theme."))
    texts = [m.proposal.text for m in source.members if m.proposal_id in picked]
    keywords = _keywords(texts)
    new = SelectedTheme(title=(title.strip() or " ".join(keywords[:3]) or source.title)[:200])
    new.keywords = keywords
    new.members = _take(source, picked)
    _insert_after(rnd, source, [new])
    _record(rnd, user_id, before, "split", n=len(picked), source=source.title, title=new.title)
    return new


def recluster(
    rnd: Round, theme_id: int, *, n_themes: int | None, user_id: int | None, version: int
) -> list[SelectedTheme]:
    """Re-group one theme's proposals with the analysis engine into two or more themes.

    The theme keeps its title, statement and largest group (and any proposals the engine
    leaves ungrouped); the other groups become new themes right after it.
    """
    _begin(rnd, version)
    before = snapshot(rnd)
    source = _theme(rnd, theme_id)
    members = list(source.members)
    if len(members) < 4:
        raise CurationError(_l("A theme needs at least four proposals to be re-grouped."))
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
        raise CurationError(_l("The proposals of this theme did not fall into separate groups."))
    new = []
    for group in groups[1:]:
        theme = SelectedTheme(title=group.title[:200], keywords=list(group.keywords))
        theme.members = _take(source, {ids[i] for i in group.members})
        new.append(theme)
    _insert_after(rnd, source, new)
    _record(rnd, user_id, before, "recluster", source=source.title, n=len(groups))
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
    """Move proposals of the round to a theme, or out of every theme (``target_id`` None)."""
    _begin(rnd, version)
    before = snapshot(rnd)
    _move(rnd, {pid: target_id for pid in proposal_ids})
    if action == "assign":
        _record(rnd, user_id, before, "assign", n=len(proposal_ids))
    elif target_id is None:
        _record(rnd, user_id, before, "unassign", n=len(proposal_ids))
    else:
        _record(
            rnd, user_id, before, "move", n=len(proposal_ids), title=_theme(rnd, target_id).title
        )


def assign_many(
    rnd: Round, assignments: dict[int, int], *, user_id: int | None, version: int
) -> None:
    """Put unassigned proposals into themes (proposal id → theme id), as one change."""
    if not assignments:
        raise CurationError(_l("There are no suggestions to assign."))
    _begin(rnd, version)
    before = snapshot(rnd)
    _move(rnd, assignments)
    _record(rnd, user_id, before, "assign", n=len(assignments))


def _move(rnd: Round, moves: dict[int, int | None]) -> None:
    round_proposals = set(
        db.session.scalars(
            sa.select(Proposal.id)
            .join(Submission, Submission.id == Proposal.submission_id)
            .where(Submission.round_id == rnd.id, Proposal.id.in_(list(moves)))
        )
    )
    if not moves or round_proposals != set(moves):
        raise NotFound()
    targets = {tid: _theme(rnd, tid) for tid in set(moves.values()) if tid is not None}
    current = {
        m.proposal_id: m
        for m in db.session.scalars(
            sa.select(SelectedThemeProposal).where(
                SelectedThemeProposal.proposal_id.in_(list(moves))
            )
        )
    }
    quotable = {pid: m.quotable for pid, m in current.items()}
    for member in current.values():
        member.theme.members.remove(member)
    db.session.flush()
    for pid, tid in moves.items():
        if tid is not None:
            targets[tid].members.append(
                SelectedThemeProposal(proposal_id=pid, quotable=quotable.get(pid, False))
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
    """Mark (or unmark) a proposal as a quotable example of its theme."""
    _begin(rnd, version)
    before = snapshot(rnd)
    theme = _theme(rnd, theme_id)
    member = next((m for m in theme.members if m.proposal_id == proposal_id), None)
    if member is None:
        raise NotFound()
    member.quotable = quotable
    _record(rnd, user_id, before, "quotable" if quotable else "not_quotable", title=theme.title)


def reorder(rnd: Round, theme_id: int, step: int, *, user_id: int | None, version: int) -> None:
    """Move a theme one place up (``step`` -1) or down (+1)."""
    _begin(rnd, version)
    before = snapshot(rnd)
    ordered = _themes(rnd)
    theme = _theme(rnd, theme_id)
    index = ordered.index(theme)
    other = index + (1 if step > 0 else -1)
    if not 0 <= other < len(ordered):
        raise CurationError(_l("The theme is already at the end of the list."))
    ordered[index], ordered[other] = ordered[other], ordered[index]
    _renumber(ordered)
    _record(rnd, user_id, before, "reorder", title=theme.title, position=theme.position)


def add_theme(
    rnd: Round, *, title: str, statement: str, user_id: int | None, version: int
) -> SelectedTheme:
    """Add a theme by hand at the end of the list."""
    if db.session.scalar(sa.select(Curation.id).where(Curation.round_id == rnd.id)) is None:
        if version != 0:
            raise StaleSelection()
        db.session.add(Curation(round_id=rnd.id, version=0))
        db.session.flush()
    _begin(rnd, version)
    before = snapshot(rnd)
    ordered = _themes(rnd)
    theme = SelectedTheme(
        round_id=rnd.id, title=title.strip(), statement=statement.strip(), keywords=[]
    )
    theme.position = len(ordered) + 1
    db.session.add(theme)
    db.session.flush()
    _record(rnd, user_id, before, "add", title=theme.title)
    return theme


def delete_theme(rnd: Round, theme_id: int, *, user_id: int | None, version: int) -> None:
    """Delete a theme; its proposals (if any) move outside the themes."""
    delete_themes(rnd, [theme_id], user_id=user_id, version=version)


def delete_themes(rnd: Round, theme_ids: list[int], *, user_id: int | None, version: int) -> None:
    """Delete themes as one change; their proposals move outside the themes.

    Raises:
        CurationError: no theme was chosen.
        NotFound: a theme is not in the round's selection.
    """
    _begin(rnd, version)
    before = snapshot(rnd)
    chosen = _chosen(rnd, theme_ids, minimum=1)
    n = sum(len(t.members) for t in chosen)
    for theme in chosen:
        db.session.delete(theme)
    db.session.flush()
    _renumber(_themes(rnd))
    if len(chosen) == 1 and n == 0:
        _record(rnd, user_id, before, "delete", title=chosen[0].title)
    else:
        _record(rnd, user_id, before, "delete_many", titles=[t.title for t in chosen], n=n)


def _chosen(rnd: Round, theme_ids: list[int], *, minimum: int) -> list[SelectedTheme]:
    """The round's themes of these ids in their order; refuse too few."""
    chosen = sorted({_theme(rnd, i) for i in theme_ids}, key=lambda t: (t.position, t.id))
    if len(chosen) < minimum:
        raise CurationError(_l("Tick at least one highlight first."))
    return chosen


def move_themes(
    rnd: Round, theme_ids: list[int], position: int, *, user_id: int | None, version: int
) -> None:
    """Move the chosen themes, in their order, as a block to ``position`` (1 = first)."""
    _begin(rnd, version)
    before = snapshot(rnd)
    chosen = _chosen(rnd, theme_ids, minimum=1)
    rest = [t for t in _themes(rnd) if t not in chosen]
    place = min(max(position, 1), len(rest) + 1) - 1
    _renumber([*rest[:place], *chosen, *rest[place:]])
    db.session.flush()
    _record(
        rnd, user_id, before, "move_themes", titles=[t.title for t in chosen], position=place + 1
    )


def bulk_follow_up(
    rnd: Round,
    theme_ids: list[int],
    *,
    route: str | None = None,
    route_other: str = "",
    status: str | None = None,
    status_date: date | None = None,
    user_id: int | None,
    version: int,
) -> None:
    """Set the route or the follow-up status (or both) of several themes as one change.

    A status change without a date keeps each theme's own date and note.
    """
    if route is None and status is None:
        raise CurationError(_l("Choose a route or a follow-up status."))
    if (route is not None and route not in ROUTES) or (
        status is not None and status not in STATUSES
    ):
        raise CurationError()
    if route == "other" and not route_other.strip():
        raise CurationError(_l("Name the other document."))
    _begin(rnd, version)
    before = snapshot(rnd)
    chosen = _chosen(rnd, theme_ids, minimum=1)
    for theme in chosen:
        if route is not None:
            theme.route = route
            theme.route_other = route_other.strip() if route == "other" else ""
        if status is not None:
            theme.status = status
            if status_date is not None:
                theme.status_date = status_date
    db.session.flush()
    titles = [t.title for t in chosen]
    if route is not None and status is not None:
        _record(rnd, user_id, before, "bulk_follow_up", titles=titles, route=route, status=status)
    elif route is not None:
        _record(rnd, user_id, before, "bulk_route", titles=titles, route=route)
    else:
        _record(rnd, user_id, before, "bulk_status", titles=titles, status=status)


def set_follow_up(
    rnd: Round,
    theme_id: int,
    *,
    route: str,
    route_other: str,
    status: str,
    status_date: date | None,
    status_note: str,
    user_id: int | None,
    version: int,
) -> None:
    """Route a theme to a document and record how its follow-up stands."""
    if route not in ROUTES or status not in STATUSES:
        raise CurationError()
    if route == "other" and not route_other.strip():
        raise CurationError(_l("Name the other document."))
    _begin(rnd, version)
    before = snapshot(rnd)
    theme = _theme(rnd, theme_id)
    was = (theme.route, theme.route_other, theme.status, theme.status_date, theme.status_note)
    theme.route, theme.route_other = route, route_other.strip() if route == "other" else ""
    theme.status, theme.status_date, theme.status_note = status, status_date, status_note.strip()
    _record(rnd, user_id, before, "follow_up", title=theme.title, route=route, status=status)
    if was != (theme.route, theme.route_other, theme.status, theme.status_date, theme.status_note):
        from flask import current_app

        from consult import signals

        signals.highlight_status_changed.send(
            current_app._get_current_object(), round_id=rnd.id, highlight_id=theme.id
        )
