"""Importing workshops and proposals collected elsewhere (Webropol, Forms, Excel)."""

from __future__ import annotations

import base64

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from consult.auth.decorators import convenor_required
from consult.extensions import db
from consult.imports import services
from consult.imports.reading import Table, TableError, find_column, read_table
from consult.rounds.models import Round
from consult.rounds.services import round_or_404
from consult.themes import jobs
from consult.utils import is_id
from forms.organisations import ConfirmImportForm, UploadForm

bp = Blueprint("imports", __name__, url_prefix="/kierrokset")


def table_error_message(exc: TableError) -> str:
    text = str(exc)
    if "empty" in text:
        return _("The file is empty.")
    if "20 MB" in text:
        return _("The file is larger than 20 MB.")
    if "rows" in text:
        return _("The file has too many rows (at most 50,000).")
    return _(
        "The file could not be read as CSV or XLSX. Save it from Excel as CSV (UTF-8 or semicolon-separated) or XLSX."
    )


def row_error_message(code: str) -> str:
    return {
        "workshop_columns": _(
            "The file needs at least the columns päivämäärä (date) and verkosto (network)."
        ),
        "date_invalid": _("the date is not a date (write 29.8.2018 or 2018-08-29)"),
        "network_invalid": _("the network is empty or longer than 200 characters"),
        "participants_invalid": _(
            "the number of participants is not a whole number from 0 to 10000"
        ),
        "no_question_columns": _("Choose a column for at least one question."),
        "organisation_missing": _("the organisation is empty"),
        "organisation_too_long": _("the organisation's name is longer than 200 characters"),
        "answer_too_long": _("an answer is longer than 4000 characters"),
        "kind_unknown": _("unknown kind of organisation"),
    }.get(code, code)


def _uploaded(upload: UploadForm, confirm: ConfirmImportForm) -> tuple[Table, bytes, str] | None:
    """The table from a new upload or from the preview's hidden copy, else None (errors set)."""
    if confirm.payload.data:
        try:
            data = base64.b64decode(confirm.payload.data, validate=True)
        except ValueError:
            upload.file.errors = [*upload.file.errors, _("Choose the file again.")]
            return None
        filename = confirm.filename.data or ""
    elif upload.validate_on_submit():
        data, filename = upload.file.data.read(), upload.file.data.filename or ""
    else:
        return None
    try:
        return read_table(data, filename), data, filename
    except TableError as exc:
        upload.file.errors = [*upload.file.errors, table_error_message(exc)]
        return None


@bp.route("/<slug>/tuo/tyopajat", methods=["GET", "POST"])
@convenor_required
def workshops(slug: str):
    """Import workshops from CSV: preview, then confirm."""
    rnd = round_or_404(slug)
    upload, confirm = UploadForm(), ConfirmImportForm()
    if request.method == "POST":
        got = (
            _uploaded(upload, confirm) if confirm.validate_on_submit() or upload.file.data else None
        )
        if got is not None:
            table, data, filename = got
            parsed = services.parse_workshops(table)
            if request.form.get("step") == "confirm" and not parsed.errors:
                added, skipped = services.apply_workshops(rnd, parsed)
                db.session.commit()
                flash(
                    _(
                        "Import done: %(added)d workshops added, %(skipped)d were already in the round. Participant totals were saved under “others”; facilitators can give them by kind.",
                        added=added,
                        skipped=skipped,
                    ),
                    "success",
                )
                return redirect(url_for("rounds.detail", slug=slug, _anchor="tyopajat"))
            confirm.payload.data, confirm.filename.data = (
                base64.b64encode(data).decode("ascii"),
                filename,
            )
            errors = [(line, row_error_message(code)) for line, code in parsed.errors]
            return render_template(
                "imports/workshops.html",
                rnd=rnd,
                upload=upload,
                confirm=confirm,
                parsed=parsed,
                errors=errors,
            ), (400 if errors else 200)
        return render_template(
            "imports/workshops.html", rnd=rnd, upload=upload, confirm=None, parsed=None, errors=[]
        ), 400
    return render_template(
        "imports/workshops.html", rnd=rnd, upload=upload, confirm=None, parsed=None, errors=[]
    )


def _guess_mapping(table: Table, rnd: Round) -> dict[str, int | None]:
    guess: dict[str, int | None] = {
        "organisation": find_column(
            table.header,
            "organisaatio",
            "järjestö",
            "yhdistys",
            "organisation",
            "organization",
            "nimi",
            "name",
        ),
        "municipality": find_column(table.header, "kunta", "municipality", "kotikunta"),
        "kind": find_column(table.header, "tyyppi", "kind", "type"),
    }
    lowered = [h.casefold() for h in table.header]
    for q in rnd.questions:
        head = q.text.casefold()[:25]
        guess[f"q_{q.id}"] = next(
            (i for i, h in enumerate(lowered) if h and (h[:25] == head or head in h or h in head)),
            None,
        )
    return guess


def _mapping_from_form(
    table: Table, rnd: Round
) -> tuple[services.Mapping | None, dict[str, int | None]]:
    def col(name: str) -> int | None:
        value = request.form.get(name, "")
        return int(value) if is_id(value) and int(value) < len(table.header) else None

    chosen = {
        "organisation": col("map_organisation"),
        "municipality": col("map_municipality"),
        "kind": col("map_kind"),
    }
    for q in rnd.questions:
        chosen[f"q_{q.id}"] = col(f"map_q_{q.id}")
    if chosen["organisation"] is None:
        return None, chosen
    questions = {
        q.id: chosen[f"q_{q.id}"] for q in rnd.questions if chosen[f"q_{q.id}"] is not None
    }
    return services.Mapping(
        chosen["organisation"], chosen["municipality"], chosen["kind"], questions
    ), chosen


def _answers_page(rnd: Round, upload: UploadForm, status: int = 200, **context):
    values = {"confirm": None, "table": None, "chosen": {}, "errors": [], "mapping_error": None}
    values.update(context)
    return render_template("imports/answers.html", rnd=rnd, upload=upload, **values), status


@bp.route("/<slug>/tuo/ehdotukset", methods=["GET", "POST"])
@convenor_required
def answers(slug: str):
    """Import proposals from a CSV/XLSX export: map columns on a preview, then import all or nothing."""
    rnd = round_or_404(slug)
    upload, confirm = UploadForm(), ConfirmImportForm()
    if request.method == "GET":
        return _answers_page(rnd, upload)
    got = _uploaded(upload, confirm) if confirm.validate_on_submit() or upload.file.data else None
    if got is None:
        return _answers_page(rnd, upload, 400)
    table, data, filename = got
    confirm.payload.data, confirm.filename.data = base64.b64encode(data).decode("ascii"), filename
    if request.form.get("step") != "confirm":
        return _answers_page(
            rnd, upload, confirm=confirm, table=table, chosen=_guess_mapping(table, rnd)
        )
    mapping, chosen = _mapping_from_form(table, rnd)
    if mapping is None:
        message = _("Choose the column that holds the organisation.")
        return _answers_page(
            rnd, upload, 400, confirm=confirm, table=table, chosen=chosen, mapping_error=message
        )
    parsed = services.parse_answers(table, mapping)
    if parsed.errors:
        errors = [(line, row_error_message(code)) for line, code in parsed.errors]
        return _answers_page(
            rnd, upload, 400, confirm=confirm, table=table, chosen=chosen, errors=errors
        )
    counts = services.apply_answers(rnd, parsed)
    jobs.queue_embeddings(rnd.id)
    db.session.commit()
    flash(
        _(
            "Import done: %(rows)d rows from %(orgs)d organisations; %(added)d proposals added, %(existing)d were already there.",
            rows=counts["rows"],
            orgs=counts["organisations"],
            added=counts["added"],
            existing=counts["existing"],
        ),
        "success",
    )
    return redirect(url_for("rounds.detail", slug=slug))
