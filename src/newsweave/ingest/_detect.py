"""Which reader a file needs, decided from its bytes first and its name second.

Extensions lie (a ``.txt`` saved from a browser is HTML, a download has no extension at all), so content
wins whenever it is conclusive; the extension only breaks ties between plain text and markup.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

__all__ = ["FORMATS", "HEAD_BYTES", "detect_format", "binary_kind"]

FORMATS = ("text", "html", "jsonl", "json", "warc", "feed", "binary", "empty")

# Enough to see a doctype, an XML root element or the first JSON line of most files.
HEAD_BYTES = 8192

# Magic numbers of formats people drop into a news folder by mistake (libmagic would add a system
# dependency for a handful of prefixes).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"RIFF", "RIFF media"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7z archive"),
    (b"PAR1", "Parquet file"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

_EXT = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".warc": "warc", ".arc": "warc",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".txt": "text", ".text": "text", ".md": "text",
}

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_HTML_MARK = re.compile(rb"<!doctype\s+html|<html\b|<head\b|<body\b|<meta\b[^>]*charset", re.I)
_HTML_TAG = re.compile(rb"<(?:div|p|article|section|span|h[1-6]|title|script|style|table|a|br|main|header)\b", re.I)
_XML_DECL = re.compile(rb"^\s*<\?xml\b", re.I)


def binary_kind(head: bytes) -> str | None:
    """What binary format ``head`` starts with, or None if it may be text."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head.startswith(_BOMS) or head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return None  # UTF-16/32 text carries NULs legitimately
    if b"\x00" in head:
        return "contains NUL bytes"
    return None


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, HEAD_BYTES)
    except zlib.error:
        return b""


def _suffixes(path: str | Path) -> list[str]:
    return [s.lower() for s in Path(path).suffixes]


def detect_format(path: str | Path, head_bytes: bytes) -> str:
    """One of :data:`FORMATS` for the file at ``path`` whose first bytes are ``head_bytes``.

    Gzip is looked through: ``x.warc.gz`` is ``warc``, ``x.jsonl.gz`` is ``jsonl`` (the readers decompress).
    """
    head = head_bytes
    if head.startswith(b"\x1f\x8b"):
        inner = _gunzip_head(head)
        if not inner:
            return "binary"
        head = inner
    if not head.strip():
        return "empty"
    if head.startswith(b"WARC/") or head.lstrip().startswith(b"WARC/"):
        return "warc"
    if binary_kind(head):
        return "binary"

    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    suffixes = [s for s in _suffixes(path) if s != ".gz"]
    ext = _EXT.get(suffixes[-1]) if suffixes else None

    if text.startswith(b"<"):
        if _FEED_ROOT.search(text):
            return "feed"
        if _HTML_MARK.search(text) or _HTML_TAG.match(text):
            return "html"
        if _XML_DECL.match(text):
            return "feed"  # XML that is not obviously a feed: the feed reader says precisely why it is not
        return ext if ext in ("html", "feed") else "html"
    if text.startswith(b"{"):
        first, _, rest = text.partition(b"\n")
        # One complete object per line is JSONL; a pretty-printed object spans lines.
        if ext == "jsonl" or (first.rstrip().endswith(b"}") and rest.lstrip().startswith(b"{")):
            return "jsonl"
        return "json"
    if text.startswith(b"[") and text[1:].lstrip()[:1] in (b"{", b"]", b""):
        return "json"
    if _HTML_MARK.search(text):
        return "html"
    if ext in ("json", "jsonl", "html", "feed"):
        # Named like structured data but does not start like it: let that reader explain what is wrong.
        return ext
    return "text"
