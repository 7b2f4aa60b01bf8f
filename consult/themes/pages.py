"""What the analysis pages need from the web side: the run of a URL, and the parts of a run's
page that other features fill in.

``themes`` imports no feature above it; a run's page still offers to take the run into the
curated highlights. That feature (curation) registers a provider with :func:`run_section`;
the page merges what the providers return into its template context.
"""

from __future__ import annotations

from flask import abort

from consult.extensions import db
from consult.themes.models import AnalysisRun
from consult.utils import PageSections

_run_sections: PageSections[AnalysisRun] = PageSections()


def run_or_404(slug: str, run_id: int) -> AnalysisRun:
    """The run of a URL; a 404 page when there is none in the slug's round (views only)."""
    run = db.get_or_404(AnalysisRun, run_id)
    if run.round.slug != slug:
        abort(404)
    return run


# Register ``provider(run) -> template values`` for a run's page.
run_section = _run_sections.register
# The template values every registered section gives for a run.
run_values = _run_sections.values
