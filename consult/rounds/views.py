"""Convenor pages: rounds, their questions and workshops."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult import clock
from consult.auth.decorators import convenor_required
from consult.confirmation import confirmation_page, confirmed
from consult.errors import DomainError
from consult.extensions import db
from consult.mail import queries as mail_queries
from consult.mail.content import translation_values, translations_from
from consult.mail.models import OutgoingMessage
from consult.rounds import queries, services
from consult.rounds.models import Question
from consult.themes.queries import latest_runs
from consult.workshops.models import Workshop
from forms.rounds import QuestionForm, RoundForm, WorkshopForm

bp = Blueprint("rounds", __name__, url_prefix="/kierrokset")

ROUND_TEXTS = ("title", "purpose", "instructions")
QUESTION_TEXTS = ("text", "help_text")


def _round_values(form: RoundForm) -> dict:
    return {
        "title": form.title.data,
        "purpose": form.purpose.data or "",
        "instructions": form.instructions.data or "",
        "opens_on": form.opens_on.data,
        "closes_on": form.closes_on.data,
        "translations": translations_from(form.data, ROUND_TEXTS),
    }


def _workshop_values(form: WorkshopForm) -> dict:
    return {
        "network": form.network.data,
        "date": form.date.data,
        "place": form.place.data or "",
        "facilitator": form.facilitator.data or "",
        "facilitator_email": form.facilitator_email.data or "",
        "facilitator_language": form.facilitator_language.data or "fi",
    }


@bp.route("/")
@login_required
def index():
    """The rounds a convenor runs."""
    return render_template("rounds/index.html", rounds=services.list_rounds())


@bp.route("/uusi", methods=["GET", "POST"])
@convenor_required
def new():
    """Create a round."""
    form = RoundForm()
    if form.validate_on_submit():
        rnd = services.create_round(**_round_values(form), created_by_id=current_user.id)
        db.session.commit()
        flash(_("The round was created. Add its questions and workshops next."), "success")
        return redirect(url_for("rounds.detail", slug=rnd.slug))
    return render_template("rounds/form.html", form=form, rnd=None)


@bp.route("/<slug>")
@login_required
def detail(slug: str):
    """A round's overview: questions, workshops with session links, participation, analyses."""
    rnd = services.round_or_404(slug)
    return render_template(
        "rounds/detail.html",
        rnd=rnd,
        participation=queries.participation(rnd),
        per_question=queries.proposals_per_question(rnd),
        independent=queries.independent_submissions(rnd),
        runs=latest_runs(rnd),
        workshop_link=lambda w: url_for(
            "workshops.session", token=services.workshop_token(w), _external=True
        ),
        question_form=QuestionForm(),
        workshop_form=WorkshopForm(),
        today=clock.today(),
        facilitator_mail=mail_queries.latest_by(rnd, OutgoingMessage.workshop_id),
        mail_counts=mail_queries.status_counts(rnd),
    )


@bp.route("/<slug>/muokkaa", methods=["GET", "POST"])
@convenor_required
def edit(slug: str):
    """Edit a round's title, texts and dates."""
    rnd = services.round_or_404(slug)
    form = RoundForm(obj=rnd, data=translation_values(rnd, ROUND_TEXTS))
    if form.validate_on_submit():
        services.update_round(rnd, **_round_values(form))
        db.session.commit()
        flash(_("Changes saved."), "success")
        return redirect(url_for("rounds.detail", slug=rnd.slug))
    return render_template("rounds/form.html", form=form, rnd=rnd)


@bp.route("/<slug>/kysymykset", methods=["POST"])
@convenor_required
def add_question(slug: str):
    """Add a question."""
    rnd = services.round_or_404(slug)
    form = QuestionForm()
    if form.validate_on_submit():
        services.add_question(
            rnd,
            text=form.text.data,
            help_text=form.help_text.data or "",
            position=form.position.data,
            translations=translations_from(form.data, QUESTION_TEXTS),
        )
        db.session.commit()
        flash(_("Question added."), "success")
        return redirect(url_for("rounds.detail", slug=slug, _anchor="kysymykset"))
    return render_template("rounds/question_form.html", form=form, rnd=rnd, question=None), 400


@bp.route("/<slug>/kysymykset/<int:question_id>", methods=["GET", "POST"])
@convenor_required
def edit_question(slug: str, question_id: int):
    """Edit or reorder a question."""
    rnd = services.round_or_404(slug)
    question = db.get_or_404(Question, question_id)
    if question.round_id != rnd.id:
        abort(404)
    form = QuestionForm(obj=question, data=translation_values(question, QUESTION_TEXTS))
    if form.validate_on_submit():
        services.update_question(
            question,
            text=form.text.data,
            help_text=form.help_text.data or "",
            position=form.position.data,
            translations=translations_from(form.data, QUESTION_TEXTS),
        )
        db.session.commit()
        flash(_("Changes saved."), "success")
        return redirect(url_for("rounds.detail", slug=slug, _anchor="kysymykset"))
    return render_template("rounds/question_form.html", form=form, rnd=rnd, question=question)


@bp.route("/<slug>/kysymykset/<int:question_id>/poista", methods=["POST"])
@convenor_required
def delete_question(slug: str, question_id: int):
    """Delete a question without proposals."""
    rnd = services.round_or_404(slug)
    question = db.get_or_404(Question, question_id)
    if question.round_id != rnd.id:
        abort(404)
    if not confirmed():
        return confirmation_page(
            title=_("Delete the question “%(text)s”?", text=question.text),
            consequences=[
                _("The question is removed from the round and from its public form."),
                _("The workshops' session links no longer ask for it."),
                _("This cannot be undone; you can add the question again by hand."),
            ],
            confirm_label=_("Yes, delete the question"),
            back=url_for("rounds.detail", slug=slug, _anchor="kysymykset"),
        )
    try:
        services.delete_question(question)
    except DomainError:
        flash(_("The question already has proposals, so it cannot be deleted."), "error")
    else:
        db.session.commit()
        flash(_("Question deleted."), "success")
    return redirect(url_for("rounds.detail", slug=slug, _anchor="kysymykset"))


@bp.route("/<slug>/tyopajat", methods=["POST"])
@convenor_required
def add_workshop(slug: str):
    """Add a workshop with its own session link."""
    rnd = services.round_or_404(slug)
    form = WorkshopForm()
    if form.validate_on_submit():
        services.add_workshop(rnd, **_workshop_values(form))
        db.session.commit()
        flash(_("Workshop added. Send its session link to the facilitator."), "success")
        return redirect(url_for("rounds.detail", slug=slug, _anchor="tyopajat"))
    return render_template("rounds/workshop_form.html", form=form, rnd=rnd, workshop=None), 400


@bp.route("/<slug>/tyopajat/<int:workshop_id>", methods=["GET", "POST"])
@convenor_required
def edit_workshop(slug: str, workshop_id: int):
    """Edit a workshop's details."""
    rnd = services.round_or_404(slug)
    workshop = db.get_or_404(Workshop, workshop_id)
    if workshop.round_id != rnd.id:
        abort(404)
    form = WorkshopForm(obj=workshop)
    if form.validate_on_submit():
        services.update_workshop(workshop, **_workshop_values(form))
        db.session.commit()
        flash(_("Changes saved."), "success")
        return redirect(url_for("rounds.detail", slug=slug, _anchor="tyopajat"))
    return render_template("rounds/workshop_form.html", form=form, rnd=rnd, workshop=workshop)


@bp.route("/<slug>/tyopajat/<int:workshop_id>/uusi-linkki", methods=["POST"])
@convenor_required
def renew_link(slug: str, workshop_id: int):
    """Replace a workshop's session link."""
    rnd = services.round_or_404(slug)
    workshop = db.get_or_404(Workshop, workshop_id)
    if workshop.round_id != rnd.id:
        abort(404)
    if not confirmed():
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
    services.renew_workshop_link(workshop)
    db.session.commit()
    flash(_("The workshop has a new session link; the old one no longer works."), "success")
    return redirect(url_for("rounds.detail", slug=slug, _anchor="tyopajat"))


@bp.route("/<slug>/osallistuminen")
@login_required
def participation(slug: str):
    """Participation table of a round."""
    rnd = services.round_or_404(slug)
    return render_template(
        "rounds/participation.html",
        rnd=rnd,
        participation=queries.participation(rnd),
        organisations_by_kind=queries.organisations_by_kind(rnd),
        organisations_by_municipality=queries.organisations_by_municipality(rnd),
    )
