"""Peak memory and seconds of the ingest and clean stages over k copies of a corpus, each stage in its own process.

    PYTHONPATH=$PWD/src /work/venv/bin/python bench/bench_stage_memory.py /work/shared/eval/clustering/gva-a.jsonl 1 10
    PYTHONPATH=$PWD/src /work/venv/bin/python bench/bench_stage_memory.py gva-a.jsonl 10 --runs   # one run per copy

Copies come from ``bench/clustering/bench_scale.py``'s ``replicate`` (dates +400 days per copy, a ``[copy c]`` line
appended to every text). Without ``--runs`` all k copies go in one run, ingest in one process and clean in the
next (``ru_maxrss``: the interpreter and imports included, ~85 MB). With ``--runs`` each copy is ingested and then
cleaned as its own run, as a daily feed would be, in one process: clean seconds per run and the peak RSS.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "clustering"))
from bench_scale import replicate  # noqa: E402

_STAGE = """
import json, resource, sys, time
import newsweave
db, stage, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
nw = newsweave.open(db)
t = time.perf_counter()
stats = nw.run(paths, only=[stage])[stage]
print(json.dumps({"stage": stage, "s": round(time.perf_counter() - t, 1),
                  "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                  "stats": {k: v for k, v in stats.items() if k != "seconds"}}))
"""

_RUNS = """
import json, resource, sys, time
import newsweave
nw = newsweave.open(sys.argv[1])
secs = []
for p in sys.argv[2:]:
    nw.run([p], only=["ingest"])
    t = time.perf_counter()
    nw.run([], only=["clean"])
    secs.append(round(time.perf_counter() - t, 1))
print(json.dumps({"clean_s_per_run": secs, "clean_s_total": round(sum(secs), 1),
                  "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def _child(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src", type=Path)
    ap.add_argument("copies", type=int, nargs="+")
    ap.add_argument("--runs", action="store_true", help="one ingest + clean run per copy")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for k in args.copies:
            db = Path(tmp) / f"x{k}.db"
            if args.runs:
                parts = []
                whole = Path(tmp) / f"x{k}.jsonl"
                n = replicate(args.src, k, whole) // k
                # Streamed into one file per copy: a child's ru_maxrss starts from this process's (Linux keeps
                # the peak across exec), so this process must not hold the copies.
                with whole.open(encoding="utf-8") as fh:
                    for c in range(k):
                        part = Path(tmp) / f"x{k}-{c}.jsonl"
                        with part.open("w", encoding="utf-8") as out:
                            out.writelines(itertools.islice(fh, n))
                        parts.append(str(part))
                print(json.dumps({"copies": k, **_child(_RUNS, str(db), *parts)}), flush=True)
                continue
            path = Path(tmp) / f"x{k}.jsonl"
            n = replicate(args.src, k, path)
            for stage, paths in (("ingest", [str(path)]), ("clean", [])):
                print(json.dumps({"copies": k, "docs": n, **_child(_STAGE, str(db), stage, *paths)}), flush=True)


if __name__ == "__main__":
    main()
