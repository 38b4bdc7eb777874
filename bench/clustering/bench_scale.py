"""Event clustering at 1x, 3x and 10x gva-a: memory should follow the open window, not the corpus.

Each copy of gva-a is shifted by +400 days (longer than the corpus' own span plus the event window, so copies
never share an open window) and its ids suffixed. The events stage runs on a store already holding the
ingested, cleaned and deduplicated copies; its Python allocation peak is measured with tracemalloc and its
throughput with a wall clock (the stage alone; ``newsweave eval clustering`` reports the whole pipeline).

    /work/venv/bin/python bench/clustering/bench_scale.py ../shared/eval/clustering/gva-a.jsonl [1 3 10]
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import newsweave


def replicate(src: Path, copies: int, out: Path) -> int:
    rows = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for c in range(copies):
            for r in rows:
                r2 = dict(r, id=f"{r['id']}-{c}")
                if r.get("date"):
                    r2["date"] = (dt.date.fromisoformat(r["date"]) + dt.timedelta(days=400 * c)).isoformat()
                # Ingest keys documents by content: mark the copy so that it is a new document.
                r2["text"] = r["text"] + f"\n\n[copy {c}]"
                fh.write(json.dumps(r2) + "\n")
                n += 1
    return n


def main(argv: list[str]) -> None:
    src = Path(argv[0])
    factors = [int(x) for x in argv[1:]] or [1, 3, 10]
    print(f"{'copies':>6} {'docs':>7} {'events':>7} {'seconds':>8} {'docs/s':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for k in factors:
            path = Path(tmp) / f"gva-x{k}.jsonl"
            n = replicate(src, k, path)
            nw = newsweave.open(":memory:")
            nw.run([str(path)], only=["ingest", "clean", "dedup"])
            tracemalloc.start()
            t0 = time.perf_counter()
            stats = nw.run([], only=["events"])["events"]
            secs = time.perf_counter() - t0
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            print(f"{k:>6} {n:>7} {stats['events']:>7} {secs:>8.1f} {n / secs:>8.0f} {peak:>8.0f}", flush=True)
            nw.store.close()


if __name__ == "__main__":
    main(sys.argv[1:])
