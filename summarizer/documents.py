"""Reading input articles and normalising their text.

Every number the verifier checks is quoted by character offset into `Document.text`,
so the normalisation here is the one text every later step sees. It is deliberately
small: line endings to LF, Unicode NFC, Unicode spaces to a plain space, Unicode
hyphens ("four‑storey" with U+2011) to "-", and no trailing whitespace. Quote marks
and dashes are left alone (the verifier matches them itself) and paragraphs are kept
apart.

Invalid UTF-8 is decoded with replacement characters and a warning, not refused:
scraped news often carries a stray byte, and no number is ever made of those bytes,
so refusing would cost a whole article to protect nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
import unicodedata
from typing import BinaryIO

from pydantic import BaseModel, ConfigDict

from summarizer.errors import InputError

DEFAULT_MAX_BYTES = 2_000_000

_STDIN = "-"
_STDIN_LABEL = "<stdin>"
_NO_PATH_LABEL = "<input>"
_BOM = b"\xef\xbb\xbf"

# Formats whose bytes are no article, named by the magic bytes they start with, so the
# message says what the file is: an uncompressed PDF has no NUL byte and would
# otherwise be read as text, its headline "%PDF-1.4".
_NOT_TEXT = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (as .docx, .xlsx and .odt files are)"),
    (b"PK\x05\x06", "a ZIP archive (as .docx, .xlsx and .odt files are)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc, .xls)"),
    (b"{\\rtf", "an RTF document"),
)

# Every space separator (category Zs) other than U+0020: the scanner's patterns and
# the quote check expect plain spaces, so a no-break space must not hide a phrase.
_UNICODE_SPACES = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
)
_TO_PLAIN = str.maketrans({**dict.fromkeys(_UNICODE_SPACES, " "), "\u2010": "-", "\u2011": "-"})
_NEEDS_PLAIN = re.compile(f"[{_UNICODE_SPACES}\u2010\u2011]")


class Document(BaseModel):
    """One input article, normalised; `id` is the hex SHA-256 of `text` as UTF-8."""

    model_config = ConfigDict(frozen=True)

    id: str
    path: str | None
    text: str
    warnings: list[str]


def document_from_bytes(
    data: bytes, *, path: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Decode and normalise an article's bytes; `path` is only for messages and the record."""
    return _build(data, path=path, label=_label(path), max_bytes=max_bytes)


def document_from_text(
    text: str, *, path: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Normalise an article given as text, under the same rules and limit as bytes."""
    # surrogatepass keeps a lone surrogate from raising here; decoding then replaces
    # it and warns, as for any other bad byte.
    data = text.encode("utf-8", "surrogatepass")
    return document_from_bytes(data, path=path, max_bytes=max_bytes)


def load_document(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one article from a file, or from standard input when `path` is "-"."""
    given = os.fspath(path)
    if given == _STDIN:
        data = _read_at_most(sys.stdin.buffer, max_bytes + 1)
        if len(data) > max_bytes:
            raise _too_large(_STDIN_LABEL, None, max_bytes)
        return _build(data, path=None, label=_STDIN_LABEL, max_bytes=max_bytes)

    refuse_special_file(given)
    try:
        with open(given, "rb") as stream:
            # Reading one byte past the limit tells "too large" apart from "exactly
            # the limit" without reading a huge file whole.
            data = _read_at_most(stream, max_bytes + 1)
            if len(data) > max_bytes:
                raise _too_large(given, _regular_file_size(stream), max_bytes)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"{given}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{given}: is a directory; give the article files") from None
    except PermissionError:
        # Some platforms refuse to open a directory with EACCES rather than EISDIR.
        if os.path.isdir(given):
            raise InputError(f"{given}: is a directory; give the article files") from None
        raise InputError(f"{given}: permission denied; check the file's permissions") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"{given}: cannot be read ({reason})") from None
    return _build(data, path=given, label=given, max_bytes=max_bytes)


def refuse_special_file(path: str) -> None:
    """Refuse a FIFO, socket or device before opening it: opening a FIFO blocks until
    a writer comes, a terminal waits for typing, and no device is an article.
    Directories are left to open()."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # open() says what is wrong, in the words the user expects
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return
    if stat.S_ISFIFO(mode):
        kind = "a FIFO (named pipe)"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    elif stat.S_ISCHR(mode):
        kind = "a character device"
    else:
        kind = "a block device"
    raise InputError(f"{path}: is {kind}, not a regular file; give an article file, or - for stdin")


def _build(data: bytes, *, path: str | None, label: str, max_bytes: int) -> Document:
    if len(data) > max_bytes:
        raise _too_large(label, len(data), max_bytes)
    for magic, kind in _NOT_TEXT:
        if data.startswith(magic):
            raise InputError(f"{label}: {kind}; not supported yet (give its text)")
    if b"\x00" in data:
        raise InputError(
            f"{label}: contains NUL bytes, so it looks binary (or UTF-16); give a UTF-8 text file"
        )
    data = data.removeprefix(_BOM)
    text, replaced = _decode(data)
    warnings: list[str] = []
    if replaced:
        noun = "byte" if replaced == 1 else "bytes"
        warnings.append(f"{label}: replaced {replaced} invalid UTF-8 {noun} with U+FFFD")
    text = _normalise(text)
    if not text:
        raise InputError(f"{label}: is empty; give an article with text in it")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(id=digest, path=path, text=text, warnings=warnings)


def _decode(data: bytes) -> tuple[str, int]:
    """The text with invalid UTF-8 replaced, and how many bytes were replaced."""
    try:
        return data.decode("utf-8"), 0
    except UnicodeDecodeError:
        pass
    # "replace" folds a run of bad bytes into one U+FFFD, so count them where
    # surrogateescape gives each bad byte its own lone surrogate (U+DC80..U+DCFF);
    # strict UTF-8 never decodes to a surrogate, so nothing else lands there.
    escaped = data.decode("utf-8", "surrogateescape")
    replaced = sum(1 for char in escaped if "\udc80" <= char <= "\udcff")
    return data.decode("utf-8", "replace"), replaced


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    if _NEEDS_PLAIN.search(text):  # translate() with a table is slow; most texts need none
        text = text.translate(_TO_PLAIN)
    return text.rstrip()


def _read_at_most(stream: BinaryIO, limit: int) -> bytes:
    # A pipe may hand back fewer bytes than asked for before its end.
    chunks: list[bytes] = []
    remaining = limit
    while remaining > 0:
        chunk = stream.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _regular_file_size(stream: BinaryIO) -> int | None:
    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError):
        return None
    return status.st_size if status.st_size > 0 else None


def _too_large(label: str, size: int | None, max_bytes: int) -> InputError:
    # Standard input cannot say its size without being read whole.
    size_part = f"is {size:,} bytes, over" if size is not None else "is over"
    return InputError(
        f"{label}: {size_part} the limit of {max_bytes:,} bytes; "
        "raise it with --max-bytes if this is one article"
    )


def _label(path: str | None) -> str:
    return path if path is not None else _NO_PATH_LABEL
