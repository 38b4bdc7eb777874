"""The event-type scorer's arithmetic and protocols, on tiny TSVs written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.errors import EvalError
from newsweave.extract import types
from newsweave.scoring.event_types import evaluate, metrics, read_tsv

_ROWS = [
    ("1", "Warplanes bombed the rebel town overnight.", "AIR_STRIKE"),
    ("2", "Jets carried out air strikes on militant positions.", "AIR_STRIKE"),
    ("3", "Police arrested two men in the capital.", "ARREST"),
    ("4", "Hundreds marched to demand higher wages.", "PEACE_PROTEST"),
]


def _write(tmp_path: Path, rows=_ROWS) -> Path:
    path = tmp_path / "tiny.tsv"
    path.write_text("id\tEventSnippet\tSubType\n" + "".join(f"{i}\t{t}\t{s}\n" for i, t, s in rows), encoding="utf-8")
    return path


def test_weighted_f1_arithmetic(tmp_path: Path) -> None:
    # gold AIR, AIR, ARREST, PEACE; predict AIR, ARREST, ARREST, PEACE
    # AIR: p=1, r=.5, f1=2/3 (support 2); ARREST: p=.5, r=1, f1=2/3 (1); PEACE: f1=1 (1)
    # weighted = (2*2/3 + 2/3 + 1) / 4 = 0.75; macro = (2/3+2/3+1)/3 = 0.7778; accuracy = 3/4
    preds = ["AIR_STRIKE", "ARREST", "ARREST", "PEACE_PROTEST"]
    out = evaluate(_write(tmp_path), predict=lambda texts: preds[: len(texts)])
    assert out["score"] == pytest.approx(0.75, abs=1e-4)
    assert out["macro_f1"] == pytest.approx(0.7778, abs=1e-4)
    assert out["accuracy"] == 0.75 and out["n"] == 4
    assert out["protocol"] == "given predictor"
    assert out["per_class"]["AIR_STRIKE"]["recall"] == 0.5


def test_metrics_perfect_and_wrong() -> None:
    assert metrics(["A", "B"], ["A", "B"])["score"] == 1.0
    assert metrics(["A", "B"], ["B", "A"])["score"] == 0.0


def test_unseen_rows_use_the_shipped_model(tmp_path: Path) -> None:
    out = evaluate(_write(tmp_path))
    expected = "rules" if types.load_model() is None else "shipped model"
    assert out["protocol"] == expected
    assert 0.0 <= out["score"] <= 1.0 and "rules_score" in out


def test_rows_the_model_was_trained_on_are_cross_validated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [(str(i), f"{t} number {i}", s) for i in range(3) for _, t, s in _ROWS]
    texts = [t for _, t, _ in rows]
    model = types.fit_model(texts, [s for _, _, s in rows])
    monkeypatch.setattr(types, "load_model", lambda: model)
    out = evaluate(_write(tmp_path, rows), folds=3)
    assert out["protocol"] == "3-fold CV" and out["n"] == 12


def test_bad_file_is_an_eval_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(EvalError):
        read_tsv(path)
