"""Load benchmark of the web app: the event page and /api/events under concurrent clients on loopback.

    .venv/bin/python bench/bench_web.py [--db FILE] [--articles 10000] [--clients 20] [--requests 2000]

Without --db it builds a store of >= --articles articles by running the real pipeline on gva-a.jsonl
replicated with shifted dates (cached in bench/.cache/). The server runs in a separate process (uvicorn, one
worker) on 127.0.0.1; clients are threads with keep-alive connections. Prints p50/p95/p99 per endpoint.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GVA = ROOT.parent / "shared" / "eval" / "clustering" / "gva-a.jsonl"
CACHE = ROOT / "bench" / ".cache"


def build_store(n_articles: int) -> str:
    import datetime as dt

    import newsweave

    CACHE.mkdir(parents=True, exist_ok=True)
    db = CACHE / f"web-{n_articles}.db"
    if db.exists():
        return str(db)
    rows = [json.loads(line) for line in GVA.open()]
    copies = -(-n_articles // len(rows))
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "corpus.jsonl"
        with src.open("w") as fh:
            for k in range(copies):
                for r in rows:
                    r2 = dict(r, id=f"{r['id']}-{k}", text=r["text"] + f"\n\nEdition {k}.")
                    if r.get("date"):
                        r2["date"] = (dt.date.fromisoformat(r["date"]) + dt.timedelta(days=400 * k)).isoformat()
                    fh.write(json.dumps(r2) + "\n")
        t0 = time.perf_counter()
        with newsweave.open(str(db)) as nw:
            nw.run([str(src)], show_progress=sys.stderr.isatty())
        print(f"built {db} in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    return str(db)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=2000, help="per endpoint")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    args = ap.parse_args()
    import httpx

    db = args.db or build_store(args.articles)
    port = free_port()
    code = (
        "import uvicorn; uvicorn.run('newsweave.web:app_from_env', factory=True, host='127.0.0.1', "
        f"port={port}, workers={args.workers}, log_level='warning')"
    )
    server = subprocess.Popen([sys.executable, "-c", code], env={**os.environ, "NEWSWEAVE_DB": db})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/api/events?limit=1", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        with httpx.Client() as c:
            n_articles = len(c.get(base + "/api/articles?limit=1").json()["items"])
            ids = []
            cursor = None
            while len(ids) < 2000:
                page = c.get(base + "/api/events", params={"limit": 500} | ({"cursor": cursor} if cursor else {})).json()
                ids += [e["id"] for e in page["items"]]
                cursor = page["next_cursor"]
                if not cursor:
                    break
        rng = random.Random(7)
        endpoints = {
            "event page": lambda: f"/events/{rng.choice(ids)}",
            "/api/events": lambda: "/api/events?limit=50",
            "/api/events/{id}": lambda: f"/api/events/{rng.choice(ids)}",
        }
        results = {}
        for name, make in endpoints.items():
            lat: list[float] = []
            lock = threading.Lock()
            per_client = args.requests // args.clients

            def worker() -> None:
                with httpx.Client(base_url=base, timeout=30) as c:
                    for _ in range(per_client):
                        t0 = time.perf_counter()
                        r = c.get(make())
                        dt_ms = (time.perf_counter() - t0) * 1000
                        assert r.status_code == 200, r.status_code
                        with lock:
                            lat.append(dt_ms)

            threads = [threading.Thread(target=worker) for _ in range(args.clients)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - t0
            q = statistics.quantiles(lat, n=100)
            results[name] = {"n": len(lat), "p50_ms": round(q[49], 1), "p95_ms": round(q[94], 1),
                             "p99_ms": round(q[98], 1), "req_per_s": round(len(lat) / wall, 1)}
        print(json.dumps({"db": db, "clients": args.clients, "workers": args.workers, "events_sampled": len(ids), "results": results}, indent=2))
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
