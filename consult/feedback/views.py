"""Pages of the feedback feature: the anonymous form and the convenor's summary."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import login_required

from consult.extensions import db
from consult.feedback import queries, services
from consult.rounds.pages import round_or_404
from consult.workshops.models import Workshop
from forms.feedback import FeedbackForm

bp = Blueprint("feedback", __name__)


def _remember_browser(response, browser_id: str):
    response.set_cookie(
        services.BROWSER_COOKIE,
        browser_id,
        max_age=services.BROWSER_COOKIE_MAX_AGE,
        path="/palaute/",
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
    )
    return response


def _save(form: FeedbackForm, workshop: Workshop, browser_id: str) -> None:
    """Store the answer; a second one from the same browser (a double submit) is dropped."""
    try:
        services.record_feedback(
            workshop,
            browser_id=browser_id,
            grade=int(form.grade.data),
            useful=form.useful.data,
            comment=form.comment.data or "",
        )
    except services.AlreadyAnswered:
        db.session.rollback()
    else:
        db.session.commit()


@bp.route("/palaute/<int:workshop_id>/<token>", methods=["GET", "POST"])
def answer(workshop_id: int, token: str):
    """Anonymous feedback on one workshop, one answer per browser."""
    workshop = services.workshop_for_feedback(workshop_id, token)
    if workshop is None:
        abort(404)
    browser_id = request.cookies.get(services.BROWSER_COOKIE) or services.new_browser_id()
    if services.has_answered(workshop, browser_id):
        page = render_template("feedback/thanks.html", workshop=workshop, already=True)
        return _remember_browser(make_response(page), browser_id)
    form = FeedbackForm()
    if form.validate_on_submit():
        _save(form, workshop, browser_id)
        response = redirect(url_for("feedback.thanks", workshop_id=workshop.id, token=token))
        return _remember_browser(response, browser_id)
    status = 400 if request.method == "POST" else 200
    if status == 400:
        flash(_("Your answer was not sent yet: check the questions marked below."), "error")
    page = render_template("feedback/form.html", workshop=workshop, form=form)
    return _remember_browser(make_response(page, status), browser_id)


@bp.route("/palaute/<int:workshop_id>/<token>/kiitos")
def thanks(workshop_id: int, token: str):
    """Thanks after an answer."""
    workshop = services.workshop_for_feedback(workshop_id, token)
    if workshop is None:
        abort(404)
    return render_template("feedback/thanks.html", workshop=workshop, already=False)


@bp.route("/kierrokset/<slug>/palaute")
@login_required
def summary(slug: str):
    """Feedback figures and comments of a round's workshops."""
    rnd = round_or_404(slug)
    return render_template("feedback/summary.html", rnd=rnd, feedback=queries.round_feedback(rnd))
