"""Workshops: the facilitator's session link (no account, an unguessable token in the URL),
and the convenor's pages that add, edit and re-link a round's workshops."""

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
from flask_login import login_required

from consult.auth.decorators import convenor_required
from consult.confirmation import confirmation_page, confirmed
from consult.errors import WorkshopClosed
from consult.extensions import db
from consult.organisations.queries import directory_count
from consult.rounds.models import Round
from consult.rounds.pages import detail_section, round_or_404
from consult.signals import answers_saved
from consult.submissions.services import proposals_by_question
from consult.workshops import capture, participation, services
from consult.workshops import receivers as _receivers  # noqa: F401 - connects the signals
from consult.workshops.api import bp as capture_api
from consult.workshops.models import PARTICIPANT_KINDS, Workshop
from consult.workshops.strings import capture_strings
from forms.fields import question_field_name, split_lines, typed_lines
from forms.rounds import WorkshopForm
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


def _closed_page(workshop: Workshop):
    """A closed workshop's output; what was just typed is shown back, so nothing is lost."""
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


def _save_session(workshop: Workshop, form) -> None:
    questions = workshop.round.questions
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
    answers_saved.send(None, round_id=workshop.round_id)
    if request.form.get("action") == "close":
        services.close(workshop)
        db.session.commit()
        flash(_("Thank you! The workshop has been closed and its output handed in."), "success")
    else:
        db.session.commit()
        flash(_("Saved."), "success")


@bp.route("/tyopaja/<token>", methods=["GET", "POST"])
def session(token: str):
    """Record counts, organisations, proposals and a closing report; save often; close."""
    workshop = _workshop_or_404(token)
    if workshop.is_closed:
        return _closed_page(workshop)
    questions = workshop.round.questions
    form = workshop_session_form(
        questions, data=None if request.method == "POST" else _initial_data(workshop)
    )
    if form.validate_on_submit():
        _save_session(workshop, form)
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


# The organisation directory shows how many workshops each organisation attended.
directory_count("workshops")(participation.attendances_by_organisation)


@detail_section
def _round_page(rnd: Round) -> dict:
    """The round overview's workshops, participation and independent answers."""
    counted = participation.tallies(rnd)
    return {
        "participation": participation.participation(rnd, counted),
        "per_question": counted.by_question,
        "independent": participation.independent_submissions(rnd, counted),
        "workshop_link": lambda w: url_for(
            "workshops.session", token=services.workshop_token(w), _external=True
        ),
        "workshop_form": WorkshopForm(),
    }


def _round_workshop_or_404(slug: str, workshop_id: int) -> tuple[Round, Workshop]:
    rnd = round_or_404(slug)
    workshop = db.get_or_404(Workshop, workshop_id)
    if workshop.round_id != rnd.id:
        abort(404)
    return rnd, workshop


def _workshops(slug: str):
    return redirect(url_for("rounds.detail", slug=slug, _anchor="tyopajat"))


@bp.route("/kierrokset/<slug>/tyopajat", methods=["POST"])
@convenor_required
def add_workshop(slug: str):
    """Add a workshop with its own session link."""
    rnd = round_or_404(slug)
    form = WorkshopForm()
    if form.validate_on_submit():
        services.add_workshop(rnd, **form.values())
        db.session.commit()
        flash(_("Workshop added. Send its session link to the facilitator."), "success")
        return _workshops(slug)
    return render_template("rounds/workshop_form.html", form=form, rnd=rnd, workshop=None), 400


@bp.route("/kierrokset/<slug>/tyopajat/<int:workshop_id>", methods=["GET", "POST"])
@convenor_required
def edit_workshop(slug: str, workshop_id: int):
    """Edit a workshop's details."""
    rnd, workshop = _round_workshop_or_404(slug, workshop_id)
    form = WorkshopForm(obj=workshop)
    if form.validate_on_submit():
        services.update_workshop(workshop, **form.values())
        db.session.commit()
        flash(_("Changes saved."), "success")
        return _workshops(slug)
    return render_template("rounds/workshop_form.html", form=form, rnd=rnd, workshop=workshop)


def _renew_link_confirmation(slug: str, workshop: Workshop):
    return confirmation_page(
        title=_("Make a new link for %(network)s?", network=workshop.network),
        consequences=[
            _(
                "The workshop's current session link stops working at once: a facilitator "
                "who opens it sees “not found”, and entries not yet saved from it are not "
                "received."
            ),
            _("The workshop's feedback link stops working too and gets a new address."),
            _(
                "Send the new links (or print new QR codes) to the facilitator. What the "
                "workshop has already saved is kept."
            ),
        ],
        confirm_label=_("Yes, make a new link"),
        back=url_for("rounds.detail", slug=slug, _anchor="tyopajat"),
    )


@bp.route("/kierrokset/<slug>/tyopajat/<int:workshop_id>/uusi-linkki", methods=["POST"])
@convenor_required
def renew_link(slug: str, workshop_id: int):
    """Replace a workshop's session link."""
    _rnd, workshop = _round_workshop_or_404(slug, workshop_id)
    if not confirmed():
        return _renew_link_confirmation(slug, workshop)
    services.renew_workshop_link(workshop)
    db.session.commit()
    flash(_("The workshop has a new session link; the old one no longer works."), "success")
    return _workshops(slug)


@bp.route("/kierrokset/<slug>/osallistuminen")
@login_required
def participation_page(slug: str):
    """Participation table of a round."""
    rnd = round_or_404(slug)
    return render_template(
        "rounds/participation.html",
        rnd=rnd,
        participation=participation.participation(rnd),
        organisations_by_kind=participation.organisations_by_kind(rnd),
        organisations_by_municipality=participation.organisations_by_municipality(rnd),
    )
