"""Article vectors: TF-IDF over the fields of :mod:`features`, one corpus vocabulary, fixed field weights.

Plain TF-IDF cosine separates incidents better than generic sentence encoders (they group by topic: every
shooting looks alike), so this is the whole representation. Word uni- and bigrams with sublinear tf and
English stop words; the IDF is the corpus's own (the run's articles plus the open events' articles), so
words that every article of a corpus shares ("shooting", "police") weigh little on that corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from .features import ArticleFields

__all__ = ["Vectors", "vectorise", "FIELD_WEIGHTS"]

# Field weights, calibrated on the clustering dev files with the average-link search in bench/clustering:
# names=0 costs 3-4 B3 points on gva-a and ecbplus-dev; 0.8 keeps the seeds' 2021 reports together (0.4
# splits one off) but swamps short headline+lead texts (neus-dev 0.69 at 0.8, 0.76 at 0.3: open issue);
# a title weighted like the whole body (1.0) lost 3 points on ecbplus-dev; recap sentences at half weight (0.2 and 1.0 were both worse on ecbplus-dev). Character n-grams (off)
# gained 2-3 points on ecbplus-dev/neus-dev but tripled the stage's time on gva-a.
FIELD_WEIGHTS = {"title": 0.5, "lead": 1.0, "recap": 0.5, "names": 0.8, "chars": 0.0}
# Character n-grams read only the title and the start of the lead: enough to match inflections and
# spelling variants ("slams"/"slammed", "Kataib"/"Kata'ib") without the cost of whole articles.
CHAR_SPAN = 200


def _identity(tokens: Sequence[str]) -> Sequence[str]:
    return tokens


_INNER_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’](?=[^\W\d_])")
_ACRONYM = re.compile(r"\b((?:[^\W\d_]\.){2,})")


def _preprocess(text: str) -> str:
    """Lower case, with the spelling variants of one name made equal: "Kata'ib" = "Kataib", "U.S." = "US".

    Possessives lose their apostrophe too ("Biden's" -> "bidens"), which costs nothing: both sides of a
    comparison are treated alike.
    """
    text = _ACRONYM.sub(lambda m: m.group(1).replace(".", ""), text)
    return _INNER_APOSTROPHE.sub("", text).lower()


@dataclass
class Vectors:
    """Row-normalised article vectors and the feature names behind their columns (for explanations)."""

    matrix: sparse.csr_matrix
    feature_names: np.ndarray

    def shared(self, i: int, j: int, k: int = 8) -> tuple[list[str], list[str]]:
        """The top ``k`` words and names rows ``i`` and ``j`` share, heaviest contribution first."""
        m = self.matrix
        ci, di = m.indices[m.indptr[i] : m.indptr[i + 1]], m.data[m.indptr[i] : m.indptr[i + 1]]
        cj, dj = m.indices[m.indptr[j] : m.indptr[j + 1]], m.data[m.indptr[j] : m.indptr[j + 1]]
        common, ii, jj = np.intersect1d(ci, cj, assume_unique=True, return_indices=True)
        order = np.argsort(-(di[ii] * dj[jj]), kind="stable")
        terms: list[str] = []
        names: list[str] = []
        for idx in order:
            f = str(self.feature_names[common[idx]])
            if f.startswith("N:"):
                if len(names) < k:
                    names.append(f[2:].replace("_", " "))
            elif f.startswith("C:"):
                continue  # character n-grams explain nothing to a reader
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
        dtype=np.float32,
        preprocessor=_preprocess,
        token_pattern=r"(?u)\b[^\W\d_][\w'’\-]*[^\W_]\b|\b[^\W\d_]{2,}\b",
    )
    # Each field is analysed once; the vocabulary and IDF come from whole articles (the fields' token lists
    # joined), and each field is then counted on its own so that it can be weighted.
    analyse = words.build_analyzer()
    tokens = {name: [analyse(getattr(f, name)) for f in fields] for name in ("title", "lead", "recap")}
    counter = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, dtype=np.float32)
    counter.fit([t + l + r for t, l, r in zip(tokens["title"], tokens["lead"], tokens["recap"])] or [["_"]])
    parts = [normalize(counter.transform(tokens[name])) * w[name] for name in ("title", "lead", "recap")]
    text = parts[0] + parts[1] + parts[2]
    has_names = any(f.names for f in fields)
    if has_names:
        names = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, dtype=np.float32)
        nm = normalize(names.fit_transform([list(f.names) for f in fields])) * w["names"]
        matrix = sparse.hstack([text, nm], format="csr")
        feats = np.concatenate([counter.get_feature_names_out(), "N:" + names.get_feature_names_out().astype(object)])
    else:
        matrix = text.tocsr()
        feats = counter.get_feature_names_out()
    if w["chars"] > 0:
        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2, dtype=np.float32)
        short = [f"{f.title} {f.lead[:CHAR_SPAN]}".lower() for f in fields]
        cm = normalize(chars.fit_transform(short)) * w["chars"]
        matrix = sparse.hstack([matrix, cm], format="csr")
        char_names = np.array(["C:" + c for c in chars.get_feature_names_out()], dtype=object)
        feats = np.concatenate([feats.astype(object), char_names])
    matrix = normalize(matrix).astype(np.float32)
    assert matrix.shape[0] == n
    return Vectors(matrix=matrix.tocsr(), feature_names=feats)
