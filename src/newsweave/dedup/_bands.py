"""MinHash LSH band keys as integers, so the store can index them and a run finds candidates among stored
articles with a lookup instead of an in-memory index of every article.

The sketches are datasketch's (same permutations, same low-32-bit input as :func:`._groups._candidates`) and
the bands are the (b, r) that datasketch's MinHashLSH picks for ``settings.lsh_threshold``: two articles are
candidates here exactly when they share a bucket of that index. A band of r <= 2 values below 2**32 (the
default scheme's range) is packed into one 64-bit key, which is exact; wider bands are hashed to 64 bits,
where a collision only adds a candidate that containment then judges.
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from itertools import combinations
from typing import Sequence

import numpy as np

from ..settings import Settings

__all__ = ["band_keys", "shared_band_pairs", "lsh_bands"]

_LOW32 = np.uint64(0xFFFFFFFF)


def lsh_bands(settings: Settings) -> tuple[int, int]:
    """(b, r): the number of bands and rows per band that MinHashLSH uses for these settings (28 x 2 for the
    defaults, 0.2 and 128)."""
    return _bands(settings.lsh_threshold, settings.minhash_perm)


@functools.lru_cache(maxsize=8)
def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def _to_signed(keys: np.ndarray) -> np.ndarray:
    return keys.astype(np.uint64).view(np.int64)  # SQLite integers are signed 64-bit


def band_keys(shingles: Sequence[np.ndarray], settings: Settings) -> list[tuple[int, np.ndarray]]:
    """(index, its b band keys as int64) for each of ``shingles`` that has any; empty texts get no keys, as
    they get no sketch in the batch path."""
    from datasketch import MinHash

    b, r = lsh_bands(settings)
    keys = [i for i, sh in enumerate(shingles) if len(sh)]
    batches = ((shingles[i] & _LOW32).tolist() for i in keys)
    sketches = MinHash.generator(batches, num_perm=settings.minhash_perm, hashfunc=int)
    out: list[tuple[int, np.ndarray]] = []
    for i, m in zip(keys, sketches):
        bands = np.asarray(m.hashvalues[: b * r], dtype=np.uint64).reshape(b, r)
        if r == 1:
            packed = bands[:, 0]
        elif r == 2 and int(bands.max()) <= 0xFFFFFFFF:
            packed = (bands[:, 0] << np.uint64(32)) | bands[:, 1]
        else:
            packed = np.array(
                [int.from_bytes(hashlib.blake2b(row.tobytes(), digest_size=8).digest(), "little") for row in bands],
                dtype=np.uint64,
            )
        out.append((i, _to_signed(packed)))
    return out


def shared_band_pairs(keyed: Sequence[tuple[int, np.ndarray]]) -> set[tuple[int, int]]:
    """Index pairs (i < j) among ``keyed`` that share a key in some band."""
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, keys in keyed:
        for band, key in enumerate(keys.tolist()):
            buckets[band, key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > 1:
            pairs.update(combinations(sorted(members), 2))
    return pairs
