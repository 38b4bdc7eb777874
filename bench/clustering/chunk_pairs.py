"""Where an undated corpus's clustering errors come from, by chunk: the same-event pairs the stage found, the
wrong pairs it made and the pairs it missed, counted by the chunks of the two articles (``settings.event_chunk``
articles each, as the stage forms them: since session 13 the undated ones in a content order, events/order.py).

    /work/venv/bin/python bench/clustering/chunk_pairs.py ../shared/eval/clustering/neus-dev.jsonl [--shuffle SEED]

``--shuffle`` runs a copy of the file with its lines in a seeded random order. neus-dev lists each story's three
reports next to each other; until session 13 the stage's chunks followed the file's order and so lined up
with stories, and the score fell from 0.8471 to 0.768 shuffled. Now the first line printed must be the same
with or without ``--shuffle``. The gold ``event`` is read here only, after the run. BENCHMARKS.md, "Order-free
undated runs, session 13" and "neus-dev: size and order", has the numbers.
"""

from __future__ import annotations

import itertools
import json
import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import newsweave
from newsweave.events import stage as events_stage
from newsweave.scoring.clustering import bcubed, read_gold


def main(argv: list[str]) -> None:
    src = Path(argv[0])
    lines = [line for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    if "--shuffle" in argv:
        random.Random(int(argv[argv.index("--shuffle") + 1])).shuffle(lines)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / src.name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        gold = read_gold(path)
        nw = newsweave.open(":memory:")
        chunks: list[list[str]] = []
        assign_chunk = events_stage._assign_chunk

        def recording(ctx: Any, new_ids: list[str], *args: Any) -> Any:
            chunks.append(list(new_ids))
            return assign_chunk(ctx, new_ids, *args)

        events_stage._assign_chunk = recording  # type: ignore[assignment]
        try:
            nw.run([str(path)], only=["ingest", "clean", "dedup", "events"])
        finally:
            events_stage._assign_chunk = assign_chunk  # type: ignore[assignment]
        rows = nw.store.query("SELECT id, extra FROM documents")
        record = {r["id"]: str(json.loads(r["extra"] or "{}").get("id")) for r in rows}
        pred = {record[a]: e for a, e in nw.store.event_of().items() if a in record}
        nw.store.close()
    chunk_of = {record[a]: k for k, ids in enumerate(chunks) for a in ids if a in record}
    ids = sorted(gold)
    p, r, f = bcubed([pred.get(i, "missing:" + i) for i in ids], [gold[i] for i in ids])
    print(f"{src.name}{' shuffled' if '--shuffle' in argv else ''}: B3 P {p:.4f} R {r:.4f} F1 {f:.4f}")

    def key(a: str, b: str) -> tuple[int, int]:
        return tuple(sorted((chunk_of.get(a, -1), chunk_of.get(b, -1))))  # type: ignore[return-value]  # -1: dropped

    found, wrong, missed = Counter(), Counter(), Counter()
    members = defaultdict(list)
    for i, e in pred.items():
        members[e].append(i)
    for rows in members.values():
        for a, b in itertools.combinations(rows, 2):
            (found if gold[a] == gold[b] else wrong)[key(a, b)] += 1
    stories = defaultdict(list)
    for i, g in gold.items():
        stories[g].append(i)
    for rows in stories.values():
        for a, b in itertools.combinations(rows, 2):
            if pred.get(a) is None or pred.get(a) != pred.get(b):
                missed[key(a, b)] += 1
    print("chunks  found  wrong  missed")
    for k in sorted(set(found) | set(wrong) | set(missed)):
        print(f"{k[0]}-{k[1]}     {found[k]:5d}  {wrong[k]:5d}  {missed[k]:6d}")


if __name__ == "__main__":
    main(sys.argv[1:])
