"""Error buckets of the quotes extractor on a PolNeAR-format folder (dev only).

    PYTHONPATH=src python bench/quotes/errors.py ../shared/eval/extraction/quotes-polnear/dev [--show BUCKET] [-n 20]

Buckets every gold attribution with a source that the speaker score misses, and every predicted speaker
that matches nothing, so fixes go to the biggest groups rather than to single documents.
"""

from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

from newsweave.extract.quotes import find_quotes
from newsweave.scoring.quotes import _overlap, _pairs, _trim, article_from_text, read_gold

PRON = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this", "him", "her", "them"}


def _bucket_fn(text, g, preds):
    src = text[g.source[0]:g.source[1]]
    ov = [p for p in preds if _overlap(p[2], g.content)]
    if not ov:
        return "fn:not-detected" + (":pron" if src.casefold() in PRON else "")
    with_sp = [p for p in ov if p[0]]
    if not with_sp:
        return "fn:no-speaker"
    best = with_sp[0]
    for p in with_sp:
        if _overlap(p[0], g.source):
            best = p
            break
    sp = best[0]
    if not _overlap(sp, g.source):
        return "fn:wrong-speaker"
    if sp[0] <= g.source[0] and sp[1] >= g.source[1]:
        return "fn:pred-too-long"
    if sp[0] >= g.source[0] and sp[1] <= g.source[1]:
        return "fn:pred-too-short"
    return "fn:crossing"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--show", default="")
    ap.add_argument("-n", type=int, default=15)
    args = ap.parse_args()
    buckets = collections.Counter()
    examples = collections.defaultdict(list)
    cues = collections.Counter()
    for ann, txt in _pairs(Path(args.path)):
        text = txt.read_text(encoding="utf-8")
        gold = read_gold(ann, text)
        preds = []
        for q in find_quotes(article_from_text(txt.stem, text)):
            sp = _trim(text, (q.speaker_evidence.start, q.speaker_evidence.end)) if q.speaker_evidence else None
            cue = _trim(text, (q.cue_evidence.start, q.cue_evidence.end)) if q.cue_evidence else None
            preds.append((sp, cue, _trim(text, (q.evidence.start, q.evidence.end))))
        gold_sp = [g for g in gold if g.source]
        used_g, used_p = set(), set()
        for i, p in enumerate(preds):
            if not p[0]:
                continue
            for j, g in enumerate(gold_sp):
                if j not in used_g and p[0] == g.source and _overlap(p[2], g.content):
                    used_g.add(j)
                    used_p.add(i)
                    break
        for j, g in enumerate(gold_sp):
            if j in used_g:
                continue
            b = _bucket_fn(text, g, preds)
            buckets[b] += 1
            if b.startswith("fn:not-detected") and g.cue:
                cues[re.sub(r"\s+", " ", text[g.cue[0]:g.cue[1]].casefold())] += 1
            ov = [p for p in preds if _overlap(p[2], g.content) and p[0]]
            psp = text[ov[0][0][0]:ov[0][0][1]] if ov else "-"
            ctx_lo = min(g.source[0], g.cue[0] if g.cue else g.source[0], g.content[0] if g.content else 10**9)
            ctx_hi = max(g.source[1], g.cue[1] if g.cue else 0, g.content[1] if g.content else 0)
            examples[b].append(f"{txt.stem[:40]} GOLD[{text[g.source[0]:g.source[1]]}] PRED[{psp}] "
                               f"CUE[{text[g.cue[0]:g.cue[1]] if g.cue else '-'}]\n    "
                               + re.sub(r"\s+", " ", text[ctx_lo:min(ctx_hi, ctx_lo + 300)]))
        for i, p in enumerate(preds):
            if not p[0] or i in used_p:
                continue
            ov = [g for g in gold if _overlap(p[2], g.content)]
            if not ov:
                b = "fp:no-gold-content"
            elif not any(g.source for g in ov):
                b = "fp:gold-has-no-source"
            elif any(g.source and _overlap(g.source, p[0]) for g in ov):
                b = "fp:boundary"
            else:
                b = "fp:other-speaker"
            buckets[b] += 1
            cue = text[p[1][0]:p[1][1]] if p[1] else "-"
            examples[b].append(f"{txt.stem[:40]} PRED[{text[p[0][0]:p[0][1]]}] CUE[{cue}]\n    "
                               + re.sub(r"\s+", " ", text[min(p[0][0], p[2][0]):max(p[0][1], p[2][1])][:300]))
    for b, n in buckets.most_common():
        print(f"{n:5d}  {b}")
    print("not-detected cues:", cues.most_common(60))
    if args.show:
        for ex in examples[args.show][: args.n]:
            print(ex)


if __name__ == "__main__":
    main()
