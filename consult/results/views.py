"""The public results page of a round and the convenor's publishing page (the page's
downloads are served by exports)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from consult.auth.decorators import convenor_required
from consult.extensions import db
from consult.results import queries, services
from consult.results.pages import visible_round
from consult.rounds.models import Round
from consult.rounds.pages import round_or_404
from consult.workshops.participation import participation
from forms.results import ObservationsForm, PublishForm

bp = Blueprint("results", __name__)


@bp.route("/k/<slug>/tulokset")
def public(slug: str):
    """What came of the round: participation, highlights, quotes and their follow-up."""
    rnd = visible_round(slug)
    return render_template(
        "results/public.html",
        rnd=rnd,
        publication=queries.publication(rnd),
        participation=participation(rnd),
        highlights=queries.highlights(rnd),
    )


@bp.route("/kierrokset/<slug>/tulokset")
@login_required
def manage(slug: str):
    """Publish or take down the results page; write the general observations."""
    rnd = round_or_404(slug)
    return _manage_page(rnd, ObservationsForm(observations=queries.observations(rnd)))


def _manage_page(rnd: Round, form: ObservationsForm) -> str:
    return render_template(
        "results/manage.html",
        rnd=rnd,
        publication=queries.publication(rnd),
        form=form,
        publish=PublishForm(),
        n_highlights=len(queries.highlights(rnd)),
    )


@bp.post("/kierrokset/<slug>/tulokset/havainnot")
@convenor_required
def observations(slug: str):
    """Save the general observations."""
    rnd = round_or_404(slug)
    form = ObservationsForm()
    if not form.validate_on_submit():
        return _manage_page(rnd, form), 400
    services.save_observations(rnd, form.observations.data or "")
    db.session.commit()
    flash(_("The general observations were saved."), "success")
    return redirect(url_for("results.manage", slug=rnd.slug))


@bp.post("/kierrokset/<slug>/tulokset/julkaisu")
@convenor_required
def publication(slug: str):
    """Publish or unpublish the results page."""
    rnd = round_or_404(slug)
    form = PublishForm()
    if not form.validate_on_submit():
        abort(400)
    if form.action.data == "publish":
        services.publish(rnd)
        message = _("The results page is public.")
    else:
        services.unpublish(rnd)
        message = _("The results page was taken down.")
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("results.manage", slug=rnd.slug))
