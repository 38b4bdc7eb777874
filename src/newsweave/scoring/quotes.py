"""Score :func:`newsweave.extract.quotes.find_quotes` on PolNeAR-format attribution annotations.

Format (BRAT standoff, one ``.ann`` per annotator per article, ``<stem>_<annotator>.ann`` next to
``text/<stem>.txt``): ``T`` lines are spans typed Source / Cue / Content / Attribution (possibly
discontinuous, ``a b;c d``); ``E`` lines tie one Attribution to its Source (absent for
``Attribution-no-source``), Cue and Content. Discard/Discuss spans are ignored.

Exact match, as in PolNeAR's evaluation, compares spans character for character, with two documented
relaxations so that tokenisation conventions do not decide the score:

* edges are trimmed of white space and punctuation (quote marks, commas, full stops), because annotators
  include a trailing comma of an appositive ("Another critic, Laurence H. Tribe,") or the closing quote mark
  inconsistently;
* a discontinuous span ("A," he said, "B.") is compared by its extent, first to last character, since a
  :class:`Quote` carries one evidence span covering both parts.

Metrics (micro-averaged over articles, one-to-one greedy matching; on the dev files greedy matching gives the
same counts as a maximum bipartite matching):

* ``score`` / ``speaker_f1`` -- units are attributions with a source. A predicted quote with a speaker span
  matches a gold attribution when the trimmed speaker span equals the gold source span exactly and the two
  contents overlap (so a right name attached to the wrong statement does not count). The span scored is
  :attr:`Quote.speaker_evidence`, the mention in the text: a pronoun source ("he said") is matched as the
  pronoun, whatever name :attr:`Quote.speaker` resolves it to for the app. Several gold attributions may
  share one source span (a speaker of two statements); each needs its own predicted quote.
* ``content_f1`` -- every attribution; trimmed content extents equal.
* ``cue_f1`` -- every attribution; trimmed cue spans equal.

Articles annotated by several annotators (the inter-annotator sets) are scored once, against the
alphabetically first annotator, so that they do not weigh six times.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EvalError
from ..models import Article, Segment

__all__ = ["evaluate", "read_gold", "article_from_text"]

_PUNCT = " \t\n\r\u00a0\"'“”‘’,.;:!?()[]—–-―"


@dataclass
class GoldAttribution:
    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: tuple[int, int] | None
    extra: dict = field(default_factory=dict)


def _trim(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    if span is None:
        return None
    a, b = span
    while a < b and text[a] in _PUNCT:
        a += 1
    while b > a and text[b - 1] in _PUNCT:
        b -= 1
    return (a, b) if b > a else None


def read_gold(ann_path: str | os.PathLike[str], text: str) -> list[GoldAttribution]:
    """Attributions of one ``.ann`` file, spans as extents trimmed of edge punctuation."""
    spans: dict[str, tuple[str, tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    try:
        lines = Path(ann_path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{ann_path}: cannot read annotations: {exc}") from exc
    for n, line in enumerate(lines, 1):
        parts = line.split("\t")
        if not parts or not parts[0]:
            continue
        try:
            if parts[0].startswith("T"):
                typ, offs = parts[1].split(" ", 1)
                pieces = [tuple(int(x) for x in p.split()) for p in offs.split(";")]
                spans[parts[0]] = (typ, (min(p[0] for p in pieces), max(p[1] for p in pieces)))
            elif parts[0].startswith("E"):
                roles: dict[str, str] = {}
                for arg in parts[1].split():
                    role, tid = arg.split(":", 1)
                    roles.setdefault(role, tid)
                events.append(roles)
        except (IndexError, ValueError) as exc:
            raise EvalError(f"{ann_path}:{n}: malformed BRAT line: {line[:80]!r}") from exc
    out = []
    for roles in events:
        def get(role: str) -> tuple[int, int] | None:
            tid = roles.get(role)
            return _trim(text, spans[tid][1]) if tid in spans else None

        out.append(GoldAttribution(source=get("Source"), cue=get("Cue"), content=get("Content")))
    return out


def article_from_text(stem: str, text: str) -> Article:
    """PolNeAR texts are paragraphs separated by blank lines: every non-empty line is a body segment."""
    segments = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            segments.append(Segment(pos, pos + len(line), "body"))
        pos += len(line) + 1
    return Article(id=stem, raw_text=text, segments=tuple(segments), source_format="txt", outlet=stem.split("_")[0])


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _match(pred: list, gold: list, ok) -> int:
    used: set[int] = set()
    tp = 0
    for p in pred:
        for j, g in enumerate(gold):
            if j not in used and ok(p, g):
                used.add(j)
                tp += 1
                break
    return tp


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": n_pred,
            "gold": n_gold}


def _pairs(path: Path) -> list[tuple[Path, Path]]:
    ann_dir, text_dir = path / "attributions", path / "text"
    if not ann_dir.is_dir() or not text_dir.is_dir():
        raise EvalError(f"{path}: expected attributions/ and text/ folders (PolNeAR layout)")
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(stem, ann)
    pairs = []
    for stem, ann in sorted(chosen.items()):
        txt = text_dir / f"{stem}.txt"
        if txt.is_file():
            pairs.append((ann, txt))
    if not pairs:
        raise EvalError(f"{path}: no .ann file has a matching text/<stem>.txt")
    return pairs


def evaluate(path: str | os.PathLike[str]) -> dict:
    """Speaker / content / cue exact-match F1 of find_quotes on a PolNeAR-format folder."""
    from ..extract.quotes import find_quotes

    totals = {k: [0, 0, 0] for k in ("speaker", "content", "cue")}
    pairs = _pairs(Path(path))
    for ann, txt in pairs:
        text = txt.read_text(encoding="utf-8")
        gold = read_gold(ann, text)
        article = article_from_text(txt.stem, text)
        preds = []
        for q in find_quotes(article):
            sp = _trim(text, (q.speaker_evidence.start, q.speaker_evidence.end)) if q.speaker_evidence else None
            cue = _trim(text, (q.cue_evidence.start, q.cue_evidence.end)) if q.cue_evidence else None
            preds.append((sp, cue, _trim(text, (q.evidence.start, q.evidence.end))))
        with_sp = [p for p in preds if p[0]]
        gold_sp = [g for g in gold if g.source]
        t = totals["speaker"]
        t[0] += _match(with_sp, gold_sp, lambda p, g: p[0] == g.source and _overlap(p[2], g.content))
        t[1] += len(with_sp)
        t[2] += len(gold_sp)
        t = totals["content"]
        t[0] += _match(preds, gold, lambda p, g: p[2] is not None and p[2] == g.content)
        t[1] += len(preds)
        t[2] += len(gold)
        t = totals["cue"]
        t[0] += _match(preds, gold, lambda p, g: p[1] is not None and p[1] == g.cue)
        t[1] += len(preds)
        t[2] += len(gold)
    details = {k: _prf(*v) for k, v in totals.items()}
    return {
        "score": details["speaker"]["f1"],
        "metric": "speaker exact-match F1 (PolNeAR; trimmed spans, content must overlap)",
        "articles": len(pairs),
        "speaker_f1": details["speaker"]["f1"],
        "content_f1": details["content"]["f1"],
        "cue_f1": details["cue"]["f1"],
        "details": details,
    }


if __name__ == "__main__":  # pragma: no cover - convenience for `python -m newsweave.scoring.quotes DIR`
    import json
    import sys

    print(json.dumps(evaluate(sys.argv[1]), indent=2))
