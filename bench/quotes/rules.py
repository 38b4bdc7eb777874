"""Per-rule precision of the quotes extractor on a PolNeAR-format folder (dev only).

    PYTHONPATH=src python bench/quotes/rules.py ../shared/eval/extraction/quotes-polnear/dev [--show RULE] [-n 20]

Each attribution :func:`find_quotes` builds is tagged with the function and line that constructed it (by
wrapping the ``_Found`` constructor, so the extractor itself carries no bookkeeping), then scored with the
speaker metric's greedy matching. Rules with low precision are the first to tighten or drop.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

from newsweave.extract import _quotes_indirect, quotes
from newsweave.scoring.quotes import _overlap, _pairs, _trim, article_from_text, read_gold


def _tagging():
    init = _quotes_indirect._Found.__init__

    def tagged(self, *a, **k):
        init(self, *a, **k)
        f = sys._getframe(1)
        self.rule = f"{f.f_code.co_name}:{f.f_lineno}"

    _quotes_indirect._Found.__init__ = tagged
    captured: list = []
    to_quotes = quotes._to_quotes

    def capture(article, found, resolve):
        captured[:] = sorted(found, key=lambda f: (f.speaker or f.cue)[0])
        return to_quotes(article, found, resolve)

    quotes._to_quotes = capture
    return captured


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--show", default="")
    ap.add_argument("-n", type=int, default=20)
    args = ap.parse_args()
    captured = _tagging()
    stats = collections.defaultdict(lambda: [0, 0])
    shown = []
    for ann, txt in _pairs(Path(args.path)):
        text = txt.read_text(encoding="utf-8")
        gold = [g for g in read_gold(ann, text) if g.source]
        qs = quotes.find_quotes(article_from_text(txt.stem, text))
        used: set[int] = set()
        for q, f in zip(qs, captured):
            if not q.speaker_evidence:
                continue
            sp = _trim(text, (q.speaker_evidence.start, q.speaker_evidence.end))
            content = _trim(text, (q.evidence.start, q.evidence.end))
            hit = False
            for j, g in enumerate(gold):
                if j not in used and sp == g.source and _overlap(content, g.content):
                    used.add(j)
                    hit = True
                    break
            rule = getattr(f, "rule", "?")
            stats[rule][0] += hit
            stats[rule][1] += 1
            if args.show and args.show in rule:
                ctx = re.sub(r"\s+", " ", text[min(sp[0], content[0]):max(sp[1], content[1])][:250])
                shown.append(f"{'OK ' if hit else 'BAD'} {txt.stem[:30]} SP[{text[sp[0]:sp[1]]}] CUE[{q.cue}]\n    {ctx}")
    tp = sum(v[0] for v in stats.values())
    n = sum(v[1] for v in stats.values())
    print(f"{'rule':40s} {'tp':>5s} {'pred':>5s} {'prec':>6s}")
    for rule, (t, k) in sorted(stats.items(), key=lambda kv: -kv[1][1]):
        print(f"{rule:40s} {t:5d} {k:5d} {t / k:6.3f}")
    print(f"{'total':40s} {tp:5d} {n:5d} {tp / n:6.3f}")
    for line in shown[: args.n]:
        print(line)


if __name__ == "__main__":
    main()
