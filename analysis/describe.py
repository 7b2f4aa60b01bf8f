"""Describing themes: class-based TF-IDF keywords, titles, representatives."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from .lemmatise import is_bound_form

OTHER_LABEL = -1
OTHER_TITLE = "Muut"


@dataclass
class Theme:
    """One theme found in a set of proposals.

    Attributes:
        label: Cluster label as in ``ThemeFinder.labels_`` (-1 is the "Muut" theme).
        title: Suggested title made of the top keywords.
        keywords: Readable lemmas, most characteristic first.
        members: Indices of the proposals in this theme.
        representatives: Up to five members closest to the theme's centre, best first.
        size: Number of members.
        word_frequencies: Keyword weights for a word cloud.
    """

    label: int
    title: str
    keywords: list[str]
    members: list[int]
    representatives: list[int]
    size: int
    word_frequencies: dict[str, float] = field(default_factory=dict)


def class_tfidf(
    token_lists: list[list[str]], labels: np.ndarray, label_set: list[int]
) -> dict[int, dict[str, float]]:
    """c-TF-IDF (BERTopic's formula): tf within the class times log(1 + A / f_t).

    ``A`` is the average number of tokens per class and ``f_t`` the term's frequency over all
    classes, so words frequent in one theme but rare elsewhere score high.
    """
    counts: dict[int, Counter] = {lab: Counter() for lab in label_set}
    for toks, lab in zip(token_lists, labels, strict=True):
        counts[int(lab)].update(t for t in toks if not is_bound_form(t))
    total = Counter()
    for c in counts.values():
        total.update(c)
    avg = max(1.0, sum(total.values()) / max(1, len(label_set)))
    scores: dict[int, dict[str, float]] = {}
    for lab, c in counts.items():
        n_tokens = sum(c.values()) or 1
        scores[lab] = {
            t: (f / n_tokens) * float(np.log1p(avg / total[t]))
            for t, f in c.items()
            if f >= 2 or len(c) < 50  # a word used once is no keyword unless text is scarce
        }
        if not scores[lab]:
            scores[lab] = {
                t: (f / n_tokens) * float(np.log1p(avg / total[t])) for t, f in c.items()
            }
    return scores


def pick_keywords(scores: dict[str, float], n: int = 10) -> list[str]:
    """Top terms by score, one per compound family.

    Compound lemmas come with their parts ("lapsilisä", "lapsi", "lisä"); showing all three
    wastes space. A term overlapping a chosen keyword is skipped, except that a compound
    scoring at least 0.4 times as high replaces its parts (it reads better).
    """
    chosen: list[str] = []
    for term, score in sorted(scores.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0])):
        overlap = [i for i, c in enumerate(chosen) if term in c or c in term]
        if overlap:
            parts = [chosen[i] for i in overlap]
            if all(c in term for c in parts) and score >= 0.4 * max(scores[c] for c in parts):
                chosen[overlap[0]] = term  # "ydinvoima" replaces "voima" and "ydin"
                for i in reversed(overlap[1:]):
                    del chosen[i]
            continue
        if len(chosen) < n:
            chosen.append(term)
        elif score < scores[chosen[-1]] * 0.5:
            break
    return chosen


def make_title(keywords: list[str], n: int = 3) -> str:
    """'Lapsilisä, verotus ja perhe' from the top keywords."""
    words = keywords[:n]
    if not words:
        return ""
    text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " ja " + words[-1]
    return text[0].upper() + text[1:]


def representatives(
    members: np.ndarray,
    embeddings: np.ndarray | None,
    lexical: sp.csr_matrix | None,
    embedding_weight: float,
    n: int = 5,
) -> list[int]:
    """Members most similar to their theme's centre (mixed cosine, as in the graph)."""
    if len(members) == 0:
        return []
    sims = np.zeros(len(members), dtype=np.float64)
    for block, w in ((embeddings, embedding_weight), (lexical, 1.0 - embedding_weight)):
        if block is None or w <= 0 or block.shape[1] == 0:
            continue
        rows = block[members]
        centre = np.asarray(rows.mean(axis=0)).ravel()
        norm = np.linalg.norm(centre)
        if norm > 0:
            sims += w * np.asarray(rows @ (centre / norm)).ravel()
    order = np.lexsort((members, -sims))  # ties by index: deterministic
    return [int(members[i]) for i in order[:n]]


def describe(
    token_lists: list[list[str]],
    labels: np.ndarray,
    embeddings: np.ndarray | None,
    lexical: sp.csr_matrix | None,
    embedding_weight: float,
    n_keywords: int = 10,
    n_cloud: int = 50,
) -> list[Theme]:
    """Build Theme objects for every label (including -1), ordered by size desc."""
    label_set = sorted({int(x) for x in labels})
    if not label_set:
        return []
    scores = class_tfidf(token_lists, labels, label_set)
    themes = []
    for lab in label_set:
        members = np.flatnonzero(labels == lab)
        kw = pick_keywords(scores[lab], n_keywords)
        cloud_terms = pick_keywords(scores[lab], n_cloud)
        top = max((scores[lab][t] for t in cloud_terms), default=1.0) or 1.0
        title = OTHER_TITLE if lab == OTHER_LABEL else make_title(kw) or f"Teema {lab + 1}"
        themes.append(
            Theme(
                label=lab,
                title=title,
                keywords=kw,
                members=[int(i) for i in members],
                representatives=representatives(members, embeddings, lexical, embedding_weight),
                size=len(members),
                word_frequencies={t: round(scores[lab][t] / top, 6) for t in cloud_terms},
            )
        )
    # Largest first; "Muut" last among equals is not needed: size decides, label breaks ties.
    themes.sort(key=lambda t: (t.label == OTHER_LABEL, -t.size, t.label))
    return themes
