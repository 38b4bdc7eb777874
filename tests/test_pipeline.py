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


def test_extract_and_compare_keep_what_unchanged_inputs_built(tmp_path) -> None:
    """A correction re-extracts and re-compares only the events it touched, and what is kept is what a full
    rebuild writes."""
    from pathlib import Path

    import newsweave

    demo = Path(__file__).resolve().parents[1] / "examples" / "demo"
    quiet = {"show_progress": False, "on_message": lambda m: None}
    with newsweave.open(str(tmp_path / "demo.db")) as nw:
        first = nw.run([str(demo)], **quiet)
        s = nw.store
        n = first["extract"]["records"]
        assert n >= 3 and first["extract"]["reused"] == 0
        again = nw.run([], only=["extract", "compare"], **quiet)
        assert again["extract"]["reused"] == n and again["compare"]["reused"] == again["compare"]["comparisons"]
        assert again["compare"]["conflicts"] == first["compare"]["conflicts"]
        assert again["extract"]["typed"] == first["extract"]["typed"]
        events = s.events()
        big = max(events, key=lambda e: len(e.article_ids))
        other = next(e for e in events if e.id != big.id)
        s.add_edit("merge", {"into": big.id, "event": other.id})
        fixed = nw.run([], only=["corrections", "extract", "compare"], **quiet)
        assert fixed["extract"]["records"] - fixed["extract"]["reused"] == 1  # only the merged event
        assert fixed["compare"]["comparisons"] - fixed["compare"]["reused"] >= 1
        kept = {e.id: (s.record_json(e.id), s.comparison_json(e.id)) for e in s.events()}
        s.set_state("extract.inputs", {})  # forget: everything is rebuilt from scratch
        s.set_state("compare.inputs", {})
        full = nw.run([], only=["extract", "compare"], **quiet)
        assert full["extract"]["reused"] == 0 and full["compare"]["reused"] == 0
        assert {e.id: (s.record_json(e.id), s.comparison_json(e.id)) for e in s.events()} == kept
