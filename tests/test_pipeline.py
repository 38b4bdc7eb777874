from __future__ import annotations

import pytest

from newsweave.errors import PipelineError
from newsweave.pipeline import Context, Pipeline, Stage, default_stages
from newsweave.store import SQLiteStore


def test_stages_declare_reads_and_writes_in_order() -> None:
    stages = default_stages()
    seen = {"inputs"}
    for s in stages:
        assert set(s.reads) <= seen, s.name
        seen |= set(s.writes)


def test_pipeline_rejects_stage_reading_unwritten_collection() -> None:
    bad = Stage("x", reads=("events",), writes=("y",), run=lambda ctx: None)
    with pytest.raises(PipelineError):
        Pipeline([bad])


def test_pipeline_runs_only_selected_and_times_them() -> None:
    calls: list[str] = []
    a = Stage("a", ("inputs",), ("p",), lambda ctx: calls.append("a") or {"n": 1})
    b = Stage("b", ("p",), ("q",), lambda ctx: calls.append("b") or None)
    ctx = Context(store=SQLiteStore(":memory:"))
    out = Pipeline([a, b]).run(ctx, only=["b"])
    assert calls == ["b"] and set(out) == {"b"} and "seconds" in out["b"]
