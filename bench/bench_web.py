"""Load benchmark of the web app: the event page and /api/events under concurrent clients on loopback.

    .venv/bin/python bench/bench_web.py                      # the whole benchmark, prints a Markdown table
    .venv/bin/python bench/bench_web.py --db news.db --workers 2 --clients 20 --duration 20

The server is ``newsweave serve`` (uvicorn, ``--workers`` processes, no access log) in its own process on
127.0.0.1. Every request picks an event uniformly at random from the whole store, so the numbers measure real
rendering, not a cache serving a handful of hot pages; /api/events pages start at a random event's keyset
cursor. The load generator is ``wrk`` (C, one process; ``apt-get install wrk``) driven by bench/web_load.lua;
without wrk it falls back to Python client threads, which eat the CPU the server needs and report worse.

Columns: latency percentiles and throughput as wrk saw them; "server CPU ms/req", the CPU the server
processes used per request (from /proc, barely affected by other work on the machine); "other load", the cores
the rest of the machine kept busy during the run (latencies on a shared machine follow it).

Without --db it uses (or builds, ~20 min) a store of >= --articles articles: the real pipeline run on
gva-a.jsonl replicated with shifted dates, cached in bench/.cache/. The bench needs nothing beyond the `web`
extra and is never run by the test suite.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GVA = ROOT.parent / "shared" / "eval" / "clustering" / "gva-a.jsonl"
CACHE = ROOT / "bench" / ".cache"
LUA = ROOT / "bench" / "web_load.lua"
TARGET_P95_MS = 100.0


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


def endpoint_paths(db: str) -> dict[str, list[str]]:
    """One path per event for each endpoint, read straight from the store (read-only)."""
    from newsweave.store.queries import encode_cursor

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute("SELECT id, date FROM events ORDER BY id").fetchall()
    n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    return {
        "event page `/events/{id}`": [f"/events/{i}" for i, _ in rows],
        "`/api/events?limit=50` (random cursor)": [
            f"/api/events?limit=50&cursor={encode_cursor(d, i)}" for i, d in rows
        ],
        "`/api/events/{id}`": [f"/api/events/{i}" for i, _ in rows],
    }, n_articles


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU seconds of process ``root`` and its descendants (Linux /proc; 0 elsewhere)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    stats: dict[int, tuple[int, float]] = {}
    for d in Path("/proc").glob("[0-9]*"):
        try:
            fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(d.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    keep, changed = {root}, True
    while changed:
        changed = False
        for pid, (ppid, _) in stats.items():
            if ppid in keep and pid not in keep:
                keep.add(pid)
                changed = True
    return sum(stats[p][1] for p in keep if p in stats)


def own_cpu() -> float:
    """CPU seconds of this process and its finished children (wrk)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def busy_cpu_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (Linux /proc/stat; 0 elsewhere)."""
    try:
        f = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return 0.0
    idle = f[3] + (f[4] if len(f) > 4 else 0)
    return (sum(f[:8]) - idle) / (os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100)


def run_wrk(base: str, paths: list[str], clients: int, duration: float, threads: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("\n".join(paths) + "\n")
    try:
        out = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{clients}", f"-d{max(1, round(duration))}s", "--timeout", "10s",
             "-s", str(LUA), base],
            env={**os.environ, "BENCH_PATHS": fh.name}, capture_output=True, text=True, check=True,
        ).stdout
    finally:
        os.unlink(fh.name)
    line = next(x for x in out.splitlines() if x.startswith("BENCH_JSON "))
    r = json.loads(line.split(" ", 1)[1])
    if r["non2xx"] or r["socket_errors"]:
        raise SystemExit(f"wrk saw {r['non2xx']} non-2xx responses and {r['socket_errors']} socket errors:\n{out}")
    return {
        "n": r["requests"], "p50": r["p50_us"] / 1000, "p95": r["p95_us"] / 1000, "p99": r["p99_us"] / 1000,
        "max": r["max_us"] / 1000, "rps": r["requests"] / (r["duration_us"] / 1e6),
    }


def run_python(base: str, paths: list[str], clients: int, duration: float) -> dict[str, float]:
    """Fallback without wrk: closed-loop client threads with keep-alive (they share the CPU with the server)."""
    host, port = base.removeprefix("http://").split(":")
    lat: list[float] = []
    lock = threading.Lock()
    stop = time.perf_counter() + duration

    def client(seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        mine = []
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            conn.request("GET", rng.choice(paths))
            resp = conn.getresponse()
            resp.read()
            mine.append((time.perf_counter() - t0) * 1000)
            if resp.status != 200:
                raise SystemExit(f"HTTP {resp.status}")
        conn.close()
        with lock:
            lat.extend(mine)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    q = statistics.quantiles(lat, n=100)
    return {"n": len(lat), "p50": q[49], "p95": q[94], "p99": q[98], "max": max(lat), "rps": len(lat) / wall}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="store to serve (default: the cached bench store, built if missing)")
    ap.add_argument("--articles", type=int, default=10_000, help="size of the built store")
    ap.add_argument("--clients", type=int, default=20, help="concurrent keep-alive connections")
    ap.add_argument("--duration", type=float, default=20, help="seconds of load per endpoint")
    ap.add_argument("--workers", type=int, default=2, help="server worker processes")
    ap.add_argument("--wrk-threads", type=int, default=2)
    ap.add_argument("--single", type=float, default=5, help="seconds of one-client timing per endpoint (0: skip)")
    ap.add_argument("--python-client", action="store_true", help="use the Python fallback client even if wrk exists")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a Markdown table")
    args = ap.parse_args()

    db = args.db or build_store(args.articles)
    endpoints, n_articles = endpoint_paths(db)
    use_wrk = shutil.which("wrk") is not None and not args.python_client
    if not use_wrk:
        print("wrk not found (apt-get install wrk): using Python client threads, which compete with the server "
              "for the CPU", file=sys.stderr)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "newsweave", "serve", "--db", db, "--port", str(port), "--workers", str(args.workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )

    def load(paths: list[str], clients: int, duration: float) -> dict[str, float]:
        cpu0, busy0, mine0, t0 = tree_cpu_seconds(server.pid), busy_cpu_seconds(), own_cpu(), time.perf_counter()
        if use_wrk:
            r = run_wrk(base, paths, clients, duration, min(args.wrk_threads, clients))
        else:
            r = run_python(base, paths, clients, duration)
        wall = time.perf_counter() - t0
        server_cpu = tree_cpu_seconds(server.pid) - cpu0
        # Server CPU per request barely depends on what else the machine runs; the latencies do. "other"
        # is the CPU the rest of the machine used meanwhile (cores busy outside the server and the client).
        r["server_cpu_ms"] = server_cpu * 1000 / max(1, r["n"])
        r["other_cores"] = max(0.0, (busy_cpu_seconds() - busy0) - server_cpu - (own_cpu() - mine0)) / wall
        return r

    try:
        # Serving a store written by an older newsweave migrates it first (seconds on this store).
        deadline = time.perf_counter() + 180
        while time.perf_counter() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit(f"server exited:\n{server.stderr.read()}")
                time.sleep(0.1)
        else:
            raise SystemExit("the server did not start listening within 180 s")
        results: dict[str, dict[str, Any]] = {}
        for name, paths in endpoints.items():
            load(paths, args.clients, 2)  # warm-up: imports, templates, SQLite pages in the OS cache
            results[name] = {"load": load(paths, args.clients, args.duration)}
            if args.single:
                results[name]["single"] = load(paths, 1, args.single)
    finally:
        server.terminate()
        server.wait()

    meta = {"db": db, "articles": n_articles, "events": len(next(iter(endpoints.values()))), "clients": args.clients,
            "workers": args.workers, "client": "wrk" if use_wrk else "python threads", "duration_s": args.duration,
            "cpus": os.cpu_count(), "loadavg_after": os.getloadavg()}
    if args.json:
        print(json.dumps({"meta": meta, "results": results}, indent=2))
        return
    print(f"store {db}: {n_articles} articles, {meta['events']} events; {args.workers} workers, "
          f"{args.clients} clients ({meta['client']}), {args.duration:g}s per endpoint, {meta['cpus']} CPUs, "
          f"load average after {meta['loadavg_after'][0]:.2f}\n")
    print("| endpoint | clients | p50 ms | p95 ms | p99 ms | max ms | req/s | server CPU ms/req | other load (cores) "
          "| target p95 < 100 ms |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, r in results.items():
        for kind, clients in (("load", args.clients), ("single", 1)):
            if kind not in r:
                continue
            x = r[kind]
            targeted = kind == "load" and "api/events/" not in name  # the target covers the page and the list
            verdict = ("met" if x["p95"] < TARGET_P95_MS else "**missed**") if targeted else ""
            print(f"| {name} | {clients} | {x['p50']:.1f} | {x['p95']:.1f} | {x['p99']:.1f} | {x['max']:.0f} | "
                  f"{x['rps']:.0f} | {x['server_cpu_ms']:.2f} | {x['other_cores']:.2f} | {verdict} |")


if __name__ == "__main__":
    main()
