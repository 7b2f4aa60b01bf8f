"""Lexical features: TF-IDF over lemma tokens (embeddings come from embeddings.py)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer


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
