"""JSON Lines (UTF-8, 8-bit, UTF-16/32, gzipped or not) are read a line at a time: same documents and rejections
as reading the whole text, memory bounded by a record, not the file."""

from __future__ import annotations

import codecs
import gzip
import json
from pathlib import Path

import pytest

import newsweave.ingest._stream as stream
from newsweave.ingest import read_file
from newsweave.ingest._records import read_jsonl
from newsweave.models import Rejection
from newsweave.settings import load_settings

from ._util import read_with_peak, split


def _record(i: int) -> str:
    return json.dumps({"id": f"r{i}", "title": f"Record {i}", "text": f"Paragraph {i}. " * 40, "source": "Daily"})


def _lines(n: int, bad_at: int) -> list[str]:
    lines = [_record(i) for i in range(n)]
    lines[bad_at - 1] = '{"title": "Broken", "text": "no closing brace"'
    return lines


def test_big_file_with_a_bad_line_in_the_middle(tmp_path: Path, no_whole_file: None) -> None:
    lines = _lines(3000, bad_at=1500)
    text = "\n".join(lines) + "\n\n"
    f = tmp_path / "big.jsonl"
    f.write_text(text, encoding="utf-8")
    items = list(read_file(f))
    assert items == list(read_jsonl(text, str(f)))  # what the whole-file reader made of it
    docs, rejected = split(items)
    assert len(docs) == 2999
    assert [(r.record, r.reason.split(":")[0]) for r in rejected] == [("1500", "malformed JSON line")]
    assert docs[1498].record == "1499" and docs[1499].record == "1501"


def test_memory_follows_the_record_not_the_file(tmp_path: Path) -> None:
    f = tmp_path / "big.jsonl"
    with f.open("w", encoding="utf-8") as fh:
        for i in range(8000):  # about 5 MB
            fh.write(_record(i) + "\n")
    assert f.stat().st_size > 4_000_000
    n, peak = read_with_peak(f)
    assert n == 8000
    assert peak < 1_000_000, peak  # the whole-file reader peaked at several times the file size


def test_gzip_jsonl_streams_across_chunks(tmp_path: Path, no_whole_file: None) -> None:
    lines = _lines(2000, bad_at=700)
    text = "\n".join(lines)  # no newline after the last record
    assert len(text) > 4 * stream.CHUNK
    f = tmp_path / "big.jsonl.gz"
    f.write_bytes(gzip.compress(text.encode("utf-8")))
    assert list(read_file(f)) == list(read_jsonl(text, str(f)))


def test_corrupt_or_oversized_gzip_is_rejected_before_any_record(tmp_path: Path) -> None:
    packed = gzip.compress(("\n".join(_record(i) for i in range(500)) + "\n").encode())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(packed[: len(packed) * 3 // 4])
    (rej,) = read_file(cut)
    assert isinstance(rej, Rejection) and rej.reason == "corrupt gzip file: gzip stream ends early (truncated file)"
    big = tmp_path / "big.jsonl.gz"
    big.write_bytes(packed)
    (rej,) = read_file(big, load_settings(max_file_bytes=len(packed) + 100))
    assert rej.reason.startswith("corrupt gzip file: gzip file expands beyond max_file_bytes")


def test_latin1_line_among_utf8_lines(tmp_path: Path, no_whole_file: None) -> None:
    f = tmp_path / "mixed.jsonl"
    latin = {"title": "Barrage", "text": "Le barrage a cédé mardi matin après trois jours de pluie, dit le préfet."}
    f.write_bytes(
        (json.dumps({"title": "Première", "text": "Un texte en UTF-8, déjà."}, ensure_ascii=False) + "\n").encode()
        + (json.dumps(latin, ensure_ascii=False) + "\n").encode("latin-1")
        + (_record(3) + "\n").encode()
    )
    docs, rejected = split(read_file(f))
    assert not rejected
    assert [d.raw_text for d in docs] == ["Un texte en UTF-8, déjà.", latin["text"], ("Paragraph 3. " * 40).strip()]


def test_truncated_last_line_and_missing_final_newline(tmp_path: Path, no_whole_file: None) -> None:
    f = tmp_path / "cut.jsonl"
    f.write_text(_record(1) + "\n" + _record(2) + "\n" + _record(3)[:50], encoding="utf-8")
    docs, rejected = split(read_file(f))
    assert [d.record for d in docs] == ["1", "2"]
    assert [r.record for r in rejected] == ["3"] and rejected[0].reason.startswith("malformed JSON line")
    f.write_text(_record(1) + "\n" + _record(2), encoding="utf-8")
    docs, rejected = split(read_file(f))
    assert [d.record for d in docs] == ["1", "2"] and not rejected


def test_bom_crlf_and_a_garbage_line(tmp_path: Path, no_whole_file: None) -> None:
    f = tmp_path / "bom.jsonl"
    noise = bytes((i * 37) % 32 + (0 if i % 3 else 128) for i in range(1, 300)).replace(b"\x00", b"\x01")
    noise = noise.replace(b"\n", b" ").replace(b"\r", b" ")
    f.write_bytes(b"\xef\xbb\xbf" + _record(1).encode() + b"\r\n" + noise + b"\r\n" + _record(3).encode() + b"\r\n")
    docs, rejected = split(read_file(f))
    assert [d.record for d in docs] == ["1", "3"]
    assert [r.record for r in rejected] == ["2"] and rejected[0].reason.startswith("undecodable bytes")


def _wide(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be":  # Python's "utf-16" writes little-endian with its mark; big-endian needs it added
        return codecs.BOM_UTF16_BE + text.encode(encoding)
    return text.encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("gz", [False, True])
def test_utf16_and_utf32_jsonl_stream_a_line_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_whole_file: None, encoding: str, gz: bool
) -> None:
    # An odd chunk size cuts code units, surrogate pairs and CRLFs across chunks.
    monkeypatch.setattr(stream, "CHUNK", 1001)
    lines = _lines(1500, bad_at=600)
    lines[7] = json.dumps({"title": "Émoji 😀 inside", "text": "Ünïcode text 😀 here."}, ensure_ascii=False)
    text = "\r\n".join(lines) + "\r\n"
    f = tmp_path / ("wide.jsonl.gz" if gz else "wide.jsonl")
    f.write_bytes(gzip.compress(_wide(text, encoding)) if gz else _wide(text, encoding))
    items = list(read_file(f))
    assert items == list(read_jsonl(text, str(f)))  # what the whole-file reader made of it
    docs, rejected = split(items)
    assert len(docs) == 1499 and [r.record for r in rejected] == ["600"]
    assert docs[7].title == "Émoji 😀 inside"


def test_utf16_jsonl_with_a_bad_line_loses_only_that_line(tmp_path: Path, no_whole_file: None) -> None:
    good = [_record(i) for i in range(1, 401)]
    f = tmp_path / "wide.jsonl"
    data = [line.encode("utf-16-le") + "\n".encode("utf-16-le") for line in good]
    data[249] = data[249][:40] + b"\x00\xd8" + data[249][40:]  # a lone high surrogate in line 250
    f.write_bytes(codecs.BOM_UTF16_LE + b"".join(data) + b"A")  # and an odd byte at the very end
    docs, rejected = split(read_file(f))
    assert [d.record for d in docs] == [str(i) for i in range(1, 401) if i != 250]
    assert [(r.record, r.reason) for r in rejected] == [
        ("250", "undecodable bytes: utf-16 byte-order mark but invalid utf-16 in this line"),
        ("401", "undecodable bytes: utf-16 byte-order mark but invalid utf-16 in this line"),
    ]


def test_utf16_jsonl_memory_follows_the_record(tmp_path: Path) -> None:
    f = tmp_path / "big.jsonl"
    with f.open("w", encoding="utf-16") as fh:
        for i in range(8000):
            fh.write(_record(i) + "\n")
    assert f.stat().st_size > 8_000_000
    n, peak = read_with_peak(f)
    assert n == 8000
    assert peak < 1_000_000, peak  # the whole-file reader held the bytes and the text: about 15 MB


def test_stage_interrupted_mid_file_resumes_and_reingest_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, power_cut
) -> None:
    import newsweave.ingest.stage as stage
    from newsweave.pipeline import Context
    from newsweave.store import SQLiteStore

    f = tmp_path / "big.jsonl"
    f.write_text("\n".join(_lines(1000, bad_at=450)) + "\n", encoding="utf-8")
    monkeypatch.setattr(stage, "BATCH_SIZE", 100)
    store = SQLiteStore(tmp_path / "nw.db")
    real = power_cut(store, "add_documents", 4)
    ctx = Context(store=store, inputs=[str(f)], show_progress=False)
    with pytest.raises(RuntimeError):
        stage.run(ctx)
    assert store.count("documents") == 300  # the committed batches stay
    monkeypatch.setattr(store, "add_documents", real)
    assert stage.run(ctx) == {"files": 1, "documents": 999, "new": 699, "rejected": 1}
    table = store.query("SELECT * FROM documents ORDER BY seq")
    assert [r["record"] for r in table] == [str(i) for i in range(1, 1001) if i != 450]
    assert stage.run(ctx)["new"] == 0
    assert store.query("SELECT * FROM documents ORDER BY seq") == table
    assert len(store.rejections()) == 1
