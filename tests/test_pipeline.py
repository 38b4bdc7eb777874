from __future__ import annotations

import pytest

from newsweave.errors import PipelineError
from newsweave.pipeline import Context, Pipeline, Stage, default_stages
from newsweave.store import SQLiteStore


def test_default_stages_are_in_a_valid_order() -> None:
    order = ["ingest", "clean", "dedup", "events", "corrections", "extract", "compare"]
    names = Pipeline(default_stages()).names
    assert names == [n for n in order if n in names]


def test_pipeline_rejects_misordered_or_unknown_reads() -> None:
    early = Stage("x", reads=("y",), writes=("z",), run=lambda ctx: None)
    late = Stage("w", reads=("inputs",), writes=("y",), run=lambda ctx: None)
    with pytest.raises(PipelineError, match="later stage"):
        Pipeline([early, late])
    with pytest.raises(PipelineError, match="unknown"):
        Pipeline([Stage("q", reads=("nothing",), writes=(), run=lambda ctx: None)])
    Pipeline([late, early])


def test_pipeline_runs_only_selected_and_times_them() -> None:
    calls: list[str] = []
    a = Stage("a", ("inputs",), ("p",), lambda ctx: calls.append("a") or {"n": 1})
    b = Stage("b", ("p",), ("q",), lambda ctx: calls.append("b") or None)
    ctx = Context(store=SQLiteStore(":memory:"))
    out = Pipeline([a, b]).run(ctx, only=["b"])
    assert calls == ["b"] and set(out) == {"b"} and "seconds" in out["b"]
