"""Draft and final documents uploaded for following up the highlights: their text."""

from __future__ import annotations

import io

from consult.curation.errors import CurationError, NotInSelection
from consult.errors import ErrorCode
from consult.extensions import db
from consult.followup.models import FollowUpDocument
from consult.rounds.models import Round

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


class UnreadableDocument(ValueError):
    """The file is not a DOCX, PDF or text file, or it has no text."""


def add_document(
    rnd: Round, *, name: str, stage: str, filename: str, data: bytes, user_id: int | None
) -> FollowUpDocument:
    """Store a draft or final document's text for comparison with the highlights.

    Raises:
        CurationError: the file is too large or has no readable text.
    """
    if len(data) > MAX_DOCUMENT_BYTES:
        raise CurationError(ErrorCode.DOCUMENT_TOO_LARGE)
    try:
        text = extract_text(filename, data)
    except UnreadableDocument as exc:
        raise CurationError(ErrorCode.DOCUMENT_UNREADABLE) from exc
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
        raise NotInSelection()
    db.session.delete(document)
    db.session.flush()


# --- reading a file's text -------------------------------------------------------------


def extract_text(filename: str, data: bytes) -> str:
    """The text of a DOCX, PDF or plain-text file, paragraphs separated by blank lines."""
    name = filename.lower()
    if name.endswith(".docx") or data[:2] == b"PK":
        text = _docx_text(data)
    elif name.endswith(".pdf") or data[:5] == b"%PDF-":
        text = _pdf_text(data)
    else:
        text = _plain_text(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise UnreadableDocument("no text")
    return text


def _docx_text(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on a bad file
        raise UnreadableDocument("not a docx") from exc
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" · ".join(cell.text for cell in row.cells))
    return "\n\n".join(p.strip() for p in parts if p.strip())


def _pdf_text(data: bytes) -> str:
    try:
        import pypdf
    except ImportError as exc:  # pragma: no cover - pypdf is a dependency
        raise UnreadableDocument("pypdf missing") from exc
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on a bad file
        raise UnreadableDocument("not a pdf") from exc
    return "\n\n".join(pages)


def _plain_text(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise UnreadableDocument("binary")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument("encoding")  # pragma: no cover - cp1252 decodes almost anything
