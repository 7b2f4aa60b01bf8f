"""The accessibility statement, its feedback form, the privacy notice, and the feedback list."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required

from consult.auth.decorators import convenor_required
from consult.extensions import db, limiter
from consult.legal.models import AccessibilityFeedback
from consult.utils import utcnow
from forms.legal import AccessibilityFeedbackForm

bp = Blueprint("legal", __name__)

#: When the statement was written and last reviewed (update with every review).
STATEMENT_PREPARED = date(2026, 12, 2)


@bp.app_context_processor
def legal_settings() -> dict:
    """Who provides the service and whom to contact, for the legal pages and the footer."""
    return {
        "service_provider": current_app.config.get("SERVICE_PROVIDER") or "",
        "privacy_contact": current_app.config.get("PRIVACY_CONTACT") or "",
    }


def _safe_page(value: str | None) -> str:
    """A path of this site the feedback is about, or nothing."""
    value = (value or "").strip()
    return value[:500] if value.startswith("/") and not value.startswith("//") else ""


@bp.route("/saavutettavuus")
def accessibility():
    """Saavutettavuusseloste: the accessibility statement (EU 2018/1523 model)."""
    return render_template(
        "legal/accessibility.html",
        prepared=STATEMENT_PREPARED,
        body=f"legal/accessibility_{get_locale()}.html",
    )


@bp.route("/saavutettavuus/palaute", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def feedback():
    """Feedback on accessibility; it reaches the convenors' feedback list."""
    form = AccessibilityFeedbackForm(page=_safe_page(request.args.get("sivu")))
    if form.validate_on_submit():
        db.session.add(
            AccessibilityFeedback(
                message=form.message.data.strip(),
                email=(form.email.data or "").strip().lower(),
                page=_safe_page(form.page.data),
                language=str(get_locale()),
            )
        )
        db.session.commit()
        flash(_("Thank you. Your feedback was sent to the service's convenors."), "success")
        return redirect(url_for("legal.accessibility"))
    status = 400 if request.method == "POST" else 200
    return render_template("legal/feedback.html", form=form), status


@bp.route("/tietosuoja")
def privacy():
    """Tietosuojaseloste: what personal data is kept, why, how long, how to have it removed."""
    from consult.privacy.services import default_months

    return render_template(
        "legal/privacy.html", body=f"legal/privacy_{get_locale()}.html", months=default_months()
    )


@bp.route("/palautteet")
@login_required
def feedback_list():
    """Accessibility feedback for the convenors, newest first."""
    items = db.session.scalars(
        sa.select(AccessibilityFeedback).order_by(
            AccessibilityFeedback.created_at.desc(), AccessibilityFeedback.id.desc()
        )
    )
    return render_template("legal/feedback_list.html", items=list(items))


@bp.post("/palautteet/<int:feedback_id>/<any(kasitelty, poista):action>")
@convenor_required
def feedback_action(feedback_id: int, action: str):
    """Mark a feedback message handled, or delete it (with its email)."""
    item = db.session.get(AccessibilityFeedback, feedback_id)
    if item is None:
        abort(404)
    if action == "poista":
        db.session.delete(item)
        flash(_("The feedback was deleted."), "success")
    else:
        item.handled_at = utcnow()
        flash(_("Marked as handled."), "success")
    db.session.commit()
    return redirect(url_for("legal.feedback_list"))
