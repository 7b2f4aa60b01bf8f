"""Clustering with an automatic number of themes."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score


@dataclass
class ClusterResult:
    labels: np.ndarray
    k: int
    silhouette: float | None
    scores: dict[int, float]


def k_range(n: int) -> tuple[int, int]:
    """Smallest and largest number of themes worth trying for n proposals."""
    if n < 4:
        return 1, 1
    k_max = max(2, min(n // 3, round(math.sqrt(n))))
    return 2, k_max


def k_grid(k_min: int, k_max: int, max_points: int = 24) -> list[int]:
    """All k for small ranges, otherwise a geometric grid (dense at small k)."""
    if k_max - k_min + 1 <= max_points:
        return list(range(k_min, k_max + 1))
    grid = np.unique(np.round(np.geomspace(k_min, k_max, max_points)).astype(int))
    return [int(k) for k in grid]


def kmeans(X: np.ndarray, k: int, random_state: int, n_init: int = 3) -> np.ndarray:
    km = KMeans(n_clusters=k, n_init=n_init, random_state=random_state, max_iter=100)
    return km.fit_predict(X)


def _silhouette(X: np.ndarray, labels: np.ndarray, random_state: int) -> float:
    if len(set(labels.tolist())) < 2:
        return -1.0
    size = min(len(X), 3000)
    return float(
        silhouette_score(X, labels, metric="cosine", sample_size=size, random_state=random_state)
    )


def cluster(X: np.ndarray, n_clusters: int | None = None, random_state: int = 0) -> ClusterResult:
    """Cluster rows of X (L2-normalised); pick the number of clusters if not given."""
    n = len(X)
    if n == 0:
        return ClusterResult(np.zeros(0, dtype=int), 0, None, {})
    n_distinct = len(np.unique(np.round(X, 6), axis=0))
    if n_clusters is not None:
        k = max(1, min(int(n_clusters), n_distinct))
        if k == 1:
            return ClusterResult(np.zeros(n, dtype=int), 1, None, {})
        labels = kmeans(X, k, random_state)
        return ClusterResult(labels, k, _silhouette(X, labels, random_state), {})
    k_min, k_max = k_range(n)
    k_max = min(k_max, n_distinct)
    if k_max < 2:
        return ClusterResult(np.zeros(n, dtype=int), 1, None, {})
    best: tuple[float, int, np.ndarray] | None = None
    scores: dict[int, float] = {}
    for k in k_grid(k_min, k_max):
        labels = kmeans(X, k, random_state)
        s = _silhouette(X, labels, random_state)
        scores[k] = s
        if best is None or s > best[0]:
            best = (s, k, labels)
    assert best is not None
    return ClusterResult(best[2], best[1], best[0], scores)
