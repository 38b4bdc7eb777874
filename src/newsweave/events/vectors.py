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
# sentences at half weight (0.2 and 1.0 were both worse on ecbplus-dev). Character n-grams (off) once
# gained 2-3 points on ecbplus-dev/neus-dev but tripled the stage's time on gva-a; on the code of session 9
# (incident evidence, bridges, one-text layout) they give ecbplus-dev 0.9237 -> 0.9261 / 0.9193 / 0.9163 at
# 0.2 / 0.4 / 0.6 and gva-a -0.001 (events stage without bridges), so they stay off.
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
# Latent topics (LSA) mixed into short-text vectors: ``LSA_DIMS`` components of the run's own unigram TF-IDF,
# weight ``LSA_WEIGHT`` of the squared cosine (see _topics). neus-dev B3 F1 end to end, stemmed words,
# threshold 0.02: 0.8198 without, 0.8284 with (P 0.911 -> 0.916, R 0.745 -> 0.756), 0.8339 (P 0.919, R
# 0.763) with character n-grams in the SVD's input (LSA_CHARS). Harness sweep, words only: weight
# 0.25 at 50 / 100 / 150 dims 0.825 / 0.828 / 0.828; at 100 dims weight 0.15 / 0.35 / 0.5 0.827 / 0.824 /
# 0.821. Not for full articles, which share enough words as written (and need no topic to be told apart).
LSA_WEIGHT = 0.25
LSA_DIMS = 100
# Weight of the character n-grams (_char_grams) beside the words in the SVD's input (rows of both unit
# length): they let inflections and spellings ("castigates" / "castigated", "Kata'ib") share topics. As
# columns of their own (weight 0.5) they gained as much but cost 2.4x the events stage's time. neus-dev
# (harness) 0 / 0.5 / 1 / 2: 0.8275 / 0.8318 / 0.8338 / 0.8305.
LSA_CHARS = 1.0
# Character n-grams read only the title and the start of the lead: enough to match inflections and
# spelling variants ("slams"/"slammed", "Kataib"/"Kata'ib") without the cost of whole articles. Used by the
# ``chars`` block (off) and, for short texts, inside the topic SVD (LSA_CHARS).
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
    # Trailing columns every row fills (a topic or embedding block, named ``D:<i>``): the clustering multiplies
    # them as a dense array and does not count them as terms (ClusterParams.dense_columns).
    dense_columns: int = 0

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


def _char_grams(fields: Sequence[ArticleFields]) -> tuple[sparse.csr_matrix, list[str]]:
    """Character 3- to 5-grams of the title and the lead's first ``CHAR_SPAN`` characters, within words padded
    with a space (scikit-learn's ``char_wb`` analyser), as sublinear TF-IDF rows over the n-grams that two or
    more articles share (other columns dropped, rows unit length), and the n-gram of each column.

    Counted as articles x distinct words times words x n-grams: each distinct word is cut once, not once per
    occurrence (6,000 neus-dev rows: 0.4 s instead of 2.5 s)."""
    words: dict[str, int] = {}
    docs = [f"{f.title} {f.lead[:CHAR_SPAN]}".lower().split() for f in fields]
    per_doc = counts(docs, words)
    grams: list[list[str]] = []
    for word in words:
        padded = f" {word} "
        grams.append([padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1)])
    gram_vocabulary: dict[str, int] = {}
    c = sparse.csr_matrix(per_doc @ counts(grams, gram_vocabulary))
    df = np.bincount(c.indices, minlength=c.shape[1])
    kept = np.flatnonzero(df >= 2)
    c = c[:, kept]
    names = list(gram_vocabulary)
    return tfidf_rows(c, idf(c)).astype(np.float32), [names[k] for k in kept]


def _randomized_svd(
    x: sparse.csr_matrix, k: int, by_name: np.ndarray | None = None, oversample: int = 10, power: int = 2
) -> tuple[np.ndarray, np.ndarray]:
    """Left singular vectors and values of the top ``k`` components (Halko, Martinsson & Tropp 2011, the
    algorithm behind scikit-learn's ``randomized_svd``), with a fixed seed. Written out because importing
    scikit-learn for it adds ~120 MB of resident memory and ~1 s to a run; and because only the left side is
    needed, every factorisation is of the short side (rows x k, k x k), never of the long one (n-gram columns)."""
    rng = np.random.default_rng(0)
    omega = rng.standard_normal((x.shape[1], k + oversample)).astype(np.float32)
    if by_name is not None:
        # Row ``i`` of the projection goes to the column that comes ``i``-th by name (``by_name[i]``): every
        # later step is the same whatever the order of the columns, so this alone makes the result so.
        omega[by_name] = omega.copy()
    q, _ = np.linalg.qr(x @ omega)
    xt = x.T.tocsr()
    for _ in range(power):
        q, _ = np.linalg.qr(x @ (xt @ q))
    b = np.asarray(xt @ q)  # B^T, columns x (k + oversample)
    vals, vecs = np.linalg.eigh(b.T @ b)  # B B^T: ascending eigenvalues = squared singular values
    order = np.argsort(vals)[::-1][:k]
    return q @ vecs[:, order], np.sqrt(np.maximum(vals[order], 0.0))


def _text_blocks(
    fields: Sequence[ArticleFields], w: dict[str, float]
) -> tuple[sparse.csr_matrix, list[str], list[str]]:
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
    analyse = word_analyser(_TOKEN_PATTERN, _preprocess, bigrams=False)
    stem = _Stemmer()
    uni: list[list[str]] = []
    bi: list[list[str]] = []
    for f in fields:
        words = stem.words(analyse(" ".join([f.title] * TITLE_REPEAT + [f.lead, f.recap])))
        uni.append(words)
        bi.append([a + " " + b for a, b in zip(words, words[1:])])
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
    return sparse.csr_matrix(blocks), stem.surface(vocabulary), list(vocabulary)


_STEMS: dict[str, str] = {}
_STEMS_MAX = 500_000  # words (~60 MB at most); neus-dev has 20,000


class _Stemmer:
    """Snowball (Porter 2) stems of the short layout's words, one stemmer call per distinct word of the run.

    Paraphrasing reports of one story inflect the same verbs and nouns differently ("slams" / "slammed",
    "negotiations" / "negotiate"); in a headline and a lead there are too few words for the other shared ones
    to carry the pair. neus-dev B3 F1 0.8115 -> 0.8198 (P 0.909 -> 0.911, R 0.733 -> 0.745). Long articles
    keep their words unstemmed (the per-field layout): they share enough words as written, and a light
    suffix stemmer cost gva-a 0.002 and ecbplus-dev 0.001 there (BENCHMARKS.md). Column names stay readable
    (``surface``): each stem is shown as the first word seen with it, for the assignment notes.
    """

    def __init__(self) -> None:
        import snowballstemmer

        self._stem = snowballstemmer.stemmer("english").stemWord
        # Shared by the runs of one process: the open window's articles come back with every chunk. Bounded:
        # a long-lived process (the web app's uploads) must not grow it forever.
        if len(_STEMS) > _STEMS_MAX:
            _STEMS.clear()
        self._cache = _STEMS
        self._shown: dict[str, str] = {}

    def words(self, tokens: list[str]) -> list[str]:
        out = []
        for t in tokens:
            s = self._cache.get(t)
            if s is None:
                s = self._cache[t] = self._stem(t)
            if s not in self._shown:
                self._shown[s] = t
            out.append(s)
        return out

    def surface(self, vocabulary: dict[str, int]) -> list[str]:
        shown = self._shown
        return [" ".join(shown.get(w, w) for w in term.split(" ")) for term in vocabulary]


def _field_blocks(
    fields: Sequence[ArticleFields], w: dict[str, float]
) -> tuple[sparse.csr_matrix, list[str], list[str]]:
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
    return sparse.csr_matrix(text), list(vocabulary), list(vocabulary)


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
    short = is_short_text_corpus(fields)
    text, vocabulary, terms = (_text_blocks if short else _field_blocks)(fields, w)
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
        cm, char_names = _char_grams(fields)
        matrix = sparse.hstack([matrix, cm * np.float32(w["chars"])], format="csr")
        feats = np.concatenate([feats, np.array(["C:" + c for c in char_names], dtype=object)])
    matrix = l2_rows(matrix).astype(np.float32)
    assert matrix.shape[0] == n
    dense = 0
    topics = None
    if short and LSA_WEIGHT > 0:
        topics = _topics(text, terms, fields)
    if topics is not None:
        matrix = sparse.hstack(
            [matrix * np.float32(np.sqrt(1.0 - LSA_WEIGHT)), sparse.csr_matrix(topics * np.sqrt(LSA_WEIGHT))],
            format="csr",
        ).astype(np.float32)
        feats = np.concatenate([feats, np.array([f"D:{i}" for i in range(topics.shape[1])], dtype=object)])
        dense = topics.shape[1]
    return Vectors(matrix=matrix.tocsr(), feature_names=feats, dense_columns=dense)


def _topics(text: sparse.csr_matrix, terms: list[str], fields: Sequence[ArticleFields]) -> np.ndarray | None:
    """Unit rows of the top ``LSA_DIMS`` latent topics (truncated SVD, Deerwester et al. 1990) of the unigram
    columns of ``text`` and the character n-grams (_char_grams, weight ``LSA_CHARS``) that two or more
    articles share, or None when the run is too small to have that many topics.

    Paraphrased reports of one story ("slams" / "castigates", "jobless" / "unemployment") share few words,
    but their words co-occur with the same others across the run's articles; the topic block gives such a
    pair some cosine. It is appended as ``[sqrt(1 - a) * words, sqrt(a) * topics]``, so that the row cosine
    is ``(1 - a) cos_words + a cos_topics``, like the optional encoder (events/dense.py). Words in one article
    only cannot co-occur with anything and are left out: they only slow the SVD (172k columns -> 7k on
    6,000 neus-dev rows). Randomised SVD with a fixed seed: the same rows, in any order, give the same
    vectors (to float rounding, and up to the sign of a component, which no cosine sees).
    """
    shared = np.bincount(text.indices, minlength=text.shape[1]) >= 2
    unigram = np.array([" " not in t for t in terms], dtype=bool)
    cols = np.flatnonzero(unigram[: text.shape[1]] & shared)
    if min(text.shape[0], len(cols)) <= 2 * LSA_DIMS:
        return None
    # The SVD's random projection is drawn for the columns in the order of their terms (stems, n-grams), not
    # of first appearance: with the vocabulary numbered as the rows came, the topics, and the clusters,
    # depended on the order of the input's lines. One chunk of neus-dev stories, file order /
    # shuffled, B3 F1: 1,050 articles 0.9010 / 0.8943 -> 0.8988 / 0.8988, another 1,050 0.9034 / 0.8990 ->
    # 0.8993 / 0.8993, 3,000 0.8609 / 0.8632 -> 0.8610 / 0.8610 (BENCHMARKS.md, "neus-dev: size and order").
    # Permuting the projection rather than the matrix's columns: 0.03 s per 6,000 rows instead of 0.15 s.
    chars, grams = _char_grams(fields)
    x = sparse.hstack([text[:, cols], chars * LSA_CHARS], format="csr", dtype=np.float32)
    by_name = np.concatenate([np.argsort([terms[c] for c in cols], kind="stable"),
                              len(cols) + np.argsort(grams, kind="stable")])
    # Lazily: only corpora of short texts reach here.
    from threadpoolctl import threadpool_limits

    # One BLAS thread: the factorisations are small (~100 x 7,000) and OpenBLAS's spinning threads made them
    # 10-25x slower when the cores were busy (0.3 s against 3-8 s per 6,000 rows at load 5).
    with threadpool_limits(1):
        u, s = _randomized_svd(x, LSA_DIMS, by_name)
    z = (u * s).astype(np.float32)
    z /= np.maximum(np.linalg.norm(z, axis=1, keepdims=True), np.float32(1e-12))
    return z
