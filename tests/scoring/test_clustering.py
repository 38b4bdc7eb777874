"""B-cubed and pairwise metrics on hand-made cases, and the scorer end to end on a tiny labelled file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.errors import EvalError
from newsweave.scoring.clustering import bcubed, evaluate, pairwise


def test_perfect() -> None:
    assert bcubed([1, 1, 2], ["a", "a", "b"]) == (1.0, 1.0, 1.0)
    assert pairwise([1, 1, 2], ["a", "a", "b"]) == (1.0, 1.0, 1.0)


def test_all_singletons() -> None:
    p, r, f = bcubed([1, 2, 3, 4], ["a", "a", "b", "b"])
    assert p == 1.0 and r == pytest.approx(0.5) and f == pytest.approx(2 / 3)
    assert pairwise([1, 2, 3, 4], ["a", "a", "b", "b"])[1:] == (0.0, 0.0)


def test_one_big_cluster() -> None:
    p, r, _ = bcubed([1, 1, 1, 1], ["a", "a", "b", "b"])
    assert p == pytest.approx(0.5) and r == 1.0
    pp, pr, pf = pairwise([1, 1, 1, 1], ["a", "a", "b", "b"])
    assert pp == pytest.approx(2 / 6) and pr == 1.0 and pf == pytest.approx(0.5)


def test_bagga_baldwin_worked_case() -> None:
    # gold {a,b,c} {d,e}; pred {a,b} {c,d,e}: precision per item 1,1,1/3,2/3,2/3; recall 2/3,2/3,1/3,1,1
    p, r, _ = bcubed([1, 1, 2, 2, 2], ["x", "x", "x", "y", "y"])
    assert p == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    pp, pr, _ = pairwise([1, 1, 2, 2, 2], ["x", "x", "x", "y", "y"])
    assert pp == pytest.approx(2 / 4) and pr == pytest.approx(2 / 4)


def test_length_mismatch() -> None:
    with pytest.raises(ValueError):
        bcubed([1], [1, 2])


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


def test_evaluate_tiny_file(tmp_path: Path) -> None:
    fire = "A fire destroyed the Maple Street warehouse in Dunmore on Tuesday, Fire Chief Alan Reyes told reporters at the scene. "
    quake = "A magnitude 6.1 earthquake struck near Port Elsie on Friday, the Geological Survey said in a statement to reporters. "
    rows = []
    for k in range(3):
        rows.append({"id": f"f{k}", "title": "Warehouse fire in Dunmore", "text": fire + f"Crews worked for {k + 3} hours to put it out.", "date": None, "url": None, "source": f"o{k}", "event": "FIRE"})
        rows.append({"id": f"q{k}", "title": "Earthquake near Port Elsie", "text": quake + f"Aftershock number {k} followed soon after.", "date": None, "url": None, "source": f"o{k}", "event": "QUAKE"})
    out = evaluate(_write(tmp_path / "tiny.jsonl", rows))
    assert out["n_docs"] == 6 and out["n_gold"] == 2 and out["n_missing"] == 0
    assert out["score"] == out["bcubed_f1"]
    for key in ("bcubed_precision", "bcubed_recall", "pairwise_f1", "docs_per_s", "peak_mb", "n_pred"):
        assert key in out
    assert out["bcubed_precision"] == 1.0


def test_evaluate_rejects_unlabelled(tmp_path: Path) -> None:
    with pytest.raises(EvalError):
        evaluate(_write(tmp_path / "bad.jsonl", [{"id": "1", "title": "t", "text": "x"}]))
