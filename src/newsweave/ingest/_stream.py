"""Readers that take a file a chunk at a time instead of whole: JSON Lines (UTF-8, legacy 8-bit or UTF-16/32,
gzipped or not) and JSON arrays of records. Memory follows the largest record, not the file."""

from __future__ import annotations

import codecs
import re
import zlib
from typing import AnyStr, BinaryIO, Callable, Iterable, Iterator

from ..models import RawDocument, Rejection
from ..settings import Settings
from ._decode import DecodeError, bom_encoding, decode, garbage_count, garbage_error, garbage_ratio
from ._detect import _gunzip_head
from ._jsonarray import read_json_array
from ._records import jsonl_line

__all__ = ["CHUNK", "gunzip_chunks", "json_array_head", "stream_json_array", "stream_jsonl"]

Item = RawDocument | Rejection

# Bytes handed on per step: bounds what a reader holds besides the current record.
CHUNK = 1 << 16

# Encodings whose newline is not the single byte b"\n": their lines are cut after decoding.
_WIDE = ("utf-16", "utf-32")


def _mark_undecodable(exc: UnicodeError) -> tuple[str, int]:
    # A lone surrogate never comes out of a strict UTF-16/32 decoder, so it marks the bad bytes unambiguously
    # (a JSON "\ud800" escape is six ASCII characters in the raw line, not a surrogate).
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "\udcff", exc.end


codecs.register_error("newsweave.mark", _mark_undecodable)
_MARKED = re.compile("[\ud800-\udfff]")


def gunzip_chunks(fh: BinaryIO, limit: int) -> Iterator[bytes]:
    """The first gzip member of ``fh`` decompressed a chunk at a time; EOFError when it is cut short,
    ValueError when it expands beyond ``limit`` bytes, zlib.error when it is corrupt."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    total = 0
    data = fh.read(CHUNK)
    while True:
        out = d.decompress(data, CHUNK)
        if not d.eof and not d.unconsumed_tail:
            more = fh.read(CHUNK)
            if not more:
                out += d.flush()
                if not d.eof:
                    raise EOFError("gzip stream ends early (truncated file)")
            data = more
        else:
            data = d.unconsumed_tail
        total += len(out)
        if total > limit:
            raise ValueError(f"gzip file expands beyond max_file_bytes={limit:,}")
        if out:
            yield out
        if d.eof:
            return


def _chunks(fh: BinaryIO, gz: bool, limit: int) -> Iterator[bytes]:
    """The file's bytes (decompressed if ``gz``) from the start, a chunk at a time."""
    fh.seek(0)
    return gunzip_chunks(fh, limit) if gz else iter(lambda: fh.read(CHUNK), b"")


def _gzip_problem(fh: BinaryIO, limit: int) -> str | None:
    """Why the gzip file is unreadable, or None: checked whole before any record (one pass, constant memory), so a
    corrupt or oversized file is rejected with no partial output, as when it was decompressed whole."""
    try:
        for _ in _chunks(fh, True, limit):
            pass
    except (EOFError, ValueError, zlib.error) as exc:
        return f"corrupt gzip file: {exc}"
    return None


def _split_lines(chunks: Iterable[AnyStr], newline: AnyStr) -> Iterator[AnyStr]:
    """Lines (each with its newline, as ``readline`` gives them) of a stream of chunks, without re-joining the
    rest of a chunk per line."""
    pending: list[AnyStr] = []
    empty = newline[:0]
    for chunk in chunks:
        start = 0
        while (nl := chunk.find(newline, start)) >= 0:
            pending.append(chunk[start : nl + 1])
            yield empty.join(pending)
            pending = []
            start = nl + 1
        if start < len(chunk):
            pending.append(chunk[start:])
    if pending:
        yield empty.join(pending)


def _decoded(chunks: Iterable[bytes], encoding: str, errors: str = "strict") -> Iterator[str]:
    dec = codecs.getincrementaldecoder(encoding)(errors)
    for chunk in chunks:
        if text := dec.decode(chunk):
            yield text
    if text := dec.decode(b"", final=True):
        yield text


def _byte_lines(lines: Iterable[bytes], max_garbage: float) -> Iterator[str | DecodeError]:
    """Each line decoded on its own: UTF-8 first, then the encoding the file's previous non-UTF-8 line had, then
    detection; so a bad line is rejected alone and a file of UTF-8 records with one Latin-1 line loses nothing."""
    other: str | None = None  # the encoding of the last line that was not UTF-8
    for raw in lines:
        try:
            text, encoding = decode(raw, max_garbage=max_garbage, declared=other)
        except DecodeError as exc:
            yield exc
            continue
        if encoding not in ("utf-8", "utf-8-sig"):
            other = encoding
        yield text


def _wide_lines(chunks: Iterable[bytes], encoding: str, max_garbage: float) -> Iterator[str | DecodeError]:
    """UTF-16/32 lines: the whole stream goes through one incremental decoder (its newline is two or four bytes
    wide, so the bytes cannot be cut first), which marks bad bytes instead of failing; a line holding a mark,
    or too much garbage, is rejected alone."""
    for line in _split_lines(_decoded(chunks, encoding, "newsweave.mark"), "\n"):
        if _MARKED.search(line):
            yield DecodeError(f"undecodable bytes: {encoding} byte-order mark but invalid {encoding} in this line")
        elif (ratio := garbage_ratio(line)) > max_garbage:
            yield garbage_error(ratio, encoding)
        else:
            yield line


def stream_jsonl(fh: BinaryIO, head: bytes, name: str, settings: Settings) -> Iterator[Item]:
    """JSON Lines read a line at a time; gzip is checked whole first (:func:`_gzip_problem`) and then
    decompressed again as it is read."""
    gz = head.startswith(b"\x1f\x8b")
    if gz and (problem := _gzip_problem(fh, settings.max_file_bytes)):
        yield Rejection(name, problem)
        return
    encoding = bom_encoding(_gunzip_head(head) if gz else head)
    lines: Iterable[str | DecodeError]
    if encoding in _WIDE:
        lines = _wide_lines(_chunks(fh, gz, settings.max_file_bytes), encoding, settings.max_garbage_ratio)
    else:
        fh.seek(0)
        raw = _split_lines(_chunks(fh, True, settings.max_file_bytes), b"\n") if gz else fh
        lines = _byte_lines(raw, settings.max_garbage_ratio)
    n = 0
    seen_text = False
    for text in lines:
        if isinstance(text, DecodeError):
            n += 1
            seen_text = True
            yield Rejection(name, str(text), str(n))
            continue
        # splitlines as the whole-file reader did, so numbering and the rare in-line breaks (\r, U+2028) match.
        for line in text.splitlines():
            n += 1
            item = jsonl_line(line, n, name)
            if item is not None:
                seen_text = True
                yield item
    if not seen_text:
        yield Rejection(name, "file holds only white space")


def json_array_head(head: bytes) -> bool:
    """Whether a file whose first bytes are ``head`` (gzipped or not, any byte-order mark) holds a JSON array."""
    if head.startswith(b"\x1f\x8b"):
        head = _gunzip_head(head)
    text = codecs.getincrementaldecoder(bom_encoding(head) or "utf-8")("replace").decode(head)
    return text.lstrip(" \t\n\r").startswith("[")


def stream_json_array(
    fh: BinaryIO, head: bytes, name: str, settings: Settings, whole: Callable[[], Iterator[Item]]
) -> Iterator[Item]:
    """A JSON array read a record at a time (:func:`read_json_array`), decoded as it is read.

    One pass over the file first decides what the whole-file reader decided from all of it (a corrupt gzip
    file, an encoding error, too much garbage) before any record is yielded. JSON is UTF-8 (RFC 8259) or says
    its encoding with a byte-order mark; a file that is neither goes to ``whole``, the whole-file reader,
    because choosing its legacy encoding takes charset detection over all of its bytes. (A record cannot be
    decoded on its own as a JSON Lines line is: where it ends is only known once it is decoded.)
    """
    gz = head.startswith(b"\x1f\x8b")
    limit = settings.max_file_bytes
    encoding = bom_encoding(_gunzip_head(head) if gz else head) or "utf-8"
    garbage = chars = 0
    try:
        for text in _decoded(_chunks(fh, gz, limit), encoding):
            garbage += garbage_count(text)
            chars += len(text)
    except UnicodeDecodeError:  # before ValueError, its base class
        yield from whole()  # same message (BOM) or legacy-encoding reading as before
        return
    except (EOFError, ValueError, zlib.error) as exc:
        yield Rejection(name, f"corrupt gzip file: {exc}")
        return
    if chars and garbage / chars > settings.max_garbage_ratio:
        yield Rejection(name, str(garbage_error(garbage / chars, encoding)))
        return
    yield from read_json_array(_decoded(_chunks(fh, gz, limit), encoding), name)
