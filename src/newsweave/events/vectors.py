"""Article vectors: TF-IDF over the fields of :mod:`features`, one corpus vocabulary, fixed field weights.

Plain TF-IDF cosine separates incidents better than generic sentence encoders (they group by topic: every
shooting looks alike), so this is the whole representation. Word uni- and bigrams with sublinear tf and
English stop words; the IDF is the corpus's own (the run's articles plus the open events' articles), so
words that every article of a corpus shares ("shooting", "police") weigh little on that corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from .features import ArticleFields

__all__ = ["Vectors", "vectorise", "FIELD_WEIGHTS"]

# Field weights, calibrated on the clustering dev files (gva-a, ecbplus-dev, neus-dev; BENCHMARKS.md): the
# title and the names carry the incident; a recap sentence counts a fifth of a reporting one.
FIELD_WEIGHTS = {"title": 1.0, "lead": 1.0, "recap": 0.2, "names": 0.8}


def _identity(tokens: Sequence[str]) -> Sequence[str]:
    return tokens


@dataclass
class Vectors:
    """Row-normalised article vectors and the feature names behind their columns (for explanations)."""

    matrix: sparse.csr_matrix
    feature_names: np.ndarray

    def shared(self, i: int, j_vector: sparse.csr_matrix, k: int = 8) -> tuple[list[str], list[str]]:
        """The top ``k`` words and names that row ``i`` shares with a vector, heaviest contribution first."""
        prod = self.matrix[i].multiply(j_vector).tocoo()
        order = np.argsort(-prod.data, kind="stable")
        terms: list[str] = []
        names: list[str] = []
        for idx in order:
            f = str(self.feature_names[prod.col[idx]])
            if f.startswith("N:"):
                if len(names) < k:
                    names.append(f[2:].replace("_", " "))
            elif len(terms) < k:
                terms.append(f)
            if len(terms) >= k and len(names) >= k:
                break
        return terms, names


def vectorise(fields: Sequence[ArticleFields], weights: dict[str, float] | None = None) -> Vectors:
    """Vectorise articles; one row per entry of ``fields``."""
    w = {**FIELD_WEIGHTS, **(weights or {})}
    n = len(fields)
    words = TfidfVectorizer(
        ngram_range=(1, 2),
        sublinear_tf=True,
        stop_words="english",
        min_df=1,
        dtype=np.float32,
        token_pattern=r"(?u)\b[^\W\d_][\w'’\-]*[^\W_]\b|\b[^\W\d_]{2,}\b",
    )
    # The vocabulary and IDF come from whole articles; each field is then transformed on its own so it can
    # be weighted.
    words.fit([f"{f.title} {f.lead} {f.recap}" for f in fields] or [""])
    parts = []
    for name in ("title", "lead", "recap"):
        m = words.transform([getattr(f, name) for f in fields])
        parts.append(normalize(m) * w[name])
    text = parts[0] + parts[1] + parts[2]
    has_names = any(f.names for f in fields)
    if has_names:
        names = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, dtype=np.float32)
        nm = normalize(names.fit_transform([list(f.names) for f in fields])) * w["names"]
        matrix = sparse.hstack([text, nm], format="csr")
        feats = np.concatenate([words.get_feature_names_out(), "N:" + names.get_feature_names_out().astype(object)])
    else:
        matrix = text.tocsr()
        feats = words.get_feature_names_out()
    matrix = normalize(matrix).astype(np.float32)
    assert matrix.shape[0] == n
    return Vectors(matrix=matrix.tocsr(), feature_names=feats)
