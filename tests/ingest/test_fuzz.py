"""Whatever bytes a file holds, reading it yields documents or rejections and never raises."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from newsweave.ingest import read_file
from newsweave.models import RawDocument, Rejection

_PREFIXES = [b"", b"<html><body><p>", b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>",
             b'{"title": "t", "text": "', b"[{", b"WARC/1.0\r\n", b"\x1f\x8b\x08\x00", b"\xef\xbb\xbf", b"\xff\xfe"]
_SUFFIXES = ["", ".txt", ".html", ".json", ".jsonl", ".xml", ".rss", ".warc", ".warc.gz"]


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(_PREFIXES), body=st.binary(max_size=400), suffix=st.sampled_from(_SUFFIXES))
def test_read_file_never_raises(prefix: bytes, body: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / f"input{suffix}"
        f.write_bytes(prefix + body)
        items = list(read_file(f))
    assert items, "every file yields at least a document or a rejection"
    for item in items:
        assert isinstance(item, (RawDocument, Rejection))
        if isinstance(item, Rejection):
            assert item.path == str(f) and item.reason
        else:
            assert item.raw_text.strip()
