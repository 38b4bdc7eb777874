"""Ingest + clean throughput and peak memory.

    .venv/bin/python bench/bench_ingest.py [FILE ...] [--repeat N]

Default input: ../shared/eval/clustering/gva-a.jsonl. Each repeat runs in a fresh process against a fresh
SQLite file on disk (the real store, WAL mode), so peak RSS is that of one run. Prints one JSON line per run
and the median docs/s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "clustering" / "gva-a.jsonl"

CHILD = r"""
import json, resource, sys, tempfile, time, os
import newsweave
paths = sys.argv[1:]
with tempfile.TemporaryDirectory() as d:
    nw = newsweave.open(os.path.join(d, "bench.db"))
    t0 = time.perf_counter()
    stats = nw.ingest(paths, show_progress=False, on_message=lambda m: None)
    dt = time.perf_counter() - t0
    n = nw.store.count("articles")
    nw.close()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"docs": n, "seconds": round(dt, 3), "docs_per_s": round(n / dt, 1), "peak_rss_mb": round(peak, 1),
                  "stages": {k: v.get("seconds") for k, v in stats.items()}}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", default=[str(DEFAULT)])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rates = []
    for _ in range(args.repeat):
        out = subprocess.run([sys.executable, "-c", CHILD, *args.files], capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rates.append(row["docs_per_s"])
        print(json.dumps(row))
    print(json.dumps({"median_docs_per_s": statistics.median(rates), "files": args.files}))


if __name__ == "__main__":
    main()
