"""What the analysis pages need from the web side: the run of a URL, and the parts of a run's
page that other features fill in.

``themes`` imports no feature above it; a run's page still offers to take the run into the
curated highlights. That feature (curation) registers a provider with :func:`run_section`;
the page merges what the providers return into its template context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort

from consult.extensions import db
from consult.themes.models import AnalysisRun

RunSection = Callable[[AnalysisRun], dict[str, Any]]

_run_sections: list[RunSection] = []


def run_or_404(slug: str, run_id: int) -> AnalysisRun:
    """The run of a URL; a 404 page when there is none in the slug's round (views only)."""
    run = db.get_or_404(AnalysisRun, run_id)
    if run.round.slug != slug:
        abort(404)
    return run


def run_section(provider: RunSection) -> RunSection:
    """Register ``provider(run) -> template values`` for a run's page."""
    if provider not in _run_sections:
        _run_sections.append(provider)
    return provider


def run_values(run: AnalysisRun) -> dict[str, Any]:
    """The template values every registered section gives for ``run``."""
    values: dict[str, Any] = {}
    for provider in _run_sections:
        values.update(provider(run))
    return values
