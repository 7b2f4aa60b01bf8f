"""Analyse a round and look at the themes found."""

from __future__ import annotations

from dataclasses import dataclass

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from consult.extensions import db
from consult.rounds.models import Round
from consult.rounds.pages import detail_section, round_or_404
from consult.themes import jobs, queries, services
from consult.themes import receivers as _receivers  # noqa: F401 - connects the signals
from consult.themes.models import AnalysisRun, CandidateTheme, RunWordCloud
from consult.themes.pages import run_or_404, run_values
from consult.workshops.participation import proposal_count
from forms.themes import AnalyseForm

bp = Blueprint("themes", __name__, url_prefix="/kierrokset")


def _analyse_page(rnd, form: AnalyseForm, status: int = 200):
    page = render_template("themes/analyse.html", rnd=rnd, form=form, runs=queries.latest_runs(rnd))
    return page, status


@bp.route("/<slug>/analyysi", methods=["GET", "POST"])
@login_required
def analyse(slug: str):
    """Choose what to analyse and start the analysis."""
    rnd = round_or_404(slug)
    form = AnalyseForm()
    form.set_questions(rnd.questions)
    if request.method == "GET":
        return _analyse_page(rnd, form)
    if not current_user.is_convenor:
        abort(403)
    if not form.validate_on_submit():
        return _analyse_page(rnd, form, 400)
    question_id = int(form.question.data) if form.question.data else None
    if proposal_count(rnd, question_id) == 0:
        flash(_("There are no proposals to analyse yet."), "error")
        return _analyse_page(rnd, form, 400)
    run = services.create_run(
        rnd, question_id=question_id, user_id=current_user.id, n_themes=form.n_themes.data
    )
    jobs.submit_run(run)
    db.session.commit()
    return redirect(url_for("themes.run", slug=slug, run_id=run.id))


@dataclass
class ThemePages:
    """Which themes a run page shows: all, or one page of a large run's themes."""

    page: int
    pages: int
    first: int  # numbers (1-based) of the first and last theme shown
    last: int
    href: dict[int, str]  # every theme's link from the contents: an anchor, or its page


def _theme_pages(
    run: AnalysisRun, open_theme: int | None
) -> tuple[list[CandidateTheme], ThemePages]:
    """The themes on this page of the run (``teemasivu``, or the page holding ``teema``).

    A run of a 41,574-proposal round has ~250 themes; their cards took ~100 ms to render,
    and a page that long is no use to read, so the cards come 40 at a time (the contents
    still list every theme).
    """
    themes = list(run.themes)
    size = current_app.config["THEMES_PER_PAGE"]
    pages = max(1, -(-len(themes) // size))
    position = {t.id: i for i, t in enumerate(themes)}
    if open_theme in position and "teemasivu" not in request.args:
        page = position[open_theme] // size + 1
    else:
        page = min(max(1, request.args.get("teemasivu", 1, type=int)), pages)
    base = url_for("themes.run", slug=run.round.slug, run_id=run.id)
    href = {
        t.id: f"#teema-{t.id}"
        if i // size + 1 == page
        else f"{base}?teemasivu={i // size + 1}#teema-{t.id}"
        for i, t in enumerate(themes)
    }
    shown = themes[(page - 1) * size : page * size]
    first = (page - 1) * size + 1
    return shown, ThemePages(page, pages, first, first + len(shown) - 1, href)


def _theme_cards(run: AnalysisRun, shown: list[CandidateTheme]) -> list[dict]:
    """Each shown theme with its representatives and the open theme's page of proposals."""
    page = min(max(1, request.args.get("sivu", 1, type=int)), 100_000)
    open_theme = request.args.get("teema", type=int)
    per_page = current_app.config["PROPOSALS_PER_PAGE"]
    everything = len(shown) == len(run.themes)
    rows = queries.run_theme_rows(
        run,
        per_page=per_page,
        open_theme=open_theme,
        page=page,
        themes=None if everything else shown,
    )
    return [
        {
            "theme": t,
            "representatives": rows[t.id].representatives,
            "proposals": rows[t.id].proposals,
            "page": page if open_theme == t.id else 1,
            "pages": max(1, -(-t.n_proposals // per_page)),
        }
        for t in shown
    ]


@bp.route("/<slug>/analyysi/<int:run_id>")
@login_required
def run(slug: str, run_id: int):
    """A run's themes, ordered by support; progress while it runs."""
    run = run_or_404(slug, run_id)
    state, error = jobs.run_state(run)
    shown, theme_pages = _theme_pages(run, request.args.get("teema", type=int))
    themes = _theme_cards(run, shown)
    return render_template(
        "themes/run.html",
        rnd=run.round,
        run=run,
        state=state,
        error=error,
        themes=themes,
        theme_pages=theme_pages,
        others=queries.other_review(run),
        quality=queries.quality_words(run.silhouette),
        lineage_labels=LINEAGE_LABELS,
        stemmed=run.settings.get("lemmatiser") == "snowball",
        **run_values(run),
    )


LINEAGE_LABELS = {
    "uusi": _l("new"),
    "kasvanut": _l("grown"),
    "ennallaan": _l("unchanged"),
    "yhdistynyt": _l("merged"),
    "jakautunut": _l("split"),
}


@bp.route("/<slug>/analyysi/<int:run_id>/tila.json")
@login_required
def status(slug: str, run_id: int):
    """Progress of a run, for the page's polling."""
    run = run_or_404(slug, run_id)
    state, _error = jobs.run_state(run)
    return {"status": state, "progress": run.progress, "stage": run.stage}


@bp.route("/<slug>/teemat/<int:theme_id>/sanapilvi.png")
@login_required
def word_cloud(slug: str, theme_id: int):
    """A theme's word cloud."""
    theme = db.get_or_404(CandidateTheme, theme_id)
    png = queries.word_cloud(theme) if theme.run.round.slug == slug else None
    if png is None:
        abort(404)
    return Response(png, mimetype="image/png", headers={"Cache-Control": "private, max-age=86400"})


@bp.route("/<slug>/analyysi/<int:run_id>/kysymys-<int:question_id>.png")
@login_required
def question_cloud(slug: str, run_id: int, question_id: int):
    """The word cloud of one question's proposals in a run."""
    run = run_or_404(slug, run_id)
    cloud = db.session.get(RunWordCloud, (run.id, question_id))
    if cloud is None:
        abort(404)
    return Response(
        cloud.png, mimetype="image/png", headers={"Cache-Control": "private, max-age=86400"}
    )


@detail_section
def _round_page(rnd: Round) -> dict:
    """The round overview's latest analyses."""
    return {"runs": queries.latest_runs(rnd)}
