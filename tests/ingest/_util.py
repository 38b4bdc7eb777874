"""Helpers shared by the ingest tests."""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

from newsweave.models import RawDocument, Rejection

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def split(items) -> tuple[list[RawDocument], list[Rejection]]:  # noqa: ANN001
    docs, rejected = [], []
    for item in items:
        (rejected if isinstance(item, Rejection) else docs).append(item)
    return docs, rejected


def read_with_peak(path: Path) -> tuple[int, int]:
    """How many items ``read_file`` yields for ``path``, and the peak of Python allocations while reading it."""
    from newsweave.ingest import read_file

    tracemalloc.start()
    try:
        n = sum(1 for _ in read_file(path))
        return n, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{title}</title>"
        f"<meta property='article:published_time' content='2022-06-01T10:00:00Z'></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode("utf-8")


def warc_bytes(pages: list[tuple[str, bytes]], *, gzip: bool, extra_image: bool = True) -> bytes:
    """A WARC holding one HTTP response per (url, html) page, plus a non-HTML response that must be skipped."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    records = [(url, html, "text/html; charset=utf-8") for url, html in pages]
    if extra_image:
        records.insert(1, ("https://img.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"))
    for url, payload, ctype in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
        writer.write_record(rec)
    return buf.getvalue()
