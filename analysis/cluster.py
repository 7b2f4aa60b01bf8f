"""Spectral clustering on a k-nearest-neighbour graph, with the number of themes found by
the eigengap of the graph's normalised adjacency.

Why this design: on short opinion texts, KMeans straight on embeddings splits and merges
topics badly, while a kNN graph keeps only the reliable (local) similarities. The graph's
similarity mixes embedding cosine and full sparse TF-IDF cosine (an SVD of the TF-IDF loses
too much of the lexical signal). The number of clusters is where the spectrum of the
normalised adjacency drops most (eigengap), searched in a range that grows with the data.

Stability inside one question (``--stability`` of ``analysis.bench``; alternatives in
``tools/stability_experiments.py``): the same data with another seed gives the same themes
(Ward is deterministic), but themes found without a random 5 % of the proposals agree with
the full run's only at ARI 0.59 on argkp and 0.39 on Yle's questions (BERTopic: 0.63 on
argkp). Within one question opinions form a continuum, not separate clouds, so any split into
a handful of themes depends on which proposals are there. Every alternative measured that
keeps themes of usable size stayed at 0.5-0.7 (12 graph neighbours, embedding weight 0.9,
a k chosen by subsample agreement, votes of 20 subsample runs, density peaks); only votes of
average-linkage runs reached 0.86, by cutting each Yle question into 17 themes of median
size 3. The app answers re-runs with lineage instead: each new theme names its predecessor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from scipy.linalg import eigh
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import eigsh
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

SAMPLE_MAX_N = 8000  # larger inputs: cluster a sample, then assign the rest by kNN vote
# Up to this many proposals the top eigenpairs come from a dense eigendecomposition, above it
# from Lanczos (eigsh). `python tools/eigen_speed.py --embeddings ...` on Yle samples: at 300
# both take 0.006 s, at 600 dense 0.022 s and sparse 0.009 s, at 1,500 0.170 against 0.030 s,
# with eigenvalues within 1.3e-6 and the same number of themes; a big round's questions
# (1,000-1,500 proposals each) therefore take the sparse path.
DENSE_EIGH_MAX_N = 500
# A graph in separate parts takes the dense path up to this size (see spectrum; 3,000 rows
# take 1.4 s dense, so every question of a real round fits).
DISCONNECTED_DENSE_MAX_N = 3000
BLOCK_ROWS = 1024
# Up to this many proposals, the spectral vectors are grouped by Ward linkage (deterministic);
# above it KMeans (Ward keeps an m x m distance matrix: 3,000 rows are 36 MB, 8,000 256 MB).
# Questions in the app have tens to about 1,500 proposals, so they all take the Ward path;
# pooled benchmark runs of 6,400+ texts keep the KMeans path they were measured with.
WARD_MAX_N = 3000


@dataclass
class ClusterResult:
    labels: np.ndarray  # -1 marks proposals with no usable content (isolated in the graph)
    k: int
    silhouette: float | None
    eigenvalues: np.ndarray = field(default_factory=lambda: np.zeros(0))


def k_range(n: int) -> tuple[int, int]:
    """Smallest and largest number of themes considered for n proposals.

    Grows like sqrt(n): 150 proposals -> 3..12, 6,400 -> 3..80, capped at 100.

    Measured (engine 0.5.0, stop 18): the eigengap stops at the upper bound in 1 of 32 argkp
    groups and 1 of 32 Yle questions, so it rarely binds; the lower bound binds in 11 and 9.
    A lower bound of 2 on argkp gave NMI 0.299 against 0.325 and ARI 0.231 against 0.209 with
    3.3 themes per group against 4.8 (true 4.1): fewer, broader themes, kept at 3.
    """
    if n < 4:
        return 1, 1
    k_min = 2 if n < 30 else 3
    k_max = max(k_min, min(n // 3, round(math.sqrt(n)), 100))
    return k_min, k_max


def n_neighbours(n: int, lexical_only: bool) -> int:
    """Neighbours per node: enough to connect a theme, few enough to stay local.

    Measured within questions (argkp, 32 groups of 23-110, mean NMI with automatic k):
    5 neighbours (what this gives there) 0.308, a fixed 8 0.305, a fixed 12 0.311 - flat, so
    the rule is kept rather than fitted to that set.
    """
    k = round(math.sqrt(n) / 5)
    if lexical_only:  # bag-of-lemma similarities are sparser and noisier
        k = round(k * 1.5)
    return int(max(1, min(n - 1, max(5, min(k, 30)))))


def _block_similarity(
    rows: slice | np.ndarray,
    cols: np.ndarray | None,
    embeddings: np.ndarray | None,
    lexical: sp.csr_matrix | None,
    lexT: sp.csr_matrix | None,
    embedding_weight: float,
) -> np.ndarray:
    """Mixed cosine similarity of some rows against all rows (or the rows in ``cols``)."""
    n_rows = len(range(*rows.indices(10**12))) if isinstance(rows, slice) else len(rows)
    if cols is not None:
        n_cols = len(cols)
    elif embeddings is not None:
        n_cols = embeddings.shape[0]
    else:
        assert lexical is not None, "embeddings or lexical rows are needed"
        n_cols = lexical.shape[0]
    S = np.zeros((n_rows, n_cols), dtype=np.float32)
    if embeddings is not None:
        target = embeddings if cols is None else embeddings[cols]
        S += embedding_weight * (embeddings[rows] @ target.T)
    if lexT is not None and lexical is not None:
        S += (1.0 - embedding_weight) * (lexical[rows] @ lexT).toarray()
    return S


def assign_by_vote(
    rest: np.ndarray,
    sample: np.ndarray,
    sample_labels: np.ndarray,
    k: int,
    embeddings: np.ndarray | None,
    lexical: sp.csr_matrix | None,
    embedding_weight: float,
) -> np.ndarray:
    """Label each row in ``rest`` by a similarity-weighted vote of its k nearest sample rows."""
    use_lex = lexical is not None and lexical.shape[1] > 0 and embedding_weight < 1.0
    lexT = lexical[sample].T.tocsr() if use_lex and lexical is not None else None
    n_labels = int(sample_labels.max()) + 1
    out = np.empty(len(rest), dtype=int)
    k = min(k, len(sample))
    for start in range(0, len(rest), BLOCK_ROWS):
        rows = rest[start : start + BLOCK_ROWS]
        S = _block_similarity(rows, sample, embeddings, lexical, lexT, embedding_weight)
        idx = np.argpartition(-S, k - 1, axis=1)[:, :k]
        sims = np.maximum(np.take_along_axis(S, idx, axis=1), 1e-6)
        votes = np.zeros((len(rows), n_labels))
        np.add.at(
            votes, (np.repeat(np.arange(len(rows)), k), sample_labels[idx].ravel()), sims.ravel()
        )
        out[start : start + len(rows)] = votes.argmax(axis=1)
    return out


def knn_graph(
    n: int,
    n_neighbours: int,
    embeddings: np.ndarray | None,
    lexical: sp.csr_matrix | None,
    embedding_weight: float,
) -> sp.csr_matrix:
    """Symmetric kNN graph over the mixed cosine similarity, computed in row blocks.

    Similarity = w * embedding cosine + (1 - w) * TF-IDF cosine (both inputs row-normalised).
    """
    rows, cols, vals = [], [], []
    k = min(n_neighbours, n - 1)
    use_lex = lexical is not None and lexical.shape[1] > 0 and embedding_weight < 1.0
    lexT = lexical.T.tocsr() if use_lex and lexical is not None else None
    for start in range(0, n, BLOCK_ROWS):
        stop = min(n, start + BLOCK_ROWS)
        S = _block_similarity(slice(start, stop), None, embeddings, lexical, lexT, embedding_weight)
        S[np.arange(stop - start), np.arange(start, stop)] = -np.inf
        idx = np.argpartition(-S, k - 1, axis=1)[:, :k]
        sims = np.take_along_axis(S, idx, axis=1)
        rows.append(np.repeat(np.arange(start, stop), k))
        cols.append(idx.ravel())
        vals.append(np.maximum(sims.ravel(), 0.0))
    W = sp.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)
    )
    W = W.maximum(W.T).tocsr()
    W.eliminate_zeros()
    return W


def spectrum(W: sp.csr_matrix, m: int, random_state: int) -> tuple[np.ndarray, np.ndarray]:
    """Top-m eigenpairs of D^-1/2 W D^-1/2, eigenvalues descending."""
    n = W.shape[0]
    d = np.asarray(W.sum(axis=1)).ravel()
    d[d == 0] = 1.0
    inv = sp.diags(1.0 / np.sqrt(d))
    A = (inv @ W @ inv).tocsr()
    # Lanczos finds one eigenvalue of a repeated one at a time: a graph in several separate
    # parts (lexical-only input whose topics share no word) has eigenvalue 1 once per part,
    # and eigsh missed some (10 parts of 60 texts: 9 themes). Such graphs, and requests for
    # many eigenpairs (eigsh needs m < n - 1), take the exact dense path.
    dense = (
        n <= DENSE_EIGH_MAX_N
        or 4 * m >= n
        or (n <= DISCONNECTED_DENSE_MAX_N and connected_components(W, directed=False)[0] > 1)
    )
    m = min(m, n) if dense else min(m, n - 1)
    if dense:
        vals, vecs = eigh(A.toarray(), subset_by_index=[n - m, n - 1])
    else:
        v0 = np.random.default_rng(random_state).uniform(0.5, 1.0, size=n)
        # A Lanczos basis of ~1.5 m converges about twice as fast as ARPACK's default 2 m.
        ncv = min(n - 1, max(m + 20, int(1.5 * m)))
        vals, vecs = eigsh(A, k=m, which="LA", v0=v0, tol=1e-4, ncv=ncv)
    order = np.argsort(-vals, kind="stable")
    vecs = vecs[:, order]
    # Fix each eigenvector's sign so results do not depend on the solver's choice.
    signs = np.sign(vecs[np.argmax(np.abs(vecs), axis=0), np.arange(vecs.shape[1])])
    signs[signs == 0] = 1.0
    return vals[order], vecs * signs


def eigengap_k(eigenvalues: np.ndarray, k_min: int, k_max: int) -> int:
    """k with the largest drop lambda_k - lambda_{k+1} (1-based), k in [k_min, k_max]."""
    k_max = min(k_max, len(eigenvalues) - 1)
    if k_max < k_min:
        return max(1, min(k_min, len(eigenvalues)))
    gaps = eigenvalues[k_min - 1 : k_max] - eigenvalues[k_min : k_max + 1]
    return int(k_min + np.argmax(gaps))


def _unique_rows(
    idx: np.ndarray, embeddings: np.ndarray | None, lexical: sp.csr_matrix | None
) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the first of each group of identical rows, and the map back to all rows."""
    keys: dict[bytes, int] = {}
    first: list[int] = []
    inverse = np.empty(len(idx), dtype=int)
    for j, i in enumerate(idx):
        parts = []
        if embeddings is not None:
            parts.append(np.round(embeddings[i], 5).tobytes())
        if lexical is not None:
            lo, hi = lexical.indptr[i], lexical.indptr[i + 1]
            parts.append(
                lexical.indices[lo:hi].tobytes() + np.round(lexical.data[lo:hi], 5).tobytes()
            )
        key = b"|".join(parts)
        if key not in keys:
            keys[key] = len(first)
            first.append(int(i))
        inverse[j] = keys[key]
    return np.asarray(first, dtype=int), inverse


def cluster(
    n: int,
    embeddings: np.ndarray | None,
    lexical: sp.csr_matrix | None,
    embedding_weight: float = 0.7,
    n_clusters: int | None = None,
    random_state: int = 0,
) -> ClusterResult:
    """Cluster n proposals from row-normalised embeddings and/or TF-IDF rows."""
    if n == 0:
        return ClusterResult(np.zeros(0, dtype=int), 0, None)
    if embeddings is None:
        embedding_weight = 0.0
    has_content = np.ones(n, dtype=bool)
    if embeddings is None and lexical is not None:
        has_content = np.asarray(lexical.getnnz(axis=1) > 0)
    n_content = int(has_content.sum())
    labels = np.full(n, -1, dtype=int)
    if n_content < 4 or (n_clusters is not None and n_clusters <= 1):
        labels[has_content] = 0
        if n_content == 0:
            labels[:] = 0  # nothing to go on: one theme rather than only "Muut"
        return ClusterResult(labels, 1, None)

    # Identical texts (same embedding and lemmas) are clustered once: duplicates would make
    # degenerate eigenvectors and could land in different themes.
    idx_all = np.flatnonzero(has_content)
    idx, inverse = _unique_rows(idx_all, embeddings, lexical)
    first_all = idx.copy()
    if len(idx) < 4:
        labels[idx_all] = 0
        return ClusterResult(labels, 1, None)
    # Big inputs: the spectral step runs on a fixed random sample; the rest join by vote.
    rest = np.zeros(0, dtype=int)
    if len(idx) > SAMPLE_MAX_N:
        rng = np.random.default_rng(random_state)
        chosen = np.zeros(len(idx), dtype=bool)
        chosen[rng.choice(len(idx), SAMPLE_MAX_N, replace=False)] = True
        rest, idx = idx[~chosen], idx[chosen]
    E = embeddings[idx] if embeddings is not None else None
    L = lexical[idx] if lexical is not None else None
    m = len(idx)
    n_nb = n_neighbours(m, E is None)
    W = knn_graph(m, n_nb, E, L, embedding_weight)
    k_min, k_max = k_range(m)
    if n_clusters is not None:
        k_min = k_max = max(1, min(int(n_clusters), m))
    vals, vecs = spectrum(W, k_max + 1, random_state)
    k = k_max if n_clusters is not None else eigengap_k(vals, k_min, k_max)
    U = normalize(vecs[:, :k])
    # KMeans warns (and tests turn warnings into errors) if k exceeds the distinct points.
    k = min(k, len(np.unique(np.round(U, 6), axis=0)))
    if m <= WARD_MAX_N:
        # Ward linkage is deterministic: the same input gives the same themes whatever the
        # seed. Within questions (argkp, 32 groups, `python -m analysis.bench ... --group-by
        # group`) it scored mean NMI 0.325 / ARI 0.208 against KMeans' 0.312 / 0.200, and
        # ARI between seed 0 and seed 1 runs rose from 0.95 to 1.00.
        sub = AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(U)
    else:
        km = KMeans(n_clusters=k, n_init=4, random_state=random_state, max_iter=300)
        sub = km.fit_predict(U)
    unique_labels = np.full(n, -1, dtype=int)
    unique_labels[idx] = sub
    if len(rest):
        unique_labels[rest] = assign_by_vote(
            rest, idx, sub, n_nb, embeddings, lexical, embedding_weight
        )
    labels[idx_all] = unique_labels[first_all][inverse]
    sil = None
    if len(set(sub.tolist())) > 1:
        size = min(m, 2000)
        sil = float(silhouette_score(U, sub, sample_size=size, random_state=random_state))
    return ClusterResult(labels, len(set(sub.tolist())), sil, vals)


def centre_similarities(
    labels: np.ndarray,
    embeddings: np.ndarray | None,
    lexical: sp.csr_matrix | None,
    embedding_weight: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Mixed cosine of every row with every theme centre: (n x k matrix, theme labels)."""
    themes = np.asarray(sorted({int(x) for x in labels if x >= 0}), dtype=int)
    n = len(labels)
    S = np.zeros((n, len(themes)), dtype=np.float64)
    for block, w in ((embeddings, embedding_weight), (lexical, 1.0 - embedding_weight)):
        if block is None or w <= 0 or block.shape[1] == 0:
            continue
        centres = np.zeros((len(themes), block.shape[1]), dtype=np.float64)
        for j, lab in enumerate(themes):
            centre = np.asarray(block[labels == lab].mean(axis=0)).ravel()
            norm = np.linalg.norm(centre)
            centres[j] = centre / norm if norm > 0 else centre
        S += w * np.asarray(block @ centres.T)
    return S, themes


def mark_outliers(
    labels: np.ndarray,
    embeddings: np.ndarray | None,
    lexical: sp.csr_matrix | None,
    embedding_weight: float,
    threshold: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Move proposals far from every theme centre to "Muut" (-1); suggest their nearest theme.

    "Far" is relative to the data, so it holds for embedding cosines (all near 0.8) and for
    TF-IDF cosines (near 0.2) alike: a proposal goes to "Muut" if even its most similar
    centre is more than ``threshold`` robust standard deviations (1.4826 x median absolute
    deviation) below the median similarity of proposals to their own centre. With 3.0 this
    moved 0.5-4 % of the benchmark texts (argkp groups, Yle 6,400; printed by the bench).

    Returns:
        New labels, and per proposal the suggested theme for "Muut" members (else -1).
    """
    labels = np.asarray(labels, dtype=int).copy()
    suggestions = np.full(len(labels), -1, dtype=int)
    has_theme = labels >= 0
    # Fewer than 8 proposals give no usable spread; two themes at least, or "far" means nothing.
    if has_theme.sum() < 8 or len(set(labels[has_theme].tolist())) < 2:
        return labels, suggestions
    S, themes = centre_similarities(labels, embeddings, lexical, embedding_weight)
    column = {int(lab): j for j, lab in enumerate(themes)}
    own = np.array([S[i, column[int(lab)]] for i, lab in enumerate(labels) if lab >= 0])
    med = float(np.median(own))
    spread = 1.4826 * float(np.median(np.abs(own - med)))
    if spread <= 0:
        return labels, suggestions
    best = S.max(axis=1)
    nearest = themes[S.argmax(axis=1)]
    far = has_theme & (best < med - threshold * spread)
    labels[far] = -1
    suggestions[labels == -1] = nearest[labels == -1]
    return labels, suggestions
