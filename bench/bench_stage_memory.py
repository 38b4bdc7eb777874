"""Peak memory and seconds of the ingest and clean stages over k copies of a corpus, each stage in its own process.

    PYTHONPATH=$PWD/src /work/venv/bin/python bench/bench_stage_memory.py /work/shared/eval/clustering/gva-a.jsonl 1 10
    PYTHONPATH=$PWD/src /work/venv/bin/python bench/bench_stage_memory.py gva-a.jsonl 10 --runs   # one run per copy

Copies come from ``bench/clustering/bench_scale.py``'s ``replicate`` (dates +400 days per copy, a ``[copy c]`` line
appended to every text). Without ``--runs`` all k copies go in one run, ingest in one process and clean in the
next (``ru_maxrss``: the interpreter and imports included, ~85 MB). With ``--runs`` each copy is ingested and then
cleaned as its own run, as a daily feed would be, in one process: clean seconds per run and the peak RSS.

``--format`` writes the copies as something other than UTF-8 JSON Lines before ingesting them (converted a line at
a time, so this process never holds them): ``array`` one JSON array of all records, ``array-gz`` the same
gzipped, ``utf16`` UTF-16 JSON Lines (with a byte-order mark). ``--stages ingest`` skips the clean stage.

    PYTHONPATH=$PWD/src /work/venv/bin/python bench/bench_stage_memory.py gva-a.jsonl 10 --format array --stages ingest
"""

from __future__ import annotations

import argparse
import gzip
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


def convert(jsonl: Path, fmt: str) -> Path:
    """``jsonl`` rewritten as ``fmt`` (see the module doc), a line at a time."""
    if fmt == "jsonl":
        return jsonl
    if fmt == "utf16":
        out = jsonl.with_suffix(".utf16.jsonl")
        with jsonl.open(encoding="utf-8") as src, out.open("w", encoding="utf-16") as dst:
            dst.writelines(src)
        return out
    out = jsonl.with_suffix(".json.gz" if fmt == "array-gz" else ".json")
    opener = gzip.open if fmt == "array-gz" else open
    with jsonl.open(encoding="utf-8") as src, opener(out, "wt", encoding="utf-8") as dst:
        dst.write("[\n")
        for i, line in enumerate(src):
            dst.write(("" if i == 0 else ",\n") + line.rstrip("\n"))
        dst.write("\n]\n")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src", type=Path)
    ap.add_argument("copies", type=int, nargs="+")
    ap.add_argument("--runs", action="store_true", help="one ingest + clean run per copy")
    ap.add_argument("--format", choices=("jsonl", "array", "array-gz", "utf16"), default="jsonl",
                    help="what the copies are written as (not with --runs)")
    ap.add_argument("--stages", default="ingest,clean", help="stages to run, comma-separated (not with --runs)")
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
            path = convert(path, args.format)
            for stage in args.stages.split(","):
                paths = [str(path)] if stage == "ingest" else []
                row = {"copies": k, "docs": n, "format": args.format, "mb": round(path.stat().st_size / 2**20, 1)}
                print(json.dumps({**row, **_child(_STAGE, str(db), stage, *paths)}), flush=True)


if __name__ == "__main__":
    main()
