"""Score :func:`newsweave.extract.dates.find_time_expressions` on TimeML (TempEval-3 TBAQ-cleaned and friends).

For every ``.tml`` file under ``path`` (a folder, searched recursively, or one file):

* the DCT is the TIMEX3 with ``functionInDocument="CREATION_TIME"`` (its value's date part);
* the document text is the character content of ``<TEXT>``, tags removed; gold = the TIMEX3s inside it;
* the extractor runs on that text with that DCT.

Matching is one-to-one and relaxed: a prediction and a gold expression match when their character spans
overlap (TempEval-3 "relaxed match"). Pairs with equal values are matched first, so a wrong-valued overlap never
steals a right one. Then

* span P/R/F1 = matched pairs / predictions, / gold;
* value P/R/F1 = matched pairs whose normalised values are equal / predictions, / gold  (TempEval-3
  "value F1", the headline ``score``; HeidelTime scored 0.776 on the TE-3 platinum test set).

Values are normalised only in spelling: upper case, zero-padded ISO week numbers (``2000-W7`` = ``2000-W07``),
trailing ``:00`` seconds dropped, decades ``199X`` = ``199``. Nothing else is forgiven.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..extract.dates import find_time_expressions

__all__ = ["evaluate", "read_timeml", "TimemlDoc", "match", "normalise_value"]


@dataclass(frozen=True)
class TimemlDoc:
    name: str
    text: str
    dct: date | None
    gold: tuple[tuple[int, int, str, str], ...]  # (start, end, value, type)


def _flatten(elem: ET.Element, parts: list[str], pos: int, gold: list[tuple[int, int, str, str]]) -> int:
    if elem.text:
        parts.append(elem.text)
        pos += len(elem.text)
    for child in elem:
        start = pos
        pos = _flatten(child, parts, pos, gold)
        if child.tag == "TIMEX3":
            gold.append((start, pos, child.get("value", ""), child.get("type", "")))
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    return pos


def read_timeml(path: str | Path) -> TimemlDoc:
    """Text, DCT and gold TIMEX3s of one TimeML file."""
    p = Path(path)
    try:
        root = ET.parse(p).getroot()
    except (ET.ParseError, OSError) as exc:
        raise EvalError(f"{p}: not readable TimeML ({exc})") from exc
    dct: date | None = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            m = re.match(r"\d{4}-\d{2}-\d{2}", t.get("value", ""))
            dct = date.fromisoformat(m.group(0)) if m else None
            break
    text_el = root.find("TEXT")
    if text_el is None:
        raise EvalError(f"{p}: no <TEXT> element")
    parts: list[str] = []
    gold: list[tuple[int, int, str, str]] = []
    _flatten(text_el, parts, 0, gold)
    return TimemlDoc(p.name, "".join(parts), dct, tuple(sorted(gold)))


def normalise_value(value: str | None) -> str:
    v = (value or "").strip().upper()
    v = re.sub(r"-W(\d)(?!\d)", r"-W0\1", v)
    v = re.sub(r"^(\d{3})X$", r"\1", v)  # a decade is spelled "199" or "199X" in TimeML corpora
    return re.sub(r"(T\d{2}:\d{2}):00$", r"\1", v)


def match(
    gold: list[tuple[int, int, str]], pred: list[tuple[int, int, str]]
) -> tuple[int, int]:
    """(span matches, value matches) under one-to-one relaxed matching; value-equal pairs are taken first."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    value_hits = 0
    for want_equal in (True, False):
        for gi, (gs, ge, gv) in enumerate(gold):
            if gi in used_g:
                continue
            for pi, (ps, pe, pv) in enumerate(pred):
                if pi in used_p or ps >= ge or gs >= pe:
                    continue
                equal = normalise_value(gv) == normalise_value(pv)
                if want_equal and not equal:
                    continue
                used_g.add(gi)
                used_p.add(pi)
                value_hits += equal
                break
    return len(used_g), value_hits


def _prf(hits: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def evaluate(path: str | Path, errors: int = 0) -> dict[str, Any]:
    """Value F1 (headline ``score``) and span P/R/F1 over every ``.tml`` file at ``path``.

    ``errors`` > 0 adds up to that many (document, gold/pred) mismatches under ``"examples"`` for error analysis.
    """
    p = Path(path)
    files = sorted(p.rglob("*.tml")) if p.is_dir() else [p]
    if not files:
        raise EvalError(f"{p}: no .tml files")
    n_gold = n_pred = span_hits = value_hits = 0
    examples: list[dict[str, Any]] = []
    for f in files:
        doc = read_timeml(f)
        pred = [(e.start, e.end, e.value) for e in find_time_expressions(doc.text, doc.dct)]
        gold = [(s, e, v) for s, e, v, _ in doc.gold]
        sh, vh = match(gold, pred)
        n_gold += len(gold)
        n_pred += len(pred)
        span_hits += sh
        value_hits += vh
        if errors and len(examples) < errors:
            gset = {(s, e, normalise_value(v)) for s, e, v in gold}
            pset = {(s, e, normalise_value(v)) for s, e, v in pred}
            for s, e, v in sorted(gset ^ pset):
                side = "gold" if (s, e, v) in gset else "pred"
                examples.append({"doc": doc.name, "dct": str(doc.dct), side: v, "text": doc.text[s:e]})
    value = _prf(value_hits, n_pred, n_gold)
    out: dict[str, Any] = {
        "score": value["f1"],
        "metric": "TempEval-3 value F1, relaxed (overlap) span match",
        "value": value,
        "span": _prf(span_hits, n_pred, n_gold),
        "n_gold": n_gold,
        "n_pred": n_pred,
        "n_docs": len(files),
    }
    if errors:
        out["examples"] = examples[:errors]
    return out
