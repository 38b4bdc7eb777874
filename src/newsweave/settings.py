"""The knobs. Every threshold lives here with a comment saying how it was calibrated.

Values can be overridden by environment variables ``NEWSWEAVE_<NAME>`` (upper case) or by passing a
:class:`Settings` built with :func:`dataclasses.replace`.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

__all__ = ["Settings", "load_settings", "DEFAULT_DB"]

DEFAULT_DB = "newsweave.db"


@dataclass(frozen=True)
class Settings:
    db: str = DEFAULT_DB

    # --- ingest ---
    # Files above this size are rejected rather than read whole: news articles are kilobytes, a 200 MB "text
    # file" is almost certainly a dump or a mistake.
    max_file_bytes: int = 200 * 1024 * 1024
    # Share of control/replacement characters above which decoded text is taken to be binary.
    max_garbage_ratio: float = 0.05

    # --- clean ---
    # A line that recurs verbatim in at least this many articles of one outlet is outlet furniture
    # (promo lines, footers). Three is the smallest count that is not a coincidence of two wire copies.
    boilerplate_min_repeats: int = 3

    # --- dedup ---
    # MinHash LSH finds candidates at a low Jaccard threshold (recall first); containment confirms them.
    minhash_perm: int = 128
    # Jaccard is not containment: an equal-sized pair at containment 0.5 has Jaccard 0.33, a short copy inside
    # a long rewrite less. Calibrated on gva-a (bodies after dropping lines repeated in >= 3 docs): against an
    # exhaustive inverted-index search, 0.3 missed 8 of 92 pairs at containment >= 0.5, 0.2 missed 2, 0.1
    # missed 1 at twice the candidates; candidates are cheap to confirm, so recall wins.
    lsh_threshold: float = 0.2
    # Word 5-grams: at 3-4 words independent reports share stock phrases ("in response to attacks on"); seed
    # 000-003 (independent, same strike) is 0.12 containment at 3 words, 0.07 at 5, while 001-002 (AFP copy)
    # drops only from 0.70 to 0.63.
    shingle_size: int = 5
    # Share of the smaller article's shingles found in the larger one to call them copies (body lines only).
    # Seeds: 001/002 (one AFP copy reworded by two outlets, 001 with added paragraphs) 0.63; independent
    # reports of one strike (000/003/004) <= 0.07. gva-a: syndicated station copies score 0.7-1.0; 0.4-0.5 is
    # mostly one outlet's follow-up story reusing a few paragraphs of its first report, which is not a copy.
    # neus-dev (three outlets per story, headline + lead): independent leads quoting one statement or tweet
    # reach 0.51-0.65, so the bar must also hold outside quotations (dedup/_groups.py): they fall to
    # 0.00-0.28 while the seed copy keeps 0.56. Result: 16 groups, 15 of identical leads, 1 reworded copy.
    copy_containment: float = 0.5
    # rapidfuzz ratio (0-100, normalised sentences) above which a copy's sentence is the canonical's sentence
    # edited. Seeds 001/002: reworded pairs score 74-97, the best match of an unrelated sentence <= 49.
    copy_sentence_match: float = 60.0

    # --- events ---
    # How far apart (days) two dated articles may be and still report one incident; an event whose last
    # article is older than this (counted from a run's earliest new article) is closed. gva-a: 30 days keeps
    # 79% of same-incident article pairs within reach (7 days: 66%, 60 days: 84%); the README's GVA baseline
    # used 30. 60 since dated pairs are scored with a time decay and incident facts (events/evidence.py), which
    # keep the far pairs that do link to near-certain ones, and later reports of a closed event can still join
    # it by name (events/bridge.py). gva-a B3 F1 / pairwise with both: 30 days 0.940 / 0.823, 45 0.943 / 0.839,
    # 60 0.944 / 0.847, 90 0.941 / 0.832. Undated corpora are not affected.
    event_window_days: int = 60
    # Average-link threshold on locally scaled cosine (cosine minus the mean of the two articles' k-NN
    # cosines, events/cluster.py), so 0 means "as similar as its neighbourhood". One value for all corpora,
    # swept 0.01..0.07 on gva-a and ecbplus-dev: 0.02-0.03 best for their sum; 0.02 keeps the seeds' three
    # 2021 reports together (0.03 split one off: 004 joined at 0.027, a thin margin; with leave-pair-out scaling,
    # events/cluster.py, it joins at 0.087 and the nearest other-event pair is at -0.015). Leave-pair-out re-swept
    # (cached-feature harness, B3 F1 gva-a/ecbplus-dev/neus-dev): 0.02 -> 0.909/0.913/0.778, 0.025 -> 0.913/0.905,
    # 0.03 -> 0.913/0.900/0.780; end-to-end at 0.02: 0.909/0.913/0.772. Re-checked with the
    # length adaptation (hub_full_terms, names scaling), B3 F1 gva-a / ecbplus-dev / neus-dev: 0.01 ->
    # 0.906 / 0.915 / 0.769; 0.02 -> 0.911 / 0.911 / 0.781; 0.03 -> 0.913 / 0.895 / 0.782.
    event_threshold: float = 0.02
    # Neighbours used for local scaling (CSLS). With 40 (swept 3/10/30/40/60/80 on gva-a and ecbplus-dev) the
    # neighbourhood spans more than one incident even on corpora of large events (ECB+: ~12 articles each),
    # so the same threshold suits corpora of large and of small events; 10 needed -0.1 on one and 0 on the other.
    event_hub_k: int = 40
    # Corpora whose median article has fewer distinct terms than this use proportionally fewer neighbours
    # (events/cluster.py hub_k): short headline+lead texts. At 200, neus-dev (median 78 terms) gets 16
    # neighbours (10-16 all score 0.78-0.79 in B3 F1 with the names scaling, 40 gives 0.71); gva-a (median
    # 200 terms) and ecbplus-dev (217) keep 40. Full pipeline with the names scaling, neus-dev B3 F1 0.639
    # -> 0.774, gva-a 0.911 -> 0.911, ecbplus-dev 0.902 -> 0.911. Per-article instead of per-corpus cost ecbplus-dev 5-10 points (its short
    # articles belong to large events, whose members fill a small neighbourhood).
    event_hub_full_terms: float = 200.0
    # How steeply the neighbourhood shrinks below ``event_hub_full_terms``: k = event_hub_k * (terms /
    # full) ** exponent, at least ``event_hub_min_k``. Headline+lead texts share so few terms that their
    # cosines fall to ~0 within a handful of ranks; with the single words block (events/vectors.py) neus-dev
    # (median 80 terms) B3 F1 at threshold 0.02: 16 neighbours (exponent 1) 0.785, 8 0.815, 6 (exponent 2)
    # 0.811, 5 0.807; gva-a and ecbplus-dev (median >= 200 terms) keep 40 whatever the exponent.
    event_hub_exponent: float = 2.0
    event_hub_min_k: int = 3
    # Mix all-MiniLM-L6-v2 sentence embeddings into the article vectors of short-text corpora (extra
    # ``embeddings``, needs PyTorch; events/dense.py): cosine = (1 - w) * TF-IDF + w * embedding. Off by
    # default: it encodes ~20 articles/s per core. neus-dev B3 F1 0.812 -> 0.845 at w = 0.4 (cached-feature
    # harness: 0.2 -> 0.834, 0.3 -> 0.840); on full articles it hurts (ecbplus-dev 0.923 -> 0.872), so
    # corpora of full articles never use it (events/vectors.py SHORT_TEXT_WORDS).
    event_embeddings: bool = False
    event_embedding_weight: float = 0.4
    # New articles clustered together per chunk (and, without dates, the window counted in articles):
    # bounds memory to dense chunk^2 (float64, 72 MB at 3000) and chunk x open-articles (float32) blocks;
    # open-open similarities are only taken 1024 rows at a time (events/cluster.py). neus-dev peak RSS
    # 1983 -> 575 MB with identical clusters.
    event_chunk: int = 3000
    # Cosine between event summaries (TF-IDF of titles, leads and names) at or above which two events may be
    # linked into one story thread; a link also needs each among the other's events/stories.py STORY_K nearest
    # (alone, this threshold chains most events into one story). Not swept: 0.15 puts the seeds' 2021 and
    # 2024 strikes in one thread (tests/events); no eval file labels stories.
    story_threshold: float = 0.15

    # --- web ---
    # Raster map tiles behind the event map, as a URL template with {z}, {x} and {y} (e.g. a local tile
    # server's http://localhost:8080/tile/{z}/{x}/{y}.png). Empty (the default) keeps the map offline: points
    # on a drawn graticule, and a Content-Security-Policy that lets no image in from elsewhere.
    map_tile_url: str = ""
    # Credit line shown under a tiled map (tile providers require one, e.g. "© OpenStreetMap contributors").
    map_tile_attribution: str = ""


def _coerce(value: str, typ: type) -> object:
    if typ is bool:
        return value.lower() in ("1", "true", "yes", "on")
    return typ(value)


def load_settings(**overrides: object) -> Settings:
    """Defaults, then ``NEWSWEAVE_*`` environment variables, then keyword overrides."""
    values: dict[str, object] = {}
    for f in dataclasses.fields(Settings):
        env = os.environ.get(f"NEWSWEAVE_{f.name.upper()}")
        if env is not None:
            typ = type(f.default)
            values[f.name] = _coerce(env, typ)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)  # type: ignore[arg-type]
