"""Analyse a round and look at the themes found."""

from __future__ import annotations

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


def _theme_cards(run: AnalysisRun) -> list[dict]:
    """Each theme of the run with its representatives and the open theme's page of proposals."""
    page = min(max(1, request.args.get("sivu", 1, type=int)), 100_000)
    open_theme = request.args.get("teema", type=int)
    per_page = current_app.config["PROPOSALS_PER_PAGE"]
    rows = queries.run_theme_rows(run, per_page=per_page, open_theme=open_theme, page=page)
    return [
        {
            "theme": t,
            "representatives": rows[t.id].representatives,
            "proposals": rows[t.id].proposals,
            "page": page if open_theme == t.id else 1,
            "pages": max(1, -(-t.n_proposals // per_page)),
        }
        for t in run.themes
    ]


@bp.route("/<slug>/analyysi/<int:run_id>")
@login_required
def run(slug: str, run_id: int):
    """A run's themes, ordered by support; progress while it runs."""
    run = run_or_404(slug, run_id)
    state, error = jobs.run_state(run)
    themes = _theme_cards(run)
    return render_template(
        "themes/run.html",
        rnd=run.round,
        run=run,
        state=state,
        error=error,
        themes=themes,
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
