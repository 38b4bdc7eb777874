"""Walk paths, sniff each file, hand it to the right reader, and turn every failure into a Rejection."""

from __future__ import annotations

import hashlib
import logging
import os
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

from ..models import RawDocument, Rejection
from ..settings import Settings, load_settings
from ..text import normalise
from ._decode import DecodeError, declared_charset, decode
from ._detect import HEAD_BYTES, binary_kind, detect_format
from ._feed import read_feed
from ._html import HtmlError, html_document
from ._plaintext import plain_document
from ._records import read_json, read_jsonl
from ._stream import json_array_head, stream_json_array, stream_jsonl
from ._warc import read_warc

__all__ = ["read_path", "read_file", "iter_files", "document_id"]

Item = RawDocument | Rejection
log = logging.getLogger("newsweave.ingest")


def document_id(doc: RawDocument) -> str:
    """Stable id of a document's content: the same text from the same place always gets the same id.

    The url (or, without one, the outlet) is part of the key so one wire story run by two outlets stays two
    articles; dedup, not ingest, decides they are one source.
    """
    where = doc.url or doc.outlet or ""
    key = "\x1f".join((normalise(doc.title or ""), normalise(doc.raw_text), where.strip().casefold()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _hidden(name: str) -> bool:
    return name.startswith(".")


def iter_files(path: str | Path) -> Iterator[Path | Rejection]:
    """Files under ``path`` in sorted order (hidden files and folders skipped); a missing path is a Rejection."""
    p = Path(path)
    if p.is_dir():
        for root, dirs, files in os.walk(p, onerror=None):
            dirs[:] = sorted(d for d in dirs if not _hidden(d))
            for name in sorted(files):
                if not _hidden(name):
                    yield Path(root) / name
        return
    if p.exists() or p.is_symlink():
        yield p  # a dangling symlink is reported by read_file with the OS's reason
        return
    yield Rejection(str(path), "no such file or folder")


def read_path(path: str | Path, settings: Settings | None = None) -> Iterator[Item]:
    """Every document (and every rejection) found in a file or, recursively, a folder."""
    settings = settings or load_settings()
    for f in iter_files(path):
        if isinstance(f, Rejection):
            yield f
        else:
            yield from read_file(f, settings)


def _os_reason(exc: OSError) -> str:
    return f"cannot read file: {exc.strerror or exc}"


def read_file(path: str | Path, settings: Settings | None = None) -> Iterator[Item]:
    """The documents in one file; bad input yields a :class:`Rejection` and never raises."""
    settings = settings or load_settings()
    name = str(path)
    try:
        yield from _read_file(path, name, settings)
    except Exception as exc:  # noqa: BLE001 - the promise is that one bad file never stops a run
        log.debug("unexpected error reading %s", name, exc_info=True)
        yield Rejection(name, f"unexpected error while reading: {type(exc).__name__}: {exc}")


def _read_file(path: str | Path, name: str, settings: Settings) -> Iterator[Item]:
    try:
        size = os.stat(path).st_size
        if size > settings.max_file_bytes:
            yield Rejection(name, f"file too large ({size:,} bytes; limit max_file_bytes={settings.max_file_bytes:,})")
            return
        with open(path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
            fmt = detect_format(path, head)
            if fmt == "warc":
                fh.seek(0)
                yield from read_warc(fh, name, size, max_garbage=settings.max_garbage_ratio)
                return
            if fmt == "jsonl":
                yield from stream_jsonl(fh, head, name, settings)
                return
            if fmt == "json" and json_array_head(head):
                whole = lambda: _read_bytes(_all(fh), fmt, name, settings)  # noqa: E731 - legacy 8-bit arrays
                yield from stream_json_array(fh, head, name, settings, whole)
                return
            data = head + fh.read()
    except OSError as exc:
        yield Rejection(name, _os_reason(exc))
        return
    yield from _read_bytes(data, fmt, name, settings)


def _all(fh: BinaryIO) -> bytes:
    fh.seek(0)
    return fh.read()


def _gunzip(data: bytes, limit: int) -> bytes:
    # Bounded, so a small gzip bomb cannot bypass max_file_bytes.
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = d.decompress(data, limit + 1)
    if len(out) > limit:
        raise ValueError(f"gzip file expands beyond max_file_bytes={limit:,}")
    if not d.eof:
        raise EOFError("gzip stream ends early (truncated file)")
    return out


def _read_bytes(data: bytes, fmt: str, name: str, settings: Settings) -> Iterator[Item]:
    if fmt == "empty":
        yield Rejection(name, "empty file" if not data else "file holds only white space")
        return
    if fmt == "binary":
        kind = binary_kind(data[:HEAD_BYTES]) if not data.startswith(b"\x1f\x8b") else "gzip archive"
        yield Rejection(name, f"binary file ({kind or 'not text'})")
        return
    if data.startswith(b"\x1f\x8b"):
        try:
            data = _gunzip(data, settings.max_file_bytes)
        except (EOFError, ValueError, zlib.error) as exc:
            yield Rejection(name, f"corrupt gzip file: {exc}")
            return
    if fmt == "feed":
        # feedparser reads the XML encoding declaration itself; decoding first would defeat it.
        yield from read_feed(data, name)
        return
    try:
        text, encoding = decode(
            data, max_garbage=settings.max_garbage_ratio,
            declared=declared_charset(data[:HEAD_BYTES]) if fmt == "html" else None,
        )
    except DecodeError as exc:
        yield Rejection(name, str(exc))
        return
    if not text.strip():
        yield Rejection(name, "file holds only white space")
        return
    if fmt == "jsonl":
        yield from read_jsonl(text, name)
    elif fmt == "json":
        yield from read_json(text, name)
    elif fmt == "html":
        try:
            yield html_document(text, path=name, extra={"raw_sha256": hashlib.sha256(data).hexdigest(),
                                                        "encoding": encoding})
        except HtmlError as exc:
            yield Rejection(name, str(exc))
    else:
        # One line-ending convention for every later regex; offsets index this string, so it is done here.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        yield plain_document(text, name, extra={"raw_sha256": hashlib.sha256(data).hexdigest()})

