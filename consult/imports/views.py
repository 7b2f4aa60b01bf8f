"""Importing workshops and proposals collected elsewhere (Webropol, Forms, Excel)."""

from __future__ import annotations

import functools

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
from flask_babel import gettext as _

from consult.auth.decorators import convenor_required
from consult.extensions import db
from consult.imports import organisations, services, tasks, uploads
from consult.imports.preview import Upload, import_page, receive
from consult.imports.reading import Table, find_column
from consult.imports.services import bulk_work
from consult.rounds.models import Round
from consult.rounds.pages import round_or_404
from consult.signals import answers_saved
from consult.utils import is_id
from forms.organisations import UploadForm

# Imports into a round live under the round's pages; the directory's import under the directory.
bp = Blueprint("imports", __name__)

# Up to this many rows the search lemmas are computed in the request; beyond, afterwards.
LEMMAS_INLINE_ROWS = 2000


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
        "question_missing": _("the question is empty"),
        "question_too_long": _("the question is longer than 500 characters"),
        "organisation_too_long": _("the organisation's name is longer than 200 characters"),
        "answer_too_long": _("an answer is longer than 4000 characters"),
        "kind_unknown": _("unknown kind of organisation"),
        # the organisation directory's import
        "no_name_column": _("The file has no column for the name (nimi / name)."),
        "name_missing": _("the name is empty"),
        "name_too_long": _("the name is longer than 200 characters"),
        "business_id_invalid": _(
            "the business ID is not valid (format 1234567-8 and its check digit)"
        ),
        "duplicate_row": _("the same organisation appears twice in the file"),
        "business_id_duplicate": _("the same business ID appears twice in the file"),
        "email_invalid": _("the email address is not valid"),
    }.get(code, code)


def _workshops_page(rnd: Round, upload: UploadForm, status: int = 200, **context):
    return import_page("imports/workshops.html", upload, status, rnd=rnd, **context)


def _row_errors(parsed: services.Parsed) -> list[tuple[int, str]]:
    return [(line, row_error_message(code)) for line, code in parsed.errors]


@bp.route("/kierrokset/<slug>/tuo/tyopajat", methods=["GET", "POST"])
@convenor_required
def workshops(slug: str):
    """Import workshops from CSV: preview, then confirm."""
    rnd = round_or_404(slug)
    got = receive(functools.partial(_workshops_page, rnd))
    if not isinstance(got, Upload):
        return got
    parsed = services.parse_workshops(got.table)
    if request.form.get("step") == "confirm" and not parsed.errors:
        added, skipped = services.apply_workshops(rnd, parsed)
        db.session.commit()
        uploads.discard(got.key)
        flash(_workshops_report(added, skipped), "success")
        return redirect(url_for("rounds.detail", slug=slug, _anchor="tyopajat"))
    errors = _row_errors(parsed)
    status = 400 if errors else 200
    return _workshops_page(rnd, got.form, status, confirm=got.confirm, parsed=parsed, errors=errors)


def _workshops_report(added: int, skipped: int) -> str:
    return _(
        "Import done: %(added)d workshops added, %(skipped)d were already in the round. Participant totals were saved under “others”; facilitators can give them by kind.",
        added=added,
        skipped=skipped,
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
    guess["question"] = find_column(table.header, "kysymys", "question", "label", "aihe")
    guess["text"] = find_column(
        table.header, "vastaus", "ehdotus", "text", "teksti", "answer", "proposal"
    )
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
    chosen["question"], chosen["text"] = col("map_question"), col("map_text")
    for q in rnd.questions:
        chosen[f"q_{q.id}"] = col(f"map_q_{q.id}")
    long = chosen["question"] is not None and chosen["text"] is not None
    if chosen["organisation"] is None and not long:
        return None, chosen
    questions = {q.id: column for q in rnd.questions if (column := chosen[f"q_{q.id}"]) is not None}
    return services.Mapping(
        chosen["organisation"],
        chosen["municipality"],
        chosen["kind"],
        {} if long else questions,
        chosen["question"] if long else None,
        chosen["text"] if long else None,
    ), chosen


def _answers_page(rnd: Round, upload: UploadForm, status: int = 200, **context):
    return import_page("imports/answers.html", upload, status, rnd=rnd, **context)


@bp.route("/kierrokset/<slug>/tuo/ehdotukset", methods=["GET", "POST"])
@convenor_required
def answers(slug: str):
    """Import proposals from a CSV/XLSX export: map columns on a preview, then import all or nothing."""
    rnd = round_or_404(slug)
    got = receive(functools.partial(_answers_page, rnd))
    if not isinstance(got, Upload):
        return got
    upload, confirm, table = got.form, got.confirm, got.table
    if request.form.get("step") != "confirm":
        return _answers_page(
            rnd, upload, confirm=confirm, table=table, chosen=_guess_mapping(table, rnd)
        )
    mapping, chosen = _mapping_from_form(table, rnd)
    refused = {"confirm": confirm, "table": table, "chosen": chosen}
    if mapping is None:
        return _answers_page(rnd, upload, 400, **refused, mapping_error=_mapping_missing())
    parsed = services.parse_answers(table, mapping, rnd)
    if parsed.errors:
        return _answers_page(rnd, upload, 400, **refused, errors=_row_errors(parsed))
    return _apply_answers(rnd, parsed, mapping, got.key, got.filename)


def _mapping_missing() -> str:
    return _(
        "Choose the column that holds the organisation, or the columns of the question and the answer."
    )


def _apply_answers(
    rnd: Round, parsed: services.Parsed, mapping: services.Mapping, key: str, filename: str
):
    """Import the checked rows: in the request when few, else as a background job."""
    if len(parsed.rows) > current_app.config["IMPORT_INLINE_ROWS"]:
        with bulk_work():  # 41,574 rows: tuples and marshal without collector passes
            uploads.store_checked(key, mapping.as_json(), services.rows_as_tuples(parsed))
        job_id = tasks.start(
            "consult.imports.tasks:import_answers",
            rnd.id,
            key,
            filename,
            mapping.as_json(),
            description=_("Import of %(n)d rows", n=len(parsed.rows)),
        )
        db.session.commit()  # the job is sent after this commit
        return redirect(url_for("imports.progress", slug=rnd.slug, job_id=job_id))
    counts = services.apply_answers(rnd, parsed)
    if len(parsed.rows) <= LEMMAS_INLINE_ROWS:
        from consult.submissions.lemmas import fill_missing

        fill_missing(rnd.id)
    else:
        tasks.later(tasks.fill_search_lemmas, rnd.id)
    answers_saved.send(None, round_id=rnd.id)
    db.session.commit()
    uploads.discard(key)
    flash(_import_report(counts), "success")
    return redirect(url_for("rounds.detail", slug=rnd.slug))


def _import_report(counts: dict[str, int]) -> str:
    report = _(
        "Import done: %(rows)d rows from %(orgs)d organisations; %(added)d proposals added, %(existing)d were already there.",
        rows=counts.get("rows", 0),
        orgs=counts.get("organisations", 0),
        added=counts.get("added", 0),
        existing=counts.get("existing", 0),
    )
    if counts.get("questions"):
        report += " " + _("%(n)d new questions were added.", n=counts["questions"])
    return report


@bp.get("/kierrokset/<slug>/tuo/ehdotukset/tyo/<job_id>")
@convenor_required
def progress(slug: str, job_id: str):
    """Progress of a background import, polled by the page's script."""
    from consult.jobs import get_job

    rnd = round_or_404(slug)
    info = get_job(job_id)
    if info is None or info.task != "consult.imports.tasks:import_answers":
        abort(404)
    job = info.as_dict()
    if job["status"] == "done":
        flash(_import_report(job["result"]), "success")
        return redirect(url_for("rounds.detail", slug=slug))
    return render_template("imports/progress.html", rnd=rnd, job=job, job_id=job_id)


def _organisations_page(upload: UploadForm, status: int = 200, **context):
    return import_page("imports/organisations.html", upload, status, **context)


@bp.route("/organisaatiot/tuo", methods=["GET", "POST"])
@convenor_required
def organisations_csv():
    """Import organisations into the directory from CSV: preview first, then confirm."""
    confirming = request.form.get("step") == "confirm"
    got = receive(_organisations_page)
    if not isinstance(got, Upload):
        # On confirming, the preview's key was tampered with or the file is gone: nothing saved.
        return abort(400) if confirming else got
    with bulk_work():
        parsed = organisations.parse_organisations(got.table)
    if confirming:
        return _apply_organisations(parsed, got.key)
    errors = [(line, row_error_message(code)) for line, code in parsed.errors]
    return _organisations_page(got.form, confirm=got.confirm, parsed=parsed, errors=errors)


def _apply_organisations(parsed: organisations.OrganisationImport, key: str):
    if parsed.errors:
        abort(400)
    with bulk_work():
        added, updated = organisations.apply_organisations(parsed)
    db.session.commit()
    uploads.discard(key)
    flash(
        _(
            "Import done: %(added)d organisations added, %(updated)d completed.",
            added=added,
            updated=updated,
        ),
        "success",
    )
    return redirect(url_for("organisations.index"))
