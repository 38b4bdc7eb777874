"""Score the ACLED event-type classifier (:mod:`newsweave.extract.types`) on CASE 2021 task 2 files.

Input: a TSV with a header and the columns ``id``, ``EventSnippet``, ``SubType`` (event-types/dev.tsv and any
split in that format). The headline ``score`` is the weighted F1 over sub-type codes (scikit-learn
``f1_score(average="weighted")``, the CASE 2021 ranking metric; best systems 0.77-0.84).

Protocol, reported under ``"protocol"``:

* ``"5-fold CV"`` when the file shares rows with the shipped model's training data (the model is trained on
  event-types/dev.tsv): the model recipe is re-trained on four folds and predicts the fifth, so no row is
  ever scored by a model that saw it;
* ``"shipped model"`` when the file is disjoint from the training rows (a true held-out split);
* ``"rules"`` when no model artefact is installed (cue lexicon only);
* ``"given predictor"`` when the caller passes ``predict``.
"""

from __future__ import annotations

import csv
import warnings
from pathlib import Path
from typing import Any, Callable, Sequence

from ..errors import EvalError
from ..extract import types as event_types

__all__ = ["evaluate", "read_tsv", "metrics"]

Predictor = Callable[[Sequence[str]], list[str]]


def read_tsv(path: str | Path) -> tuple[list[str], list[str], list[str]]:
    """(ids, snippets, gold codes) of a task-2 TSV."""
    p = Path(path)
    try:
        with p.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{p}: cannot read ({exc})") from exc
    if not rows or not {"EventSnippet", "SubType"} <= set(rows[0]):
        raise EvalError(f"{p}: expected a header with EventSnippet and SubType columns")
    rows = [r for r in rows if (r.get("EventSnippet") or "").strip() and (r.get("SubType") or "").strip()]
    return [r.get("id", str(i)) for i, r in enumerate(rows)], [r["EventSnippet"] for r in rows], [r["SubType"].strip() for r in rows]


def metrics(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """Weighted F1 (headline), macro F1, accuracy and the per-class report."""
    from sklearn.metrics import classification_report, f1_score

    labels = sorted(set(gold))  # score the classes present in the gold file, as CASE 2021 did
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # undefined precision for never-predicted classes is scored as 0
        report = classification_report(gold, pred, labels=labels, output_dict=True, zero_division=0)
        return {
            "score": round(float(f1_score(gold, pred, labels=labels, average="weighted", zero_division=0)), 4),
            "macro_f1": round(float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0)), 4),
            "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / max(1, len(gold)), 4),
            "n": len(gold),
            "per_class": {
                k: {m: round(float(v[m]), 4) for m in ("precision", "recall", "f1-score", "support")}
                for k, v in report.items()
                if k in labels
            },
        }


def _cv_predict(texts: Sequence[str], gold: Sequence[str], folds: int) -> list[str]:
    from sklearn.model_selection import KFold, StratifiedKFold

    counts = {g: gold.count(g) for g in set(gold)}
    splitter = StratifiedKFold(folds, shuffle=True, random_state=0) if min(counts.values()) >= 2 else KFold(
        folds, shuffle=True, random_state=0
    )
    pred = [""] * len(texts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # classes with fewer members than folds: stratification is best effort
        for train, test in splitter.split(list(texts), list(gold)):
            model = event_types.fit_model([texts[i] for i in train], [gold[i] for i in train])
            for i, label in zip(test, model.predict([texts[i] for i in test])):
                pred[i] = label
    return pred


def evaluate(path: str | Path, *, predict: Predictor | None = None, folds: int = 5) -> dict[str, Any]:
    """Score the classifier on ``path`` under the protocol described in the module docstring."""
    _, texts, gold = read_tsv(path)
    model = event_types.load_model()
    if predict is not None:
        protocol, pred = "given predictor", list(predict(texts))
    elif model is None:
        protocol, pred = "rules", [_rules(t) for t in texts]
    elif any(event_types.text_hash(t) in model.train_hashes for t in texts):
        if len(texts) < folds:
            raise EvalError(f"{path}: {len(texts)} rows overlap the training data; too few for {folds}-fold CV")
        protocol, pred = f"{folds}-fold CV", _cv_predict(texts, gold, folds)
    else:
        protocol, pred = "shipped model", model.predict(texts)
    out = metrics(gold, pred)
    out["protocol"] = protocol
    out["rules_score"] = metrics(gold, [_rules(t) for t in texts])["score"]
    if model is not None:
        out["model_trained_on"] = model.trained_on
    return out


def _rules(text: str) -> str:
    counts = event_types.cue_counts(text)
    best = max(range(len(counts)), key=counts.__getitem__)
    return list(event_types.CODES)[best] if counts[best] > 0 else "OTHER"
