"""Draft and final documents uploaded for following up the selected themes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from consult.curation import coverage as cov
from consult.curation.models import FollowUpDocument
from consult.curation.services import CurationError, NotFound
from consult.extensions import db
from consult.rounds.models import Round


def add_document(
    rnd: Round, *, name: str, stage: str, filename: str, data: bytes, user_id: int | None
) -> FollowUpDocument:
    """Store a draft or final document's text for comparison with the selected themes."""
    try:
        text = cov.extract_text(filename, data)
    except cov.UnreadableDocument as exc:
        raise CurationError(
            _l("The file could not be read. Upload a Word (.docx), PDF or text file that has text.")
        ) from exc
    document = FollowUpDocument(
        round_id=rnd.id,
        name=(name.strip() or filename)[:200],
        stage=stage,
        filename=filename[:255],
        text=text,
        uploaded_by_id=user_id,
    )
    db.session.add(document)
    db.session.flush()
    return document


def delete_document(rnd: Round, document_id: int) -> None:
    document = db.session.get(FollowUpDocument, document_id)
    if document is None or document.round_id != rnd.id:
        raise NotFound()
    db.session.delete(document)
    db.session.flush()
