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
