"""The facilitator's session link: no account, an unguessable token in the URL."""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask import session as session_
from flask_babel import gettext as _

from consult.auth.decorators import convenor_required
from consult.errors import WorkshopClosed
from consult.extensions import db
from consult.submissions.services import proposals_by_question
from consult.themes import jobs
from consult.workshops import capture, services
from consult.workshops.api import bp as capture_api
from consult.workshops.models import PARTICIPANT_KINDS, Workshop
from consult.workshops.strings import capture_strings
from forms.fields import question_field_name, split_lines, typed_lines
from forms.workshops import known_ids, workshop_session_form

bp = Blueprint("workshops", __name__)
bp.register_blueprint(capture_api)


def _workshop_or_404(token: str) -> Workshop:
    workshop = services.workshop_for_token(token)
    if workshop is None:
        abort(404)
    return workshop


def _initial_data(workshop: Workshop) -> dict:
    data = {kind: getattr(workshop, kind) for kind in PARTICIPANT_KINDS}
    data["organisations"] = "\n".join(o.name for o in workshop.organisations)
    data["report"] = workshop.report
    data["known_organisations"] = ",".join(str(o.id) for o in workshop.organisations)
    proposals = workshop.submission.proposals if workshop.submission else []
    data["known_proposals"] = ",".join(str(p.id) for p in proposals)
    texts = proposals_by_question(workshop.submission) if workshop.submission else {}
    for question in workshop.round.questions:
        data[question_field_name(question.id)] = "\n".join(texts.get(question.id, []))
    return data


@bp.route("/tyopaja/sw.js")
def service_worker():
    """The capture page's service worker, served within the scope it controls (/tyopaja/)."""
    script = Path(current_app.static_folder or "", "capture-sw.js").read_text(encoding="utf-8")
    return current_app.response_class(
        script, mimetype="text/javascript", headers={"Cache-Control": "no-cache"}
    )


@bp.route("/tyopaja/<token>/kieli/<lang>", methods=["POST"])
def set_language(token: str, lang: str):
    """Choose the language on the capture page (inside the service worker's scope)."""
    _workshop_or_404(token)
    if lang not in current_app.config["LANGUAGES"]:
        abort(404)
    session_["lang"] = lang
    return redirect(url_for("workshops.session", token=token))


@bp.route("/tyopaja/<token>", methods=["GET", "POST"])
def session(token: str):
    """Record counts, organisations, proposals and a closing report; save often; close."""
    workshop = _workshop_or_404(token)
    questions = workshop.round.questions
    if workshop.is_closed:
        status = 200
        if request.method == "POST":
            status = 409
            flash(
                _(
                    "This workshop has been closed, so changes are no longer saved. Contact the convenor if something is missing."
                ),
                "error",
            )
        texts = proposals_by_question(workshop.submission) if workshop.submission else {}
        unsent = typed_lines(request.form, [q.id for q in workshop.round.questions])
        unsent += [t for t in (request.form.get("report", "").strip(),) if t]
        return render_template(
            "workshops/closed.html", workshop=workshop, texts=texts, unsent=unsent
        ), status
    form = workshop_session_form(
        questions, data=None if request.method == "POST" else _initial_data(workshop)
    )
    if form.validate_on_submit():
        services.save_output(
            workshop,
            counts={kind: getattr(form, kind).data for kind in PARTICIPANT_KINDS},
            organisations=split_lines(form.organisations.data),
            proposals={
                q.id: split_lines(getattr(form, question_field_name(q.id)).data) for q in questions
            },
            report=form.report.data or "",
            known_proposals=known_ids(form.known_proposals),
            known_organisations=known_ids(form.known_organisations),
        )
        jobs.queue_embeddings(workshop.round_id)
        if request.form.get("action") == "close":
            services.close(workshop)
            db.session.commit()
            flash(_("Thank you! The workshop has been closed and its output handed in."), "success")
        else:
            db.session.commit()
            flash(_("Saved."), "success")
        return redirect(url_for("workshops.session", token=token))
    status = 400 if request.method == "POST" else 200
    if status == 400:
        flash(_("Nothing was saved yet: check the fields marked below."), "error")
    return render_template(
        "workshops/session.html",
        workshop=workshop,
        token=token,
        form=form,
        questions=questions,
        capture_state=capture.state(workshop),
        capture_strings=capture_strings(),
    ), status


@bp.route("/kierrokset/tyopajat/<int:workshop_id>/avaa", methods=["POST"])
@convenor_required
def reopen(workshop_id: int):
    """Reopen a closed workshop so its facilitator can continue."""
    workshop = db.get_or_404(Workshop, workshop_id)
    services.reopen(workshop)
    db.session.commit()
    flash(_("The workshop is open again."), "success")
    return redirect(url_for("rounds.detail", slug=workshop.round.slug, _anchor="tyopajat"))


@bp.errorhandler(WorkshopClosed)
def closed(_error: WorkshopClosed):
    flash(_("This workshop has been closed."), "error")
    return redirect(request.path)
