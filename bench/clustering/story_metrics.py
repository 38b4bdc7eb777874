"""Story threads of a store against an eval file's gold events: story count, largest story, the share of the
event stage's false splits (pairs of predicted events sharing a gold event) put in one story, and the co-story
rate (the share of all event pairs in one story). The stored stories (events.story_id), after a run:

    PYTHONPATH=$PWD/src /work/venv/bin/newsweave run /work/shared/eval/clustering/gva-a.jsonl --db /tmp/x.db -q
    /work/venv/bin/python bench/clustering/story_metrics.py /tmp/x.db /work/shared/eval/clustering/gva-a.jsonl
"""

from __future__ import annotations

import collections
import itertools
import json
import sqlite3
import sys


def main(db: str, gold_file: str) -> None:
    with open(gold_file, encoding="utf-8") as f:
        gold = [json.loads(line)["event"] for line in f if line.strip()]
    con = sqlite3.connect(db)
    event_of = dict(con.execute("SELECT article_id, event_id FROM event_articles"))
    story = dict(con.execute("SELECT id, story_id FROM events"))
    golds: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for article, record in con.execute("SELECT id, record FROM articles"):
        if article in event_of:
            golds[event_of[article]][gold[int(record) - 1]] += 1
    by_gold: dict[str, set[str]] = collections.defaultdict(set)
    for event, count in golds.items():
        for g in count:
            by_gold[g].add(event)
    split = {p for events in by_gold.values() for p in itertools.combinations(sorted(events), 2)}
    sizes = list(collections.Counter(story.values()).values())
    n = len(story)
    joined = sum(story[a] == story[b] for a, b in split) / max(1, len(split))
    co = sum(s * (s - 1) / 2 for s in sizes) / max(1, n * (n - 1) / 2)
    print(f"{db}: events {n} stories {len(sizes)} largest {max(sizes, default=0)} "
          f"split pairs joined {joined:.3f} (of {len(split)}) co-story rate {co:.4f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
