"""Score event clustering on a labelled JSONL corpus (one record per line with ``id`` and gold ``event``).

The real pipeline runs on the file (ingest, clean, dedup, events -- the stages that decide events; extraction
and comparison do not change them and would only blur the speed figure); the gold ``event`` is read here,
from the file, and never reaches the pipeline (ingest drops label fields). Pipeline articles are mapped back
to records through the record ``id`` that ingest keeps in the document's ``extra``.

Metrics: B-cubed precision/recall/F1 (Bagga & Baldwin 1998; per item, averaged over items) and pairwise
precision/recall/F1 over same-cluster pairs. ``score`` is B-cubed F1.
"""

from __future__ import annotations

import json
import resource
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Any, Hashable, Sequence

from ..errors import EvalError
from ..settings import Settings

__all__ = ["evaluate", "bcubed", "pairwise", "read_gold"]

_STAGES = ("ingest", "clean", "dedup", "events")


def _prf(p: float, r: float) -> tuple[float, float, float]:
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of predicted cluster labels against gold labels, item by item."""
    if len(pred) != len(gold):
        raise ValueError("pred and gold must label the same items")
    if not pred:
        return 1.0, 1.0, 1.0
    pc, gc, both = Counter(pred), Counter(gold), Counter(zip(pred, gold))
    n = len(pred)
    p = sum(both[(a, b)] / pc[a] for a, b in zip(pred, gold)) / n
    r = sum(both[(a, b)] / gc[b] for a, b in zip(pred, gold)) / n
    return _prf(p, r)


def pairwise(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """Pairwise (precision, recall, F1) over item pairs put in one cluster. No pairs predicted -> precision 1;
    no gold pairs -> recall 1 (nothing to find)."""
    if len(pred) != len(gold):
        raise ValueError("pred and gold must label the same items")

    def pairs(c: Counter) -> int:
        return sum(v * (v - 1) // 2 for v in c.values())

    tp, pp, gp = pairs(Counter(zip(pred, gold))), pairs(Counter(pred)), pairs(Counter(gold))
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    return _prf(p, r) if (pp or gp) else (1.0, 1.0, 1.0)


def read_gold(path: str | Path) -> dict[str, str]:
    """Record id -> gold event, from a JSONL file in the eval README format."""
    gold: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                rec = json.loads(line)
                gold[str(rec["id"])] = str(rec["event"])
    except (OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise EvalError(f"{path}: not a clustering file (JSONL with id and event): {exc}") from exc
    if not gold:
        raise EvalError(f"{path}: no records")
    return gold


def _peak_mb() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def evaluate(path: str | Path, settings: Settings | None = None, *, trace_memory: bool = False) -> dict[str, Any]:
    """Run the pipeline on ``path`` and score its events against the file's gold labels.

    ``peak_mb`` is the process's peak resident memory (it includes the interpreter and libraries); with
    ``trace_memory`` it is the peak of Python allocations during the run (tracemalloc, slower).
    """
    import newsweave

    gold = read_gold(path)
    nw = newsweave.open(":memory:", settings=settings)
    only = [n for n in _STAGES]
    if trace_memory:
        tracemalloc.start()
    t0 = time.perf_counter()
    summary = nw.run([str(path)], only=only)
    seconds = time.perf_counter() - t0
    if trace_memory:
        peak = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        tracemalloc.stop()
    else:
        peak = _peak_mb()
    store = nw.store
    record_of: dict[str, str] = {}
    for row in store.query("SELECT id, extra FROM documents"):
        rid = json.loads(row["extra"] or "{}").get("id")
        if rid is not None:
            record_of[row["id"]] = str(rid)
    pred_of = {record_of[a]: e for a, e in store.event_of().items() if a in record_of}
    ids = sorted(gold)
    # A record the pipeline dropped (rejected, or an exact duplicate of another record) counts as a cluster
    # of its own: it is scored, not silently left out.
    missing = [i for i in ids if i not in pred_of]
    pred = [pred_of.get(i, "missing:" + i) for i in ids]
    labels = [gold[i] for i in ids]
    bp, br, bf = bcubed(pred, labels)
    pp, pr, pf = pairwise(pred, labels)
    nw.store.close()
    return {
        "file": str(path),
        "score": round(bf, 4),
        "bcubed_precision": round(bp, 4),
        "bcubed_recall": round(br, 4),
        "bcubed_f1": round(bf, 4),
        "pairwise_precision": round(pp, 4),
        "pairwise_recall": round(pr, 4),
        "pairwise_f1": round(pf, 4),
        "n_docs": len(ids),
        "n_missing": len(missing),
        "n_gold": len(set(labels)),
        "n_pred": len(set(pred)),
        "seconds": round(seconds, 2),
        "docs_per_s": round(len(ids) / seconds, 1) if seconds > 0 else None,
        "peak_mb": round(peak, 1),
        "stage_seconds": {k: v.get("seconds") for k, v in summary.items()},
    }
