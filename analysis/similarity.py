"""Text similarity of lemma tokens: nearest documents and how well passages answer themes.

Pure functions over token lists (``analysis.normalise``) and plain text: TF-IDF cosine, so
inflected and compound Finnish forms meet (*järjestöavustusten* ↔ *avustus*). No Flask,
no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from analysis.lemmatise import normalise

PASSAGE_WORDS = 80  # a long paragraph is cut at sentence ends into pieces of about this size
WINDOW = 2  # consecutive paragraphs per passage
TOP_PASSAGES = 3


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def tokens(texts: Sequence[str], stop_words: Iterable[str] = ()) -> list[list[str]]:
    """Lemma tokens per text, without ``stop_words``."""
    return normalise(list(texts), extra_stop_words=stop_words)


def similarity(queries: Sequence[Sequence[str]], docs: Sequence[Sequence[str]]) -> np.ndarray:
    """Cosine similarity (queries × docs) of TF-IDF vectors over token lists."""
    if not queries or not docs:
        return np.zeros((len(queries), len(docs)))
    all_tokens = [list(t) for t in queries] + [list(t) for t in docs]
    if not any(all_tokens):
        return np.zeros((len(queries), len(docs)))
    vectoriser = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
    X = normalize(vectoriser.fit_transform(all_tokens))
    Q, D = X[: len(queries)], X[len(queries) :]
    return np.asarray((Q @ D.T).todense())


def nearest(queries: Sequence[Sequence[str]], docs: Sequence[Sequence[str]]) -> list[int | None]:
    """Index of the most similar doc for each query, or None when nothing is shared."""
    sims = similarity(queries, docs)
    result: list[int | None] = []
    for row in sims:
        best = int(np.argmax(row)) if len(row) else 0
        result.append(best if len(row) and row[best] > 0 else None)
    return result


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a document; long ones cut at sentence ends.

    PDF text often has a line break at every line and no blank lines; then lines that do
    not end a sentence are joined with the next.
    """
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    result: list[str] = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        current = ""
        for line in lines:
            current = f"{current} {line}".strip()
            if re.search(r"[.!?:;]$", line) or line.startswith(("•", "-", "–")):
                result.extend(_cut(current))
                current = ""
        if current:
            result.extend(_cut(current))
    return result


def _cut(paragraph: str) -> list[str]:
    words = paragraph.split()
    if len(words) <= PASSAGE_WORDS:
        return [paragraph]
    pieces: list[str] = []
    current: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
        current.append(sentence)
        if sum(len(s.split()) for s in current) >= PASSAGE_WORDS:
            pieces.append(" ".join(current))
            current = []
    if current:
        pieces.append(" ".join(current))
    return pieces


def passages(text: str) -> list[str]:
    """Windows of ``WINDOW`` consecutive paragraphs (one window when the text is short)."""
    paras = paragraphs(text)
    if len(paras) <= WINDOW:
        return [" ".join(paras)] if paras else []
    return [" ".join(paras[i : i + WINDOW]) for i in range(len(paras) - WINDOW + 1)]


@dataclass
class Coverage:
    score: int  # 0–100
    passages: list[tuple[str, int]]  # the closest passages with their score 0–100


def coverage(
    themes: Sequence[tuple[str, Sequence[str]]], text: str, stop_words: Iterable[str] = ()
) -> list[Coverage]:
    """How closely a document's passages answer each theme.

    Args:
        themes: Per theme, its core text (title, statement, keywords) and its proposals.
        text: The document's text.
        stop_words: Words left out of the comparison besides the usual stop words.

    Returns:
        Per theme, a score 0–100 (0.6 × the best passage's cosine + 0.4 × the mean of the
        top three) and the top passages. The core text weighs twice the proposals.
    """
    chunks = passages(text)
    if not themes:
        return []
    if not chunks:
        return [Coverage(0, []) for _ in themes]
    stop = list(stop_words)
    core = tokens([c for c, _ in themes], stop)
    props = tokens([" ".join(p) for _, p in themes], stop)
    docs = tokens(chunks, stop)
    sims_core = similarity(core, docs)
    sims_props = similarity(props, docs)
    has_props = np.array([1.0 if any(p) else 0.0 for _, p in themes])[:, None]
    sims = (2 * sims_core + has_props * sims_props) / (2 + has_props)
    result = []
    for row in sims:
        order = np.argsort(-row)[:TOP_PASSAGES]
        top = [float(row[i]) for i in order]
        score = 0.6 * top[0] + 0.4 * float(np.mean(top))
        result.append(
            Coverage(
                score=int(round(min(1.0, score) * 100)),
                passages=[(chunks[i], int(round(row[i] * 100))) for i in order if row[i] >= 0.05],
            )
        )
    return result


class DocIndex:
    """Docs prepared once for many :meth:`nearest` calls with few queries each.

    Gives what :func:`nearest` gives for the same queries and docs (TF-IDF fitted on the
    queries and docs together, sublinear tf, smoothed idf, l2 norm), but the docs' term
    counts are kept, so a call costs the queries' size, not the docs'.
    """

    def __init__(self, docs: Sequence[Sequence[str]]) -> None:
        from scipy import sparse

        vocabulary: dict[str, int] = {}
        rows, cols, values = [], [], []
        for i, doc in enumerate(docs):
            counts: dict[int, int] = {}
            for token in doc:
                j = vocabulary.setdefault(token, len(vocabulary))
                counts[j] = counts.get(j, 0) + 1
            for j, c in counts.items():
                rows.append(i)
                cols.append(j)
                values.append(1.0 + np.log(c))
        self.n_docs = len(docs)
        self.vocabulary = vocabulary
        self.tf = sparse.csr_matrix(
            (values, (rows, cols)), shape=(len(docs), len(vocabulary)), dtype=np.float64
        )
        self.df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=len(vocabulary))

    def nearest(self, queries: Sequence[Sequence[str]]) -> list[int | None]:
        """Index of the most similar doc for each query, or None when nothing is shared."""
        from scipy import sparse

        if not queries or not self.n_docs:
            return [None] * len(queries)
        n = self.n_docs + len(queries)
        query_counts = [dict.fromkeys(q, 0) for q in queries]
        for counts, q in zip(query_counts, queries, strict=True):
            for token in q:
                counts[token] += 1
        extra_df: dict[str, int] = {}
        for counts in query_counts:
            for token in counts:
                extra_df[token] = extra_df.get(token, 0) + 1
        df = self.df.astype(np.float64)
        for token, k in extra_df.items():
            j = self.vocabulary.get(token)
            if j is not None:
                df[j] += k
        idf = np.log((1 + n) / (1 + df)) + 1
        weighted = self.tf.multiply(idf[None, :]).tocsr()
        doc_norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        rows, cols, values = [], [], []
        query_norms = np.zeros(len(queries))
        for i, counts in enumerate(query_counts):
            for token, c in counts.items():
                j = self.vocabulary.get(token)
                token_idf = idf[j] if j is not None else np.log((1 + n) / (1 + extra_df[token])) + 1
                w = (1.0 + np.log(c)) * token_idf
                query_norms[i] += w * w
                if j is not None:
                    rows.append(i)
                    cols.append(j)
                    values.append(w)
        Q = sparse.csr_matrix(
            (values, (rows, cols)), shape=(len(queries), len(self.vocabulary)), dtype=np.float64
        )
        dots = np.asarray((Q @ weighted.T).todense())
        scale = np.outer(np.sqrt(query_norms), doc_norms)
        with np.errstate(invalid="ignore", divide="ignore"):
            sims = np.where(scale > 0, dots / np.where(scale > 0, scale, 1.0), 0.0)
        result: list[int | None] = []
        for row in sims:
            best = int(np.argmax(row))
            result.append(best if row[best] > 0 else None)
        return result
