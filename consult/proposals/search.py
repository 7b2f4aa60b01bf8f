"""Full-text search that understands Finnish forms.

Each proposal stores its lemmas (``consult.submissions.lemmas``) as one string
``" lemma lemma ... "``; a query is normalised the same way and every query lemma must
start a stored lemma. Plain ``LIKE`` works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa

from consult.submissions.models import Proposal


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def query_condition(query: str) -> sa.ColumnElement[bool] | None:
    """The WHERE condition for a search; None for an empty query.

    Proposals whose lemmas are not computed yet (just bulk-imported) match on their text.
    """
    words = query.split()
    if not words:
        return None
    from analysis import normalise

    lemmas = list(dict.fromkeys(normalise([query])[0]))
    raw = sa.and_(
        *(
            sa.func.lower(Proposal.text).like(f"%{_escape_like(w.lower())}%", escape="\\")
            for w in words
        )
    )
    if not lemmas:  # only stop words: match the words as typed
        return raw
    lemma_match = sa.and_(
        *(Proposal.search_text.like(f"% {_escape_like(lemma)}%", escape="\\") for lemma in lemmas)
    )
    return sa.or_(
        sa.and_(Proposal.search_text.is_not(None), lemma_match),
        sa.and_(Proposal.search_text.is_(None), raw),
    )
