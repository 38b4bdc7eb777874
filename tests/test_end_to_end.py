"""The whole pipeline through the CLI, on the fictional demo corpus and on the real seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"
SEEDS = ROOT.parent / "shared" / "seeds"


def _invoke(*args: str) -> object:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    r = _invoke("run", str(DEMO), "--db", db)
    assert r.exit_code == 0, r.output
    return db


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> str:
    if not SEEDS.exists():
        pytest.skip("../shared/seeds not present")
    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    r = _invoke("run", str(SEEDS), "--db", db)
    assert r.exit_code == 0, r.output
    return db


def test_audit_clean_on_demo_and_seeds(demo_db, seeds_db) -> None:
    for db in (demo_db, seeds_db):
        r = _invoke("audit", "--db", db, "--json")
        assert r.exit_code == 0 and json.loads(r.output) == [], r.output


def test_reingest_changes_nothing(demo_db) -> None:
    import newsweave

    with newsweave.open(demo_db) as nw:
        before = (nw.store.count("documents"), nw.store.count("articles"), [e.id for e in nw.events()])
    r = _invoke("run", str(DEMO), "--db", demo_db)
    assert r.exit_code == 0
    with newsweave.open(demo_db) as nw:
        after = (nw.store.count("documents"), nw.store.count("articles"), [e.id for e in nw.events()])
    assert before == after


def test_seed_events_copy_group_and_sources(seeds_db) -> None:
    r = _invoke("export", "--db", seeds_db, "--what", "events", "--format", "jsonl")
    rows = [json.loads(line) for line in r.output.splitlines() if line.strip()]
    by_files = {
        tuple(sorted(Path(a["path"]).name[:3] for a in row["articles"])): row for row in rows
    }
    assert set(by_files) == {("000", "003", "004"), ("001", "002")}
    assert by_files[("001", "002")]["independent_sources"] == 1
    assert by_files[("000", "003", "004")]["independent_sources"] == 3
    assert by_files[("001", "002")]["date"] == {"value": "2024-01-23", "precision": "day"}
    assert len({row["story_id"] for row in rows}) == 1
    assert all(row["explanation"] for row in rows)


def test_article_export_fields(seeds_db, tmp_path) -> None:
    out = tmp_path / "articles.jsonl"
    r = _invoke("export", "--db", seeds_db, "--what", "articles", "--format", "jsonl", "-o", str(out))
    assert r.exit_code == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 5
    for row in rows:
        assert {"id", "path", "url", "title", "outlet", "published", "wire", "text", "segments", "raw_text"} <= set(row)
        for seg in row["segments"]:
            assert 0 <= seg["start"] < seg["end"] <= len(row["raw_text"])
    afp = next(r for r in rows if r["path"].endswith(tuple(p.name for p in SEEDS.glob("002_*"))))
    assert afp["published"] == "2024-01-23" and afp["wire"] == "AFP"


def test_show_marks_commentary(seeds_db) -> None:
    import newsweave

    with newsweave.open(seeds_db) as nw:
        aid = next(a.id for a in nw.articles() if Path(a.path).name.startswith("003"))
    r = _invoke("show", aid[:8], "--db", seeds_db)
    assert r.exit_code == 0
    comment_lines = [line for line in r.output.splitlines() if "Comment:" in line]
    assert len(comment_lines) == 2 and all(line.startswith("! comm") for line in comment_lines)


def test_ingest_exit_status(tmp_path) -> None:
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01\x02binary")
    db = str(tmp_path / "x.db")
    r = _invoke("ingest", str(bad), "--db", db)
    assert r.exit_code == 1 and "bad.bin" in r.output
    good = tmp_path / "good.txt"
    good.write_text("Ferry runs aground near the harbour\n\nA ferry ran aground on Sunday, the coast guard said.\n")
    r = _invoke("ingest", str(bad), str(good), "--db", db)
    assert r.exit_code == 0
    r = _invoke("rejections", "--db", db)
    assert "bad.bin" in r.output


def test_every_command_help_ends_with_an_example() -> None:
    for name in cli.commands:
        r = _invoke(name, "--help")
        assert r.exit_code == 0
        assert "Example:" in r.output.strip().splitlines()[-2], name
