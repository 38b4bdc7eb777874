"""Article vectors: TF-IDF over the fields of :mod:`features`, one corpus vocabulary, field weights.

Plain TF-IDF cosine separates incidents better than generic sentence encoders (they group by topic: every
shooting looks alike), so this is the default representation (an encoder can be mixed in as an optional
extra, :mod:`newsweave.events.dense`). Word uni- and bigrams with sublinear tf and
English stop words; the IDF is the corpus's own (the run's articles plus the open events' articles), so
words that every article of a corpus shares ("shooting", "police") weigh little on that corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy import sparse

from ._tfidf import counts, idf, l2_rows, tfidf_rows, word_analyser
from .features import ArticleFields

__all__ = ["Vectors", "vectorise", "FIELD_WEIGHTS", "is_short_text_corpus"]

# Block weights, calibrated on the clustering dev files with the average-link search in bench/clustering.
# Per-field layout (corpora of full articles): ``title``, ``lead``, ``recap`` blocks; one-text layout (short
# texts, _text_blocks): ``lead`` weighs the unigrams, ``bigrams`` the bigrams. ``names`` the names-and-numbers
# block, ``chars`` character n-grams of the title and lead start (both layouts).
# names=0 costs 3-4 B3 points on gva-a and ecbplus-dev; 0.8 keeps the seeds' 2021 reports together (0.4
# splits one off) but swamps short headline+lead texts, hence the length scaling below (NAMES_FULL_WORDS);
# a title weighted like the whole body (1.0) lost 3 points on ecbplus-dev (and 1 on neus-dev); recap
# sentences at half weight (0.2 and 1.0 were both worse on ecbplus-dev). Character n-grams (off)
# gained 2-3 points on ecbplus-dev/neus-dev but tripled the stage's time on gva-a.
FIELD_WEIGHTS = {"title": 0.5, "lead": 1.0, "recap": 0.5, "bigrams": 1.0, "names": 0.8, "chars": 0.0}
# The title enters the words block this many times (with sublinear tf, twice = 1.69x a body mention): it is
# the densest statement of the incident. neus-dev B3 F1 0.811 at 2.
TITLE_REPEAT = 2
# Words (title + body read) from which an article's names block gets the full ``FIELD_WEIGHTS["names"]``;
# shorter articles get proportionally less (names_weights). neus-dev (median 76 words) B3 F1 with the
# neighbourhood scaled for short texts (settings.event_hub_full_terms): 0.703 with a flat 0.8, 0.756 at
# 100 words, 0.781 at 200, 0.779 at 400; ecbplus-dev 0.902 -> 0.911, gva-a 0.9109 -> 0.9105; the seeds
# (300-500 words) keep 0.8.
NAMES_FULL_WORDS = 200.0
# Corpora (the rows of one vectorise call) whose median article has fewer words than this use the one-text
# layout (_text_blocks), the others the per-field layout. Per corpus, not per article: mixing the layouts
# in one corpus cost gva-a 0.6 B3 points even when only its articles under 150 words (a fifth) were
# blended towards one text. Medians: neus-dev 76 words (headline + lead), gva-a 217, ecbplus-dev 230.
SHORT_TEXT_WORDS = 150.0
# Character n-grams read only the title and the start of the lead: enough to match inflections and
# spelling variants ("slams"/"slammed", "Kataib"/"Kata'ib") without the cost of whole articles.
CHAR_SPAN = 200


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
            elif f.startswith(("C:", "D:")):
                continue  # character n-grams and embedding dimensions explain nothing to a reader
            elif len(terms) < k:
                terms.append(f)
            if len(terms) >= k and len(names) >= k:
                break
        return terms, names


def names_weights(fields: Sequence[ArticleFields], weight: float) -> np.ndarray:
    """The names block's weight per article: ``weight`` from ``NAMES_FULL_WORDS`` words up, shrinking in
    proportion below. A short text names one or two people ("Trump", "John Kerry"); unit-normalised, that
    block makes every report mentioning them near-identical, while in a long report the same shared name is
    one of dozens and the block measures what it should (which victims, streets, ages)."""
    if NAMES_FULL_WORDS <= 0:
        return np.full(len(fields), weight, dtype=np.float32)
    n = np.array([len(f.title.split()) + len(f.lead.split()) + len(f.recap.split()) for f in fields], dtype=np.float64)
    return (weight * np.minimum(1.0, n / NAMES_FULL_WORDS)).astype(np.float32)


_TOKEN_PATTERN = r"(?u)\b[^\W\d_][\w'’\-]*[^\W_]\b|\b[^\W\d_]{2,}\b"


_FIELDS = ("title", "lead", "recap")


def _text_blocks(fields: Sequence[ArticleFields], w: dict[str, float]) -> tuple[sparse.csr_matrix, list[str]]:
    """The words block of short texts: one text per article -- the title ``TITLE_REPEAT`` times, then lead
    and recap -- as two separately normalised blocks, unigrams (weight ``w["lead"]``) and bigrams (``w["bigrams"]``).

    One block per article, normalised once, rather than a block per field (title, lead, recap), each
    normalised on its own and summed: a short headline normalised alone lets its two or three topic words
    (a name, "impeach") weigh as much as the whole lead. Unigrams and bigrams are normalised apart so that
    the many bigrams a text owns -- paraphrased reports of one story share words, rarely word pairs -- do not
    dilute the unigrams it shares; the bigrams' weight shrinks with text length as the names block's does.
    neus-dev B3 F1 at threshold 0.02 with the squared hub rule (events/cluster.py hub_k), per-field blocks
    -> this: 0.780 -> 0.812 (bigrams not shrunk: 0.803). On the long-text corpora it was mixed: ecbplus-dev
    0.923 -> 0.926, gva-a (with its incident evidence, events/evidence.py) 0.944 -> 0.936, hence only for
    corpora of short texts (SHORT_TEXT_WORDS). Adding such a block *to* the per-field blocks: ecbplus-dev 0.902.
    """
    analyse = word_analyser(_TOKEN_PATTERN, _preprocess, bigrams=True)
    uni: list[list[str]] = []
    bi: list[list[str]] = []
    for f in fields:
        toks = analyse(" ".join([f.title] * TITLE_REPEAT + [f.lead, f.recap]))
        uni.append([t for t in toks if " " not in t])
        bi.append([t for t in toks if " " in t])
    vocabulary: dict[str, int] = {}
    uc = counts(uni, vocabulary)
    n_uni = len(vocabulary)
    bc = counts(bi, vocabulary)
    # ``counts`` sizes each matrix by the vocabulary at the time: pad the unigram block to the full width.
    uc = sparse.csr_matrix((uc.data, uc.indices, uc.indptr), shape=(len(fields), bc.shape[1]))
    blocks = tfidf_rows(uc, idf(uc)) * w["lead"]
    if w["bigrams"] > 0 and len(vocabulary) > n_uni:
        # Shrunk for short texts like the names block (names_weights): paraphrased headlines share words,
        # rarely word pairs, so a short text's bigrams mostly add unmatched mass.
        blocks = blocks + sparse.diags(names_weights(fields, w["bigrams"])) @ tfidf_rows(bc, idf(bc))
    return sparse.csr_matrix(blocks), list(vocabulary)


def _field_blocks(fields: Sequence[ArticleFields], w: dict[str, float]) -> tuple[sparse.csr_matrix, list[str]]:
    """The words block of full articles: title, lead and recap vectorised apart and summed with their weights."""
    n = len(fields)
    analyse = word_analyser(_TOKEN_PATTERN, _preprocess, bigrams=True)
    # One vocabulary, counted over every field of every article in a single pass; the IDF comes from whole
    # articles (a term counts once per article whichever fields hold it), and each field is then weighted
    # on its own.
    vocabulary: dict[str, int] = {}
    allc = counts((analyse(getattr(f, name)) for name in _FIELDS for f in fields), vocabulary)
    parts = [allc[k * n : (k + 1) * n] for k in range(len(_FIELDS))]
    weights_idf = idf(parts[0] + parts[1] + parts[2])
    text = sum(tfidf_rows(part, weights_idf) * w[name] for part, name in zip(parts, _FIELDS))
    return sparse.csr_matrix(text), list(vocabulary)


def is_short_text_corpus(fields: Sequence[ArticleFields]) -> bool:
    """True when the median article is shorter than ``SHORT_TEXT_WORDS`` (headline + lead corpora)."""
    if not fields:
        return False
    words = [len(f.title.split()) + len(f.lead.split()) + len(f.recap.split()) for f in fields]
    return float(np.median(words)) < SHORT_TEXT_WORDS


def vectorise(fields: Sequence[ArticleFields], weights: dict[str, float] | None = None) -> Vectors:
    """Vectorise articles; one row per entry of ``fields``."""
    w = {**FIELD_WEIGHTS, **(weights or {})}
    n = len(fields)
    text, vocabulary = (_text_blocks if is_short_text_corpus(fields) else _field_blocks)(fields, w)
    feats = np.array(vocabulary or ["_"], dtype=object)
    if any(f.names for f in fields):
        names_vocabulary: dict[str, int] = {}
        nc = counts([f.names for f in fields], names_vocabulary)
        nm = sparse.diags(names_weights(fields, w["names"])) @ tfidf_rows(nc, idf(nc))
        matrix = sparse.hstack([text, nm], format="csr")
        feats = np.concatenate([feats, np.array(["N:" + t for t in names_vocabulary], dtype=object)])
    else:
        matrix = sparse.csr_matrix(text)
    if w["chars"] > 0:
        from sklearn.feature_extraction.text import TfidfVectorizer

        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2, dtype=np.float32)
        short = [f"{f.title} {f.lead[:CHAR_SPAN]}".lower() for f in fields]
        cm = l2_rows(chars.fit_transform(short)) * w["chars"]
        matrix = sparse.hstack([matrix, cm], format="csr")
        char_names = np.array(["C:" + c for c in chars.get_feature_names_out()], dtype=object)
        feats = np.concatenate([feats, char_names])
    matrix = l2_rows(matrix).astype(np.float32)
    assert matrix.shape[0] == n
    return Vectors(matrix=matrix.tocsr(), feature_names=feats)
