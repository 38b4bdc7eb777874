"""Story threads (events/threads.py): the cost of a daily run on a large store, and how far runs in parts drift
from one run.

``daily``: gva-a copied k times (bench_scale.py's copies: +400 days and suffixed ids each) goes through every
stage up to events in one run; then the first ``--day`` articles (by date) of one more copy are ingested,
cleaned and deduplicated, and a fresh process runs the events stage alone on them, as a daily run would.
Reported for that run: the story step's seconds (events/stage.py ``_recompute_stories``), the events stage's
seconds and the process's peak RSS (``ru_maxrss``, interpreter and libraries included).

``drift``: the file sorted by date and cut into ``parts``, one run (ingest..events) per part on one store; the
stories then stored against build_stories over the same final events and summaries (what one run over them
gives): pairwise precision/recall/F1 of story co-membership, events misplaced (the fewest moves that turn the
incremental stories into a partition whose stories each sit inside one of one run's), stories identical (id,
events and terms), and how many of one run's links the stored candidate pairs lack. ``--regrow R`` and
``--margin M`` set events/threads.py's ``_REGROW`` and ``_MARGIN`` in the runs (``--regrow inf``: no rebuilds).

    /work/venv/bin/python bench/clustering/bench_stories.py daily ../shared/eval/clustering/gva-a.jsonl 1 10
    /work/venv/bin/python bench/clustering/bench_stories.py drift ../shared/eval/clustering/gva-a.jsonl 4 8
    /work/venv/bin/python bench/clustering/bench_stories.py drift ../shared/eval/clustering/gva-a.jsonl 4 8 --regrow inf
"""

from __future__ import annotations

import collections
import datetime as dt
import importlib.util
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

_DAY = 100


def _scale() -> Any:
    spec = importlib.util.spec_from_file_location("bench_scale", Path(__file__).with_name("bench_scale.py"))
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 1024


def build(src: Path, k: int, db: Path, day: int) -> dict[str, Any]:
    """Child: k copies through events in one run, then ``day`` articles of copy k ingested up to dedup."""
    import newsweave

    scale = _scale()
    path = db.with_suffix(".jsonl")
    n = scale.replicate(src, k, path)
    nw = newsweave.open(str(db))
    nw.run([str(path)], only=["ingest", "clean", "dedup", "events"])
    rows = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows.sort(key=lambda r: (r.get("date") or "", r["id"]))
    extra = db.with_name("day.jsonl")
    with extra.open("w", encoding="utf-8") as fh:
        for r in rows[:day]:
            r2 = dict(r, id=f"{r['id']}-{k}", text=r["text"] + f"\n\n[copy {k}]")
            if r.get("date"):
                r2["date"] = (dt.date.fromisoformat(r["date"]) + dt.timedelta(days=400 * k)).isoformat()
            fh.write(json.dumps(r2) + "\n")
    nw.run([str(extra)], only=["ingest", "clean", "dedup"])
    events = nw.store.count("events")
    nw.store.close()
    return {"docs": n, "events_before": events}


def events(db: Path) -> dict[str, Any]:
    """Child: the events stage alone (the daily run), its story step timed."""
    import newsweave
    import newsweave.events.stage as stage

    timed: dict[str, float] = {}
    inner = stage._recompute_stories

    def story_step(ctx: Any) -> Any:
        t0 = time.perf_counter()
        out = inner(ctx)
        timed["story_s"] = time.perf_counter() - t0
        return out

    stage._recompute_stories = story_step  # type: ignore[assignment]
    nw = newsweave.open(str(db))
    t0 = time.perf_counter()
    stats = nw.run([], only=["events"])["events"]
    secs = time.perf_counter() - t0
    nw.store.close()
    keep = {k: v for k, v in stats.items() if k.startswith("stor") or k in ("new_articles", "events_restoried")}
    return dict(keep, events_s=secs, story_s=timed.get("story_s"), rss_mb=_rss_mb())


def drift(src: Path, parts: int, db: Path, knobs: dict[str, float]) -> dict[str, Any]:
    """Child: ``parts`` runs over the file cut by date, then the stored stories against one run's."""
    import numpy as np

    import newsweave
    import newsweave.events.threads as threads
    from newsweave.events._tfidf import counts, idf, tfidf_rows
    from newsweave.events.stories import build_stories, story_words

    for name, value in knobs.items():
        setattr(threads, name, value)

    rows = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows.sort(key=lambda r: (r.get("date") or "", r["id"]))
    size = -(-len(rows) // parts)
    nw = newsweave.open(str(db))
    rebuilt = 0
    for i in range(parts):
        p = db.with_name(f"part{i}.jsonl")
        p.write_text("".join(json.dumps(r) + "\n" for r in rows[i * size : (i + 1) * size]), encoding="utf-8")
        rebuilt += bool(nw.run([str(p)], only=["ingest", "clean", "dedup", "events"])["events"].get("stories_rebuilt"))
    s = nw.store
    heads = s.event_heads()
    summaries = s.event_summaries()
    one = build_stories({e: summaries.get(e, t) for e, t, _ in heads}, {e: t for e, t, _ in heads},
                        nw.settings.story_threshold)
    inc = s.stories()
    # One run's links (build_stories' arithmetic) that the graph's candidates lack.
    texts = {e: summaries.get(e, t) for e, t, _ in heads}
    ids = sorted(texts)
    c = counts((story_words(texts[e]) for e in ids), {})
    x = tfidf_rows(c, idf(c)).astype(np.float32)
    prod = (x @ x.T).tocoo()
    keep = (prod.row < prod.col) & (prod.data >= nw.settings.story_threshold)
    want = {(ids[i], ids[j]) for i, j in zip(prod.row[keep].tolist(), prod.col[keep].tolist())}
    number = dict(s.query_rows("SELECT n, event_id FROM story_nodes"))
    have = {tuple(sorted((number[n], number[m]))) for n, blob in s.story_pair_rows()
            for m in np.frombuffer(blob, dtype="<i8").tolist()}

    def pairs(stories: Any) -> set[tuple[str, str]]:
        return {p for st in stories for p in itertools.combinations(sorted(st.event_ids), 2)}

    po, pi = pairs(one), pairs(inc)
    tp = len(po & pi)
    prec, rec = tp / max(1, len(pi)), tp / max(1, len(po))
    story_one = {e: st.id for st in one for e in st.event_ids}
    kept = sum(max(collections.Counter(story_one[e] for e in st.event_ids).values()) for st in inc)
    return {
        "parts": parts, "rebuilds": rebuilt, "events": len(heads), "stories_one": len(one), "stories_inc": len(inc),
        "pairwise_p": round(prec, 4), "pairwise_r": round(rec, 4),
        "pairwise_f1": round(2 * prec * rec / (prec + rec), 4),
        "misplaced": len(heads) - kept, "misplaced_share": round((len(heads) - kept) / len(heads), 4),
        "stories_identical": len({(x.id, x.event_ids, x.terms) for x in one}
                                 & {(x.id, x.event_ids, x.terms) for x in inc}),
        "largest_one": max(len(x.event_ids) for x in one), "largest_inc": max(len(x.event_ids) for x in inc),
        "links_one": len(want), "candidates": len(have), "links_missing": len(want - have), **knobs,
    }


def _child(*args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str]) -> None:
    if argv[0] == "--build":
        print(json.dumps(build(Path(argv[1]), int(argv[2]), Path(argv[3]), int(argv[4]))))
        return
    if argv[0] == "--events":
        print(json.dumps(events(Path(argv[1]))))
        return
    if argv[0] == "--drift":
        print(json.dumps(drift(Path(argv[1]), int(argv[2]), Path(argv[3]), json.loads(argv[4]))))
        return
    mode, src, rest = argv[0], Path(argv[1]).resolve(), argv[2:]
    day = _DAY
    knobs: dict[str, float] = {}
    for flag, name in (("--day", ""), ("--regrow", "_REGROW"), ("--margin", "_MARGIN")):
        if flag in rest:
            value = rest[rest.index(flag) + 1]
            if name:
                knobs[name] = float(value)
            else:
                day = int(value)
            rest = rest[: rest.index(flag)] + rest[rest.index(flag) + 2 :]
    for k in [int(x) for x in rest] or ([1, 10] if mode == "daily" else [4, 8]):
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.db"
            if mode == "daily":
                b = _child("--build", str(src), str(k), str(db), str(day))
                print(json.dumps(dict(copies=k, day=day, **b, **_child("--events", str(db)))), flush=True)
            else:
                print(json.dumps(_child("--drift", str(src), str(k), str(db), json.dumps(knobs))), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
