"""Web archives (WARC, WARC.gz) through warcio: every HTML response becomes a page read by the HTML path.

warcio stops quietly at a truncated record (it treats a short read as the end of the archive), so we check
ourselves that each record's block was read to its declared length and that nothing but padding follows the
last record, and report truncation as a rejection with the byte offset where it starts.
"""

from __future__ import annotations

import hashlib
from typing import BinaryIO, Iterator

from ..models import RawDocument, Rejection
from ._decode import DecodeError, declared_charset, decode
from ._detect import binary_kind
from ._html import HtmlError, html_document

__all__ = ["read_warc"]

_PAGE_RECORDS = ("response", "resource")
_HTML_TYPES = ("text/html", "application/xhtml")


def _content_type(rec) -> str:  # noqa: ANN001 - warcio record
    if rec.http_headers is not None:
        return (rec.http_headers.get_header("Content-Type") or "").lower()
    return (rec.rec_headers.get_header("Content-Type") or "").lower()


def read_warc(fh: BinaryIO, path: str, size: int, *, max_garbage: float) -> Iterator[RawDocument | Rejection]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    it = ArchiveIterator(fh)
    end = 0  # byte offset just past the last complete record
    n_pages = 0
    try:
        for rec in it:
            offset = it.offset
            if rec.rec_type not in _PAGE_RECORDS:
                it.read_to_end()
                end = it.offset
                continue
            ctype = _content_type(rec)
            payload = rec.content_stream().read()
            if rec.raw_stream.limit:  # fewer bytes than Content-Length: the file was cut inside this record
                yield Rejection(path, f"truncated WARC: record at offset {offset} ends early", f"offset {offset}")
                return
            it.read_to_end()
            end = it.offset
            uri = rec.rec_headers.get_header("WARC-Target-URI")
            record = rec.rec_headers.get_header("WARC-Record-ID") or f"offset {offset}"
            if not any(t in ctype for t in _HTML_TYPES) and not (not ctype and b"<html" in payload[:2048].lower()):
                continue  # images, scripts, robots.txt: not articles, not errors
            if binary_kind(payload[:512]):
                continue
            try:
                html, _ = decode(payload, max_garbage=max_garbage, declared=declared_charset(payload[:4096]))
                doc = html_document(
                    html,
                    path=path,
                    url=uri,
                    record=record,
                    source_format="warc",
                    extra={"raw_sha256": hashlib.sha256(payload).hexdigest(), "warc_offset": offset},
                )
            except (DecodeError, HtmlError) as exc:
                yield Rejection(path, f"{exc} ({uri})", record)
                continue
            n_pages += 1
            yield doc
    except (ArchiveLoadFailed, StatusAndHeadersParserException, EOFError, OSError, ValueError) as exc:
        at = it.offset if it.offset is not None else end
        yield Rejection(path, f"truncated or corrupt WARC at offset {at}: {exc}", f"offset {at}")
        return
    if size - end > 4:
        # warcio met an incomplete record header and took it for the end of the archive.
        yield Rejection(path, f"truncated WARC: {size - end} bytes after offset {end} are not a complete record",
                        f"offset {end}")
        return
    if n_pages == 0:
        yield Rejection(path, "WARC holds no HTML responses")
