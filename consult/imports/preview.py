"""The preview step every import shares: a file is uploaded, read and kept while the
convenor looks at the preview; confirming reads the kept file again (never a new upload)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import render_template, request
from flask_babel import gettext as _

from consult.imports import uploads
from consult.imports.reading import Table, TableError, read_table
from consult.imports.services import bulk_work
from forms.organisations import ConfirmImportForm, UploadForm


def import_page(
    template: str, upload: UploadForm, status: int = 200, **context: Any
) -> tuple[str, int]:
    """Render an import page (upload form, preview, row errors) with every value defaulted."""
    values: dict[str, Any] = {
        "confirm": None,
        "parsed": None,
        "table": None,
        "chosen": {},
        "errors": [],
        "mapping_error": None,
    }
    values.update(context)
    return render_template(template, upload=upload, **values), status


@dataclass
class Upload:
    """A posted import: its forms (the confirm form carrying the kept file) and its table."""

    form: UploadForm
    confirm: ConfirmImportForm
    table: Table
    key: str
    filename: str


def receive(page: Callable[..., Any]) -> Upload | Any:
    """An import's request: the posted table, or the page to answer with instead.

    Args:
        page: renders the import's page, ``page(upload_form)`` or with a status,
            ``page(upload_form, 400)``.

    Returns:
        The :class:`Upload` (its confirm form then names the kept file, for the preview), or
        the page: empty on GET, with the upload form's errors (400) when nothing usable was
        posted.
    """
    upload, confirm = UploadForm(), ConfirmImportForm()
    if request.method == "GET":
        return page(upload)
    got = uploaded_table(upload, confirm)
    if got is None:
        return page(upload, 400)
    table, key, filename = got
    confirm.payload.data, confirm.filename.data = key, filename
    return Upload(upload, confirm, table, key, filename)


def uploaded_table(upload: UploadForm, confirm: ConfirmImportForm) -> tuple[Table, str, str] | None:
    """The posted import's table: a new upload, or the file kept since the preview.

    Returns:
        (table, key of the stored file, filename), or None when nothing usable was posted
        (then the upload form carries the errors to show).
    """
    if not (confirm.validate_on_submit() or upload.file.data):
        return None
    return uploaded(upload, confirm)


def uploaded(upload: UploadForm, confirm: ConfirmImportForm) -> tuple[Table, str, str] | None:
    """The table from a new upload or from the file kept since the preview, else None.

    Returns:
        (table, key of the stored file, filename); on failure the upload form has errors.
    """
    if confirm.payload.data:
        key, filename = confirm.payload.data, confirm.filename.data or ""
        with bulk_work():
            table = uploads.load_table(key, filename)
        if table is not None:
            return table, key, filename
        data = uploads.load(key)
        if data is None:
            upload.file.errors = [*upload.file.errors, _("Choose the file again.")]
            return None
    elif upload.validate_on_submit():
        data, filename = upload.file.data.read(), upload.file.data.filename or ""
        key = None
    else:
        return None
    try:
        with bulk_work():
            table = read_table(data, filename)
    except TableError as exc:
        upload.file.errors = [*upload.file.errors, exc.message]
        return None
    key = key or uploads.store(data)
    uploads.store_table(key, filename, table)
    return table, key, filename
