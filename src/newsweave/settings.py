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
    lsh_threshold: float = 0.3
    shingle_size: int = 5
    # Share of the smaller article's shingles found in the larger one to call them copies. Seed 001/002
    # (the AFP copy reworded by two outlets) sit near 0.5; unrelated same-topic reports stay below 0.15.
    copy_containment: float = 0.4

    # --- events ---
    # How far apart (days) two dated articles may be and still report one incident.
    event_window_days: int = 7
    # Cosine similarity above which an article joins an event (tuned on the eval dev corpora, BENCHMARKS.md).
    event_threshold: float = 0.3
    # Similarity above which events join one story thread.
    story_threshold: float = 0.15


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
