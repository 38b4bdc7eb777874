"""Every kind of bad input becomes a Rejection with a specific reason; nothing raises, good records survive."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsweave.ingest import read_file, read_path

from ._util import FIXTURES, page, split, warc_bytes


def _only_rejection(path: Path) -> str:
    docs, rejected = split(read_path(path))
    assert not docs
    assert len(rejected) == 1
    assert rejected[0].path == str(path)
    return rejected[0].reason


def test_binary_files(tmp_path: Path) -> None:
    pdf = tmp_path / "report.txt"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert _only_rejection(pdf) == "binary file (PDF)"
    nul = tmp_path / "dump.txt"
    nul.write_bytes(b"some text\x00\x00\x01\x02 more")
    assert _only_rejection(nul) == "binary file (contains NUL bytes)"


def test_empty_and_whitespace_only(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert _only_rejection(empty) == "empty file"
    blank = tmp_path / "blank.html"
    blank.write_bytes(b"  \n\t\r\n  ")
    assert _only_rejection(blank) == "file holds only white space"


def test_latin1_text_is_decoded_not_rejected(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    text = "Le barrage a cédé mardi matin après trois jours de pluie, a déclaré le préfet de la région.\n"
    f.write_bytes(text.encode("latin-1"))
    (doc,), rejected = split(read_file(f))
    assert not rejected
    assert doc.raw_text == text


def test_undecodable_bytes(tmp_path: Path) -> None:
    f = tmp_path / "noise.txt"
    # control characters and high bytes in no text encoding's shape
    f.write_bytes(bytes((i * 37) % 32 + (0 if i % 3 else 128) for i in range(1, 600)).replace(b"\x00", b"\x01"))
    reason = _only_rejection(f)
    assert reason.startswith("undecodable bytes")


def test_broken_html_without_text() -> None:
    assert _only_rejection(FIXTURES / "broken.html") == "HTML with no extractable text"


def test_malformed_json_line_rejects_that_line_only(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    f.write_text(
        '{"title": "First good record", "text": "The first record has text."}\n'
        '{"title": "Broken record", "text": "missing the closing brace"\n'
        "\n"
        '{"title": "Last good record", "text": "The last record has text."}\n'
        '{"title": "", "text": "", "id": "n1"}\n'
        '["not", "an", "object"]\n',
        encoding="utf-8",
    )
    docs, rejected = split(read_file(f))
    assert [d.title for d in docs] == ["First good record", "Last good record"]
    assert [d.record for d in docs] == ["1", "4"]
    assert [r.record for r in rejected] == ["2", "5", "6"]
    assert rejected[0].reason.startswith("malformed JSON line")
    assert rejected[1].reason.startswith("record has no text")
    assert rejected[2].reason == "expected a JSON object, found list"
    assert rejected[0].message() == f"{f}:2: {rejected[0].reason}"


def test_malformed_json_file(tmp_path: Path) -> None:
    f = tmp_path / "bad.json"
    f.write_text('[{"title": "x", "text": "y"},', encoding="utf-8")
    docs, rejected = split(read_path(f))
    assert [d.title for d in docs] == ["x"]  # the array is read a record at a time: what came before the break stays
    assert [(r.path, r.record) for r in rejected] == [(str(f), "1")]
    assert rejected[0].reason == (
        "malformed JSON: Expecting value at line 1 column 30 (the file ends there: cut short?), in record 1 "
        "(record 0 was read)"
    )
    f.write_text('{"title": "x", "text": "y",', encoding="utf-8")
    assert _only_rejection(f) == "malformed JSON: Expecting property name enclosed in double quotes at line 1 column 28"


def _two_pages() -> list[tuple[str, bytes]]:
    body = ["Rain closed the mountain road for a second day, the roads office said on Tuesday morning."] * 3
    return [("https://a.example/1", page("Road closed by rain", body)),
            ("https://a.example/2", page("Road reopens after rain", body[:2]))]


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("keep", [0.9, 0.75])
def test_truncated_warc_keeps_what_was_read(tmp_path: Path, gz: bool, keep: float) -> None:
    data = warc_bytes(_two_pages(), gzip=gz, extra_image=False)
    f = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    f.write_bytes(data[: int(len(data) * keep)])
    docs, rejected = split(read_file(f))
    assert [d.url for d in docs] == ["https://a.example/1"]
    assert len(rejected) == 1
    assert rejected[0].path == str(f)
    assert "truncated" in rejected[0].reason and "offset" in rejected[0].reason
    assert rejected[0].record.startswith("offset ") and int(rejected[0].record.split()[1]) > 0


def test_not_a_feed_and_broken_feed() -> None:
    assert _only_rejection(FIXTURES / "not_a_feed.xml") == "not a feed: no RSS or Atom root element (found <inventory>)"
    assert _only_rejection(FIXTURES / "broken.rss").startswith("not a feed:")


def test_missing_and_vanished_files(tmp_path: Path) -> None:
    assert _only_rejection(tmp_path / "nowhere") == "no such file or folder"
    link = tmp_path / "vanished.txt"
    link.symlink_to(tmp_path / "deleted-target.txt")
    assert _only_rejection(link).startswith("cannot read file: No such file")


def test_unreadable_file(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text("A perfectly good article that nobody may read.\n", encoding="utf-8")
    f.chmod(0)
    try:
        if os.access(f, os.R_OK):
            pytest.skip("running as a user (root) who can read a mode-000 file")
        assert _only_rejection(f) == "cannot read file: Permission denied"
    finally:
        f.chmod(0o644)


def test_too_large_file(tmp_path: Path) -> None:
    from newsweave.settings import load_settings

    f = tmp_path / "big.txt"
    f.write_text("word " * 100, encoding="utf-8")
    (rej,) = read_file(f, load_settings(max_file_bytes=100))
    assert rej.reason.startswith("file too large (500 bytes")


def test_folder_of_mixed_good_and_bad(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Harbour reopens to fishing boats after the storm\n\nBoats left at dawn.\n", "utf-8")
    (tmp_path / "b.bin").write_bytes(b"\x7fELF\x02\x01\x01")
    (tmp_path / "c.txt").write_bytes(b"")
    docs, rejected = split(read_path(tmp_path))
    assert len(docs) == 1
    assert sorted(Path(r.path).name for r in rejected) == ["b.bin", "c.txt"]


def test_permission_error_is_a_rejection_even_as_root(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import newsweave.ingest._read as reader

    f = tmp_path / "locked.txt"
    f.write_text("An article behind a lock that the reader is refused.\n", encoding="utf-8")

    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(reader, "open", refuse, raising=False)
    assert _only_rejection(f) == "cannot read file: Permission denied"


def test_truncated_gzip_and_gzip_bomb(tmp_path: Path) -> None:
    import gzip

    from newsweave.settings import load_settings

    packed = gzip.compress(b'{"title": "A record", "text": "Some text here."}\n' * 50)
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(packed[: len(packed) // 2])
    assert _only_rejection(cut).startswith("corrupt gzip file")
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(b"{" + b" " * 5000 + b"}\n"))
    (rej,) = read_file(bomb, load_settings(max_file_bytes=1000))
    assert "expands beyond max_file_bytes" in rej.reason


def test_unexpected_reader_error_becomes_a_rejection(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import newsweave.ingest._read as reader

    def explode(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("boom")

    monkeypatch.setattr(reader, "plain_document", explode)
    f = tmp_path / "a.txt"
    f.write_text("Some ordinary article text that a buggy reader fails on.\n", encoding="utf-8")
    assert _only_rejection(f) == "unexpected error while reading: RuntimeError: boom"
