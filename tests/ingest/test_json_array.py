"""A JSON array of records is read a record at a time: the documents, values and error messages of reading the
whole text with json.loads, memory bounded by a record, and a broken array keeps what came before the break."""

from __future__ import annotations

import codecs
import gzip
import json
import random
from pathlib import Path
from typing import Iterator

import pytest

import newsweave.ingest._stream as stream
from newsweave.ingest import read_file
from newsweave.ingest._decode import DecodeError, decode
from newsweave.ingest._jsonarray import read_json_array
from newsweave.ingest._records import read_json
from newsweave.models import Rejection
from newsweave.settings import load_settings

from ._util import read_with_peak, split


def _record(i: int) -> dict:
    return {"id": f"r{i}", "title": f"Record {i}", "text": f"Paragraph {i}. " * 40, "source": "Daily"}


def _array(n: int) -> str:
    # one record per line, as exporters write them
    return "[\n" + ",\n".join(json.dumps(_record(i)) for i in range(n)) + "\n]\n"


def _pieces(text: str, sizes: list[int]) -> Iterator[str]:
    i = k = 0
    while i < len(text):
        yield text[i : i + sizes[k % len(sizes)]]
        i += sizes[k % len(sizes)]
        k += 1


def _odd_record(rng: random.Random, i: int) -> object:
    if i % 5 == 3:
        return rng.choice([[1, 2], "a string", 123456, -2.5e-10, None])  # not an object: rejected alone
    return {
        "id": f"r{i}", "title": f"Titre {i} é 😀", "text": 'Says "so" \\ then\n' * rng.randint(0, 20) + "end",
        "n": rng.choice([1, -2.5e10, 12345678901234567890, float("nan"), float("-inf"), None, True]),
        "tags": ["a", {"b": [1, 2.5]}], "escapes": "\ud83d\ude00 and a lone \ud800",
    }


def test_same_values_and_same_errors_as_json_loads() -> None:
    """Random arrays cut into random small chunks, then broken one character at a time: a valid text gives what
    the whole-text reader gave; a broken one gives json.loads's error, at json.loads's line and column, last."""
    rng = random.Random(12)
    broken = 0
    for _ in range(150):
        records = [_odd_record(rng, i) for i in range(rng.randint(0, 7))]
        text = json.dumps(records, indent=rng.choice([None, 2]), ensure_ascii=rng.random() < 0.5)
        text = rng.choice(["", " \n\t"]) + text + rng.choice(["", "\n"])
        sizes = [rng.randint(1, 30) for _ in range(4)]
        assert list(read_json_array(_pieces(text, sizes), "p")) == list(read_json(text, "p"))
        for _ in range(8):
            k = rng.randrange(len(text) + 1)
            change = rng.choice(["cut", "drop", "add"])
            if change == "cut":
                bad = text[:k]
            elif change == "drop":
                bad = text[:k] + text[k + 1 :]
            else:
                bad = text[:k] + rng.choice('[]{},:"x1\\ ') + text[k:]
            if not bad.lstrip().startswith("["):
                continue
            items = list(read_json_array(_pieces(bad, sizes), "p"))
            try:
                json.loads(bad)
            except json.JSONDecodeError as exc:
                broken += 1
                last = items[-1]
                assert isinstance(last, Rejection)
                assert last.reason.startswith(f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
                assert not any(isinstance(x, Rejection) and x.reason.startswith("malformed") for x in items[:-1])
            else:
                assert items == list(read_json(bad, "p"))
    assert broken > 500


def test_truncated_array_keeps_every_record_before_the_cut(tmp_path: Path, no_whole_file: None) -> None:
    text = _array(3000)
    f = tmp_path / "cut.json"
    data = text.encode()
    f.write_bytes(data[: len(data) * 2 // 3])
    docs, rejected = split(read_file(f))
    k = len(docs)
    assert k > 1900 and [d.record for d in docs] == [str(i) for i in range(k)]
    assert docs[-1].raw_text == _record(k - 1)["text"].strip()
    (rej,) = rejected
    assert (rej.path, rej.record) == (str(f), str(k))
    assert "(the file ends there: cut short?)" in rej.reason
    assert rej.reason.endswith(f", in record {k} (records 0-{k - 1} were read)")
    assert rej.message().startswith(f"{f}:{k}: malformed JSON: ")


def test_syntax_error_half_way_keeps_the_records_before_it(tmp_path: Path, no_whole_file: None) -> None:
    text = _array(3000).replace('"id": "r1501"', '"id": "r1501" "oops": 1', 1)
    f = tmp_path / "broken.json"
    f.write_text(text, encoding="utf-8")
    docs, rejected = split(read_file(f))
    assert [d.record for d in docs] == [str(i) for i in range(1501)]
    (rej,) = rejected
    assert rej.record == "1501"
    assert rej.reason == (
        "malformed JSON: Expecting ',' delimiter at line 1503 column 16, in record 1501 (records 0-1500 were read)"
    )
    with pytest.raises(json.JSONDecodeError) as whole:  # the place is the one json.loads names
        json.loads(text)
    assert (whole.value.lineno, whole.value.colno) == (1503, 16)


def test_missing_comma_between_records_and_data_after_the_array(tmp_path: Path, no_whole_file: None) -> None:
    f = tmp_path / "a.json"
    a, b = json.dumps(_record(0)), json.dumps(_record(1))
    f.write_text(f"[{a}\n {b}]", encoding="utf-8")
    docs, rejected = split(read_file(f))
    assert [d.record for d in docs] == ["0"]
    assert [(r.record, r.reason) for r in rejected] == [
        (None, "malformed JSON: Expecting ',' delimiter at line 2 column 2, after record 0 (record 0 was read)")
    ]
    f.write_text(f"[{a}, {b}]\n[{a}]", encoding="utf-8")
    docs, rejected = split(read_file(f))
    assert [d.record for d in docs] == ["0", "1"]
    assert [r.reason for r in rejected] == [
        "malformed JSON: Extra data at line 2 column 1, after the end of the array (records 0-1 were read)"
    ]


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
def test_encodings_and_gzip_stream_like_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_whole_file: None, encoding: str, gz: bool
) -> None:
    monkeypatch.setattr(stream, "CHUNK", 997)  # chunks cut code units and records
    records = [_record(i) for i in range(300)]
    records[5] = {"title": "Über Zürich 😀", "text": "Ein Text mit Umlauten: äöü, und ein Emoji 😀."}
    text = json.dumps(records, indent=1, ensure_ascii=False)
    data = text.encode(encoding)
    f = tmp_path / ("a.json.gz" if gz else "a.json")
    f.write_bytes(gzip.compress(data) if gz else data)
    items = list(read_file(f))
    assert items == list(read_json(text, str(f)))
    assert len(items) == 300 and items[5].title == "Über Zürich 😀"


def test_cut_gzip_array_keeps_the_records_of_the_part_it_holds(tmp_path: Path, no_whole_file: None) -> None:
    data = _array(2000).encode()
    f = tmp_path / "cut.json.gz"
    f.write_bytes(gzip.compress(data[: len(data) // 3]))  # a whole gzip file of a cut array
    docs, rejected = split(read_file(f))
    assert len(docs) > 600 and [d.record for d in docs] == [str(i) for i in range(len(docs))]
    assert len(rejected) == 1 and rejected[0].reason.startswith("malformed JSON")


def test_corrupt_gzip_garbage_and_bad_utf16_are_rejected_whole_before_any_record(tmp_path: Path) -> None:
    packed = gzip.compress(_array(500).encode())
    cut = tmp_path / "cut.json.gz"
    cut.write_bytes(packed[: len(packed) * 3 // 4])
    assert list(read_file(cut)) == [Rejection(str(cut), "corrupt gzip file: gzip stream ends early (truncated file)")]
    big = tmp_path / "big.json.gz"
    big.write_bytes(packed)
    (rej,) = read_file(big, load_settings(max_file_bytes=len(packed) + 100))
    assert rej.reason.startswith("corrupt gzip file: gzip file expands beyond max_file_bytes")
    noise = tmp_path / "noise.json"
    noise.write_bytes(b'[{"title": "' + bytes(range(1, 9)) * 200 + b'"}]')
    (rej,) = read_file(noise)
    with pytest.raises(DecodeError) as whole:
        decode(noise.read_bytes())
    assert rej.reason == str(whole.value)
    assert rej.reason == "undecodable bytes: best decoding (utf-8) is 99% control/replacement characters"
    wide = tmp_path / "wide.json"
    body = _array(50).encode("utf-16-le")
    wide.write_bytes(codecs.BOM_UTF16_LE + body[:5000] + b"\x00\xd8" + body[5000:])
    assert list(read_file(wide)) == [
        Rejection(str(wide), "undecodable bytes: utf-16 byte-order mark but invalid utf-16: illegal UTF-16 surrogate")
    ]


def test_legacy_8bit_array_is_still_read_in_its_encoding(tmp_path: Path) -> None:
    f = tmp_path / "latin.json"
    said = "Le barrage a cédé mardi matin après la pluie, dit le préfet."
    f.write_bytes(json.dumps([{"title": "Barrage", "text": said}], ensure_ascii=False).encode("cp1252"))
    (doc,) = read_file(f)
    assert doc.raw_text == said


def test_memory_follows_the_record_not_the_file(tmp_path: Path) -> None:
    f = tmp_path / "big.json.gz"
    with gzip.open(f, "wt", encoding="utf-8") as fh:
        fh.write(_array(8000))  # about 5 MB of JSON
    n, peak = read_with_peak(f)
    assert n == 8000
    assert peak < 1_000_000, peak  # reading it whole held the bytes, the text and all 8,000 records


def test_stage_stores_what_came_before_the_break_and_records_the_rejection(tmp_path: Path) -> None:
    from newsweave.ingest.stage import run
    from newsweave.pipeline import Context
    from newsweave.store import SQLiteStore

    data = _array(1200).encode()
    f = tmp_path / "cut.json"
    f.write_bytes(data[: len(data) // 2])
    store = SQLiteStore(tmp_path / "nw.db")
    stats = run(Context(store=store, inputs=[str(f)], show_progress=False))
    (rej,) = store.rejections()
    k = stats["documents"]
    assert stats == {"files": 1, "documents": k, "new": k, "rejected": 1} and 550 < k < 650
    assert [r["record"] for r in store.query("SELECT record FROM documents ORDER BY seq")] == [str(i) for i in range(k)]
    assert rej.record == str(k) and rej.reason.startswith("malformed JSON: ")
