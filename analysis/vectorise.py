"""Feature building: lexical TF-IDF (over lemmas) and its SVD, combined with embeddings."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def tfidf(
    token_lists: list[list[str]], min_df: int | None = None
) -> tuple[sp.csr_matrix, list[str]]:
    """Sublinear TF-IDF over lemma tokens, rows L2-normalised.

    ``min_df`` defaults to 2 (1 for tiny inputs, where every word counts). Returns the matrix
    and the vocabulary; an empty vocabulary gives an (n, 0) matrix.
    """
    n = len(token_lists)
    if min_df is None:
        min_df = 2 if n >= 20 else 1
    vec = TfidfVectorizer(
        analyzer=_identity,
        lowercase=False,
        min_df=min_df,
        max_df=1.0 if n < 20 else 0.5,
        sublinear_tf=True,
        norm="l2",
        dtype=np.float32,
    )
    try:
        X = vec.fit_transform(token_lists)
    except ValueError:  # no term survives the df limits (empty or tiny input)
        return sp.csr_matrix((n, 0), dtype=np.float32), []
    return X.tocsr(), list(vec.get_feature_names_out())


def svd(X: sp.csr_matrix, n_components: int, random_state: int = 0) -> np.ndarray:
    """TruncatedSVD of a TF-IDF matrix, rows L2-normalised (dense, float32)."""
    n, d = X.shape
    k = min(n_components, d - 1, n - 1)
    if k < 2:
        return normalize(np.asarray(X.todense(), dtype=np.float32)) if d else np.zeros((n, 0))
    Z = TruncatedSVD(n_components=k, algorithm="randomized", n_iter=5, random_state=random_state)
    out = Z.fit_transform(X).astype(np.float32)
    return normalize(out)


def combine(parts: list[tuple[np.ndarray, float]]) -> np.ndarray:
    """Concatenate L2-normalised blocks with weights; result rows L2-normalised.

    With weights w_i, the cosine of two combined rows is the w_i^2-weighted mean of the
    blocks' cosines, so the weights say how much each view counts.
    """
    blocks = [normalize(np.asarray(b, dtype=np.float32)) * w for b, w in parts if b.shape[1]]
    if not blocks:
        n = parts[0][0].shape[0] if parts else 0
        return np.zeros((n, 1), dtype=np.float32)
    return normalize(np.hstack(blocks)).astype(np.float32)
