"""Bytes to text: UTF-8 first (almost all news today), then charset-normalizer, then refuse garbage."""

from __future__ import annotations

import codecs
import re

__all__ = [
    "DecodeError", "decode", "garbage_ratio", "garbage_count", "garbage_error", "declared_charset", "bom_encoding",
]

# charset-normalizer's best guess on short Western text is often a close cousin (mac_latin2, cp775) of the
# codepage that was actually used. Browsers assume windows-1252 for undeclared 8-bit text (WHATWG
# encoding standard), so we do too whenever it reads about as cleanly as the best guess.
_WESTERN = "cp1252"
_WESTERN_CHAOS_SLACK = 0.05

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0/C1 controls other than white space, DEL, and the replacement character.
_GARBAGE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can trust."""


def garbage_count(text: str) -> int:
    """How many characters of ``text`` never occur in prose: control characters and U+FFFD replacement marks."""
    return len(_GARBAGE.findall(text))


def garbage_ratio(text: str) -> float:
    """Share of characters that never occur in prose (:func:`garbage_count`)."""
    if not text:
        return 0.0
    return garbage_count(text) / len(text)


def garbage_error(ratio: float, encoding: str) -> DecodeError:
    """The error for text decoded with ``encoding`` whose share of garbage, ``ratio``, is over the limit."""
    return DecodeError(f"undecodable bytes: best decoding ({encoding}) is {ratio:.0%} control/replacement characters")


def bom_encoding(data: bytes) -> str | None:
    """The encoding the byte-order mark ``data`` starts with names (the one :func:`decode` uses), or None."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def declared_charset(head: bytes) -> str | None:
    """The encoding a page or XML file declares for itself, if Python knows it."""
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _check(text: str, encoding: str, max_garbage: float) -> str:
    ratio = garbage_ratio(text)
    if ratio > max_garbage:
        raise garbage_error(ratio, encoding)
    return text


def decode(data: bytes, *, max_garbage: float = 0.05, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise :class:`DecodeError` for garbage."""
    if enc := bom_encoding(data):
        try:
            return _check(data.decode(enc), enc, max_garbage), enc
        except UnicodeDecodeError as exc:
            raise DecodeError(f"undecodable bytes: {enc} byte-order mark but invalid {enc}: {exc.reason}") from exc
    try:
        return _check(data.decode("utf-8"), "utf-8", max_garbage), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared and declared not in ("utf-8", "utf_8"):
        try:
            return _check(data.decode(declared), declared, max_garbage), declared
        except (UnicodeDecodeError, LookupError):
            pass

    import charset_normalizer

    results = list(charset_normalizer.from_bytes(data))
    if not results:
        raise DecodeError("undecodable bytes: not UTF-8 and no text encoding fits")
    best = results[0]
    for r in results:
        if _WESTERN in r.could_be_from_charset and r.chaos <= best.chaos + _WESTERN_CHAOS_SLACK:
            try:
                return _check(data.decode(_WESTERN), _WESTERN, max_garbage), _WESTERN
            except UnicodeDecodeError:
                break
    return _check(str(best), best.encoding, max_garbage), best.encoding
