"""Event clustering at 1x, 3x and 10x gva-a: memory should follow the open window, not the corpus.

Each copy of gva-a is shifted by +400 days (longer than the corpus' own span plus the event window, so copies
never share an open window) and its ids suffixed. Each k uses a store *file* (an in-memory store would count
the whole database as memory: 24 MB at 1x, 118 MB at 5x) and a fresh Python process per stage: ingest, clean
and dedup one after the other on that store, then the events stage alone, as a daily run of it would.
Reported:

- ``events s (docs/s)``: the events stage's wall clock (no tracemalloc: it slows allocation-heavy code);
- ``events RSS MB``: the peak resident memory of the events process (``ru_maxrss``), everything included:
  interpreter and libraries (~180 MB once numpy, scipy and scikit-learn are imported), BLAS buffers, SQLite's
  page cache, heap freed but kept by the allocator. In one process with the stages before it, it would also
  hold what they left (at 5x the process holds 391 MB after dedup, 259 MB after ``malloc_trim``);
- ``ingest/clean/dedup MB (s)``: the same peak (and wall clock) for each stage before events, each in its
  own process, so that each figure is that stage's own;
- with ``--trace``: ``events py MB``, the events stage's peak of Python allocations (tracemalloc; the figure
  of earlier tables, and what to diff when looking for the allocation sites), from a second events process
  on a copy of the prepared store (tracemalloc slows the stage; the seconds are the untraced run's).

    /work/venv/bin/python bench/clustering/bench_scale.py ../shared/eval/clustering/gva-a.jsonl [--trace] [1 3 10]
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


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


def _rss_mb() -> float:
    """This process's peak resident memory (``ru_maxrss``: KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 1024


PREP_STAGES = ("ingest", "clean", "dedup")


def stage(db: Path, name: str, path: str | None) -> dict[str, Any]:
    """Child process: one stage before events (ingest ``path``, clean or dedup) on the store file ``db``."""
    import newsweave

    nw = newsweave.open(str(db))
    t0 = time.perf_counter()
    nw.run([path] if path else [], only=[name])
    secs = time.perf_counter() - t0
    nw.store.close()
    return {"stage": name, "seconds": secs, "rss_mb": _rss_mb()}


def events(db: Path, trace: bool) -> dict[str, Any]:
    """Child process 2: the events stage alone on the prepared store, as a daily run of it would go."""
    import newsweave

    nw = newsweave.open(str(db))
    if trace:
        import tracemalloc

        tracemalloc.start()
    t0 = time.perf_counter()
    stats = nw.run([], only=["events"])["events"]
    secs = time.perf_counter() - t0
    py = None
    if trace:
        py = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    nw.store.close()
    return {"events": stats["events"], "seconds": secs, "rss_mb": _rss_mb(), "py_mb": py}


def _mb_s(result: dict[str, Any]) -> str:
    return f"{result['rss_mb']:.0f} ({result['seconds']:.1f})"


def _child(*args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--stage":  # children: --stage DB NAME [PATH], --events DB TRACE
        print(json.dumps(stage(Path(argv[1]), argv[2], argv[3] if len(argv) > 3 else None)))
        return
    if argv and argv[0] == "--events":
        print(json.dumps(events(Path(argv[1]), argv[2] == "1")))
        return
    trace = "--trace" in argv
    args = [a for a in argv if a != "--trace"]
    src = Path(args[0]).resolve()
    factors = [int(x) for x in args[1:]] or [1, 3, 10]
    print(f"{'copies':>6} {'docs':>7} {'events':>7} {'events s':>9} {'docs/s':>7} {'events RSS MB':>14}"
          + "".join(f" {name + ' MB (s)':>16}" for name in PREP_STAGES)
          + (f" {'events py MB':>13}" if trace else ""))
    for k in factors:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / f"gva-x{k}.db"
            path = db.with_suffix(".jsonl")
            docs = replicate(src, k, path)
            prep = [_child("--stage", str(db), name, *([str(path)] if name == "ingest" else []))
                    for name in PREP_STAGES]
            if trace:  # the same stage again on a copy of the prepared store, under tracemalloc
                shutil.copy(db, db.with_name("traced.db"))
            e = _child("--events", str(db), "0")
            if trace:
                e["py_mb"] = _child("--events", str(db.with_name("traced.db")), "1")["py_mb"]
        print(f"{k:>6} {docs:>7} {e['events']:>7} {e['seconds']:>9.1f} {docs / e['seconds']:>7.0f}"
              f" {e['rss_mb']:>14.0f}" + "".join(f" {_mb_s(p):>16}" for p in prep)
              + (f" {e['py_mb']:>13.0f}" if trace else ""), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
