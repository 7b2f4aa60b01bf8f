"""Running an analysis of a round's proposals and storing its themes."""

from __future__ import annotations

import logging
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
import sqlalchemy as sa

import analysis
from analysis import FoundTheme
from analysis.lemmatise import Lemmatiser
from consult import jobs
from consult.extensions import db, insert_rows
from consult.rounds.models import Round
from consult.submissions.models import Proposal, Submission
from consult.themes.embeddings import embeddings_for
from consult.themes.lineage import link_to_previous_run
from consult.themes.models import AnalysisRun, CandidateTheme, CandidateThemeProposal, RunWordCloud
from consult.utils import utcnow

log = logging.getLogger(__name__)

# Words that every theme of a consultation on organisations shares; they say nothing of a theme.
DEFAULT_COMMON_WORDS = (
    "järjestö",
    "yhdistys",
    "kunta",
    "maakunta",
    "palvelu",
    "toiminta",
    "tulla",
    "olla",
    "voida",
    "pitää",
    "tärkeä",
    "hyvä",
)


@dataclass
class ProposalSource:
    id: int
    text: str
    workshop_id: int | None
    organisation_ids: frozenset[int]
    question_id: int


def create_run(
    rnd: Round, *, question_id: int | None, user_id: int | None, n_themes: int | None = None
) -> AnalysisRun:
    """Queue an analysis of the whole round or of one question."""
    settings = {
        "per_question": question_id is None,
        "question_id": question_id,
        "n_themes": n_themes,
        "common_words": list(DEFAULT_COMMON_WORDS),
    }
    run = AnalysisRun(
        round=rnd,
        question_id=question_id,
        created_by_id=user_id,
        settings=settings,
        engine_version=analysis.ENGINE_VERSION,
    )
    db.session.add(run)
    db.session.flush()
    return run


def load_proposals(round_id: int, question_id: int | None) -> list[ProposalSource]:
    """The proposals to analyse, in a stable order, with where each came from.

    A workshop's proposal counts for its workshop; an independent answer's proposal for
    its organisation. Organisations merely present at a workshop are not counted as
    supporting each of its proposals.
    """
    stmt = (
        sa.select(
            Proposal.id,
            Proposal.text,
            Submission.workshop_id,
            Submission.organisation_id,
            Proposal.question_id,
        )
        .join(Submission, Submission.id == Proposal.submission_id)
        .where(Submission.round_id == round_id, Proposal.visible())
        .order_by(Proposal.id)
    )
    if question_id is not None:
        stmt = stmt.where(Proposal.question_id == question_id)
    return [
        ProposalSource(pid, text, workshop_id, frozenset({org_id}) if org_id else frozenset(), qid)
        for pid, text, workshop_id, org_id, qid in db.session.execute(stmt)
    ]


def _progress(run: AnalysisRun, stage: str, percent: int) -> None:
    run.stage, run.progress = stage, percent
    db.session.commit()
    jobs.progress(percent, stage)


def execute_run(run_id: int) -> None:
    """Do the analysis of a queued run and store its themes (commits as it goes).

    A run found ``running`` is a retry after its worker died: what the dead attempt
    stored is removed first, so a run never holds its themes twice.
    """
    run = db.session.get(AnalysisRun, run_id)
    if run is None or run.status not in ("queued", "running"):
        return
    if run.status == "running":
        run.themes.clear()
        run.word_clouds.clear()
        db.session.flush()
    started = time.perf_counter()
    run.status = "running"
    _progress(run, "loading", 5)
    try:
        sources = load_proposals(run.round_id, run.question_id)
        run.n_proposals = len(sources)
        _progress(run, "embedding", 10)
        texts = [s.text for s in sources]
        running = run  # narrowed for the callback

        def embedded(done: float) -> None:
            _progress(running, "embedding", 10 + int(20 * done))

        vectors = (
            embeddings_for([s.id for s in sources], texts, on_batch=embedded) if sources else None
        )
        _progress(run, "clustering", 30)
        lemmatiser = analysis.default_lemmatiser()
        n_themes, silhouette, timings, tokens = _find_themes(run, sources, vectors, lemmatiser)
        _progress(run, "describing", 80)
        t0 = time.perf_counter()
        _store_question_clouds(run, sources, tokens, lemmatiser)
        timings["clouds"] = round(time.perf_counter() - t0, 3)
        t0 = time.perf_counter()
        predecessor = link_to_previous_run(run, vectors, [s.id for s in sources])
        timings["lineage"] = round(time.perf_counter() - t0, 3)
        run.n_themes = n_themes
        run.silhouette = silhouette
        run.settings = {
            **run.settings,
            "timings": timings,
            "lemmatiser": lemmatiser.backend_name,
            "predecessor_run_id": predecessor.id if predecessor is not None else None,
        }
        run.status = "done"
        run.progress = 100
        run.stage = "done"
    except Exception as exc:  # noqa: BLE001 - any failure must be recorded on the run, not lost
        db.session.rollback()
        run = db.session.get(AnalysisRun, run_id)
        assert run is not None  # it was read above, in this job
        log.exception("analysis run %s failed", run_id)
        run.status = "failed"
        run.error = jobs.describe_error(exc)  # no message: it may quote personal data
    run.duration_seconds = round(time.perf_counter() - started, 3)
    run.finished_at = utcnow()
    db.session.commit()


def _groups(run: AnalysisRun, sources: list[ProposalSource]) -> list[list[int]]:
    """Which proposals are clustered together.

    A run over all questions clusters each question on its own and shows the themes
    together: the questions are the round's content areas, and pooled they would only
    be found again as three broad themes.
    """
    if run.question_id is not None or not run.settings.get("per_question", True):
        return [list(range(len(sources)))]
    by_question: dict[int, list[int]] = {}
    for index, source in enumerate(sources):
        by_question.setdefault(source.question_id, []).append(index)
    return [by_question[q] for q in sorted(by_question)]


Found = tuple[FoundTheme, list[ProposalSource], dict[int, int]]


def _find_themes(
    run: AnalysisRun,
    sources: list[ProposalSource],
    vectors: np.ndarray | None,
    lemmatiser: Lemmatiser,
) -> tuple[int, float | None, dict[str, float], list[list[str]]]:
    """Cluster each group and store the themes ordered by support.

    Returns the number of themes, the mean silhouette, timings and the lemma tokens of
    every proposal (in the order of ``sources``; reused for the question word clouds).
    """
    wanted = run.settings.get("n_themes")
    found: list[Found] = []
    n_themes, weighted, weight = 0, 0.0, 0
    timings: defaultdict[str, float] = defaultdict(float)
    tokens: list[list[str]] = [[] for _ in sources]
    for group in _groups(run, sources):
        members = [sources[i] for i in group]
        share = None if wanted is None else max(2, round(wanted * len(group) / len(sources)))
        finder = analysis.ThemeFinder(
            n_themes=share,
            common_words=tuple(run.settings.get("common_words", ())),
            random_state=0,
            lemmatiser=lemmatiser,
        )
        finder.fit(
            [m.text for m in members], embeddings=None if vectors is None else vectors[group]
        )
        suggestions = {i: int(label) for i, label in enumerate(finder.suggestions_) if label != -1}
        found.extend((theme, members, suggestions) for theme in finder.themes_)
        for i, toks in zip(group, finder.tokens_, strict=True):
            tokens[i] = toks
        n_themes += finder.n_themes_
        if finder.silhouette_ is not None:
            weighted += float(finder.silhouette_) * len(group)
            weight += len(group)
        for stage, seconds in finder.timings_.items():
            timings[stage] += seconds
    t0 = time.perf_counter()
    _store_themes(run, found)
    timings["store"] += time.perf_counter() - t0
    return (
        n_themes,
        (weighted / weight if weight else None),
        {k: round(v, 3) for k, v in timings.items()},
        tokens,
    )


def _store_themes(run: AnalysisRun, found: list[Found]) -> None:
    """Store themes and members; "Muut" members get the nearest theme as a suggestion.

    Themes go through the ORM (a few hundred); their members (one row per proposal: 41,574
    in a large round) go in with one driver executemany, which took the storing of such a
    run from 6.0 s with an ORM object per member to well under a second.
    """
    ordered = sorted(found, key=lambda item: (item[0].label == -1, -item[0].size))
    stored: dict[tuple[int, int], CandidateTheme] = {}  # (id of the group's list, label)
    placed: list[tuple[CandidateTheme, list[ProposalSource], dict[int, int], FoundTheme]] = []
    for position, (theme_found, group, suggestions) in enumerate(ordered, start=1):
        members = [group[i] for i in theme_found.members]
        theme = CandidateTheme(
            run=run,
            position=position,
            title=theme_found.title[:200],
            keywords=list(theme_found.keywords),
            statement=theme_found.statement,
            is_other=theme_found.label == -1,
            n_proposals=len(members),
            n_workshops=len({m.workshop_id for m in members if m.workshop_id}),
            n_organisations=len(frozenset().union(*(m.organisation_ids for m in members)))
            if members
            else 0,
            word_frequencies=dict(theme_found.word_frequencies) or None,
        )
        db.session.add(theme)
        stored[(id(group), theme_found.label)] = theme
        placed.append((theme, group, suggestions, theme_found))
    db.session.flush()  # the themes' ids
    rows: list[dict[str, int | None]] = []
    for theme, group, suggestions, theme_found in placed:
        ranks = {i: rank for rank, i in enumerate(theme_found.representatives, start=1)}
        for i in theme_found.members:
            target = (
                stored.get((id(group), suggestions.get(i, -1))) if theme_found.label == -1 else None
            )
            rows.append(
                {
                    "theme_id": theme.id,
                    "proposal_id": group[i].id,
                    "representative_rank": ranks.get(i),
                    "suggested_theme_id": target.id if target is not None else None,
                }
            )
    for start in range(0, len(rows), 5000):
        insert_rows(CandidateThemeProposal.__table__, rows[start : start + 5000])
    for theme, *_rest in placed:
        # the members were written without the ORM: read them from the database when asked
        db.session.expire(theme, ["members"])


def _store_question_clouds(
    run: AnalysisRun,
    sources: list[ProposalSource],
    tokens: list[list[str]],
    lemmatiser: Lemmatiser,
) -> None:
    """One word cloud of lemmas per question analysed (frequencies; drawn when viewed)."""
    by_question: dict[int, Counter[str]] = {}
    for source, toks in zip(sources, tokens, strict=True):
        by_question.setdefault(source.question_id, Counter()).update(toks)
    for question_id, frequencies in by_question.items():
        for token in [t for t in frequencies if lemmatiser.is_bound_form(t)]:
            del frequencies[token]
        if frequencies:
            top = dict(frequencies.most_common(200))  # a cloud shows 200 words at most
            db.session.add(RunWordCloud(run=run, question_id=question_id, frequencies=top))
    db.session.flush()


def mark_interrupted(run: AnalysisRun) -> None:
    """A run that no worker holds any more (its worker died for good) is recorded as failed."""
    run.status = "failed"
    run.error = "interrupted: its worker stopped before the analysis finished"
    run.finished_at = utcnow()
