"""The proposals browser: search, filter, sort, page through, act on many; moderate one."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from consult.auth.decorators import convenor_required
from consult.curation import queries as curation_queries
from consult.curation import services as curation_services
from consult.extensions import db
from consult.organisations.models import ORGANISATION_KINDS
from consult.proposals import queries, services
from consult.rounds.pages import round_or_404
from consult.submissions.models import Proposal, Submission
from consult.utils import is_id

bp = Blueprint("proposals", __name__, url_prefix="/kierrokset")


def _int(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if is_id(value) else None


def _filters() -> queries.Filters:
    args = request.args
    hidden = args.get("nakyvyys", "visible")
    sort = args.get("jarjestys", "new")
    highlight = args.get("nosto", "")
    return queries.Filters(
        q=" ".join(args.get("q", "").split())[:200],
        question=_int("kysymys"),
        workshop=_int("tyopaja"),
        organisation=_int("organisaatio"),
        municipality=args.get("kunta", "")[:100],
        kind=args.get("tyyppi", "") if args.get("tyyppi", "") in ORGANISATION_KINDS else "",
        highlight=highlight if highlight == "none" or is_id(highlight) else "",
        hidden=hidden if hidden in ("visible", "hidden", "all") else "visible",
        sort=sort if sort in queries.SORTS else "new",
        page=_int("sivu") or 1,
    )


@bp.get("/<slug>/ehdotukset")
@login_required
def index(slug: str):
    """Every proposal of the round, searchable and filterable, a page at a time."""
    rnd = round_or_404(slug)
    filters = _filters()
    return render_template(
        "proposals/index.html",
        rnd=rnd,
        f=filters,
        page=queries.browse(rnd, filters),
        choices=queries.choices(rnd),
        kinds=ORGANISATION_KINDS,
        version=curation_queries.version(rnd),
    )


def _back(slug: str) -> str:
    target = request.form.get("next", "")
    prefix = url_for("proposals.index", slug=slug)
    return target if target.startswith(prefix) else prefix


@bp.post("/<slug>/ehdotukset/toiminto")
@convenor_required
def bulk(slug: str):
    """Assign the chosen proposals to a highlight, hide them or bring them back."""
    rnd = round_or_404(slug)
    ids = [int(v) for v in request.form.getlist("ids") if is_id(v)]
    action = request.form.get("action", "")
    try:
        if action == "assign":
            target = request.form.get("highlight", "")
            if not is_id(target):
                raise services.ModerationError(_("Choose the highlight."))
            version = request.form.get("version", "")
            services.round_proposals(rnd, ids)
            curation_services.move_proposals(
                rnd,
                ids,
                int(target),
                user_id=current_user.id,
                version=int(version) if is_id(version) else -1,
            )
            message = _("%(n)d proposals were moved to the highlight.", n=len(ids))
        elif action == "hide":
            n = services.hide(
                services.round_proposals(rnd, ids),
                request.form.get("reason", ""),
                user_id=current_user.id,
            )
            message = _("%(n)d proposals were hidden.", n=n)
        elif action == "unhide":
            n = services.unhide(services.round_proposals(rnd, ids), user_id=current_user.id)
            message = _("%(n)d proposals were brought back.", n=n)
        else:
            raise services.ModerationError(_("Choose what to do with the chosen proposals."))
    except curation_services.CurationError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(_back(slug))
    except services.ModerationError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(_back(slug))
    db.session.commit()
    flash(message, "success")
    return redirect(_back(slug))


def _proposal_or_404(rnd, proposal_id: int) -> Proposal:
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None or db.session.get(Submission, proposal.submission_id).round_id != rnd.id:
        abort(404)
    return proposal


@bp.get("/<slug>/ehdotukset/<int:proposal_id>")
@login_required
def detail(slug: str, proposal_id: int):
    """One proposal with its source, moderation forms and history."""
    rnd = round_or_404(slug)
    proposal = _proposal_or_404(rnd, proposal_id)
    return _detail_page(rnd, proposal)


def _detail_page(rnd, proposal: Proposal, status: int = 200, error: str = ""):
    return render_template(
        "proposals/detail.html",
        rnd=rnd,
        p=proposal,
        history=services.history(proposal),
        error=error,
        typed=request.form if request.method == "POST" else {},
    ), status


@bp.post("/<slug>/ehdotukset/<int:proposal_id>")
@convenor_required
def moderate(slug: str, proposal_id: int):
    """Hide, unhide, edit or redact one proposal."""
    rnd = round_or_404(slug)
    proposal = _proposal_or_404(rnd, proposal_id)
    action = request.form.get("action", "")
    user_id = current_user.id
    try:
        if action == "hide":
            services.hide([proposal], request.form.get("reason", ""), user_id=user_id)
            message = _("The proposal was hidden.")
        elif action == "unhide":
            services.unhide([proposal], user_id=user_id)
            message = _("The proposal was brought back.")
        elif action == "edit":
            changed = services.edit(
                proposal,
                request.form.get("text", ""),
                request.form.get("reason", ""),
                user_id=user_id,
            )
            message = _("The text was saved.") if changed else _("The text did not change.")
        elif action == "redact":
            services.redact(proposal, request.form.get("span", ""), user_id=user_id)
            message = _("The personal data was removed.")
        else:
            abort(400)
    except services.ModerationError as exc:
        db.session.rollback()
        return _detail_page(rnd, proposal, 400, str(exc.message))
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("proposals.detail", slug=slug, proposal_id=proposal_id))
