"""Follow up the highlights: routes and statuses at a glance, documents and their coverage."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult import clock
from consult.auth.decorators import convenor_required
from consult.curation import queries as curation
from consult.curation.errors import CurationError
from consult.curation.labels import ROUTE_LABELS, STATUS_LABELS
from consult.curation.models import Highlight
from consult.errors import user_message
from consult.extensions import db
from consult.followup import documents, queries
from consult.rounds.models import Round
from consult.rounds.pages import round_or_404
from forms import curation as forms

bp = Blueprint("followup", __name__, url_prefix="/kierrokset")

Response = Any


def _overview_url(rnd: Round) -> str:
    return url_for("followup.overview", slug=rnd.slug, _anchor="asiakirjat")


@bp.route("/<slug>/seuranta")
@login_required
def overview(slug: str) -> Response:
    """Every highlight's route and follow-up, and the documents compared."""
    return _overview_page(round_or_404(slug), forms.DocumentForm(formdata=None))


def _overview_page(rnd: Round, upload: forms.DocumentForm, status: int = 200) -> Response:
    return render_template(
        "followup/overview.html",
        rnd=rnd,
        themes=curation.selected_summary_themes(rnd),
        documents=queries.documents(rnd),
        upload=upload,
    ), status


@bp.post("/<slug>/seuranta/asiakirjat")
@convenor_required
def upload(slug: str) -> Response:
    """Upload a draft or final document to compare with the highlights."""
    rnd = round_or_404(slug)
    form = forms.DocumentForm()
    if not form.validate_on_submit():
        return _overview_page(rnd, form, 400)
    try:
        document = documents.add_document(
            rnd,
            name=form.name.data or "",
            stage=form.stage.data,
            filename=form.file.data.filename or "",
            data=form.file.data.read(documents.MAX_DOCUMENT_BYTES + 1),
            user_id=current_user.id,
        )
    except CurationError as exc:
        db.session.rollback()
        flash(user_message(exc), "error")
        return redirect(_overview_url(rnd))
    db.session.commit()
    return redirect(url_for("followup.document", slug=rnd.slug, document_id=document.id))


def _follow_form(version: int) -> Any:
    """Per highlight, its follow-up form with the coverage's suggested status and today."""

    def follow_form(theme: Highlight, suggested: str) -> forms.FollowUpForm:
        form = forms.FollowUpForm(
            formdata=None, obj=theme, version=version, status=suggested, status_date=clock.today()
        )
        form.set_choices(ROUTE_LABELS, STATUS_LABELS)
        for f in form:
            f.id = f"{f.id}-{theme.id}"
        return form

    return follow_form


@bp.route("/<slug>/seuranta/asiakirjat/<int:document_id>")
@login_required
def document(slug: str, document_id: int) -> Response:
    """How closely the document's passages answer each highlight."""
    rnd = round_or_404(slug)
    doc = queries.document(rnd, document_id) or abort(404)
    version = curation.version(rnd)
    return render_template(
        "followup/document.html",
        follow_form=_follow_form(version),
        rnd=rnd,
        document=doc,
        rows=queries.document_coverage(rnd, doc),
        version=version,
        routes=ROUTE_LABELS,
        statuses=STATUS_LABELS,
    )


@bp.post("/<slug>/seuranta/asiakirjat/<int:document_id>/poista")
@convenor_required
def delete_document(slug: str, document_id: int) -> Response:
    """Remove an uploaded document."""
    rnd = round_or_404(slug)
    try:
        documents.delete_document(rnd, document_id)
    except CurationError:
        abort(404)
    db.session.commit()
    flash(_("The document was removed."), "success")
    return redirect(_overview_url(rnd))
