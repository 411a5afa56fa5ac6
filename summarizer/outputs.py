"""Writing results without losing any: whole files replaced atomically, JSONL lines
appended as articles finish, an earlier run's finished lines kept for --resume and put in
input order, devices and pipes written in place, and a reader gone told apart from an
output that cannot take the text."""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import secrets
import stat
import sys
import threading
from collections import deque
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import IO, Any, Literal

from summarizer.batch import Key, origin, same_file
from summarizer.errors import InputError

# The start of every line we write, so a first line cut off by an interruption is known.
_OUR_START = b'{"id":"'
# A first line longer than this is none of ours: a file with no line ends is not read whole.
_FIRST_LINE_LIMIT = 64 << 20
_ERROR_KINDS = frozenset({"input", "provider", "internal"})


class OutputClosed(Exception):
    """The reader of the output went away (a broken pipe): there is no one left to tell."""


def write_atomic(text: str, output: Path | None) -> None:
    """Write to stdout; to a device or a pipe in place; or to a file through a temporary
    one beside it, synced, and a rename: an existing file is replaced whole or not at
    all, and keeps its mode."""
    if output is None:
        to_stdout(text + "\n")
        return
    kind = _kind(output)
    if kind == "dir":
        raise InputError(f"{output}: is a directory; give a file name for --output")
    data = (text + "\n").encode("utf-8")
    try:
        if kind == "other":
            _write_in_place(output, data)
        else:
            _replace(output, [data])
    except BrokenPipeError:
        raise OutputClosed from None
    except OSError as e:
        raise InputError(f"{output}: cannot write: {e.strerror}") from None


def to_stdout(text: str) -> None:
    """Write to standard output now. A reader gone is OutputClosed; any other failure (a
    full disk) is one line. Either way standard output then goes to the null device, so
    the text still buffered for it cannot fail again as the interpreter exits."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_to_null()
        raise OutputClosed from None
    except OSError as e:
        _stdout_to_null()
        raise InputError(f"standard output: cannot write: {e.strerror}") from None


class JsonlSink:
    """Lines to stdout, to a device or a pipe, or to a file, each written as its article
    finishes, so an interrupted run keeps every finished line. A file gets each line in
    one unbuffered append, so a reader following it sees whole lines.

    Resumed, an earlier run's finished lines stand for their articles (`claim`), and
    closing puts the file in input order, through a temporary file and a rename."""

    def __init__(self, output: Path | None, resume: bool) -> None:
        self._file: IO[bytes] | None = None
        self._earlier: _Earlier | None = None
        self._lock = threading.Lock()  # claims come from the run's worker thread
        self._closed = False
        self._failed = False
        if output is None:
            if resume:
                raise InputError("--resume needs --output: the file to continue")
            return
        kind = _kind(output)
        if kind == "dir":
            raise InputError(f"{output}: is a directory; give a file name for --output")
        if kind == "other" and resume:  # a device or a pipe: reading it may never end
            raise InputError(f"{output}: not a regular file; --resume continues a file it wrote")
        if kind == "file" and not resume:
            raise InputError(f"{output}: exists; pass --resume to continue it, or remove it")
        if kind == "file":
            self._earlier = _read_earlier(output)
        try:
            self._file = open(output, "ab", buffering=0)  # noqa: SIM115
        except OSError as e:
            raise InputError(f"{output}: cannot write: {e.strerror}") from None
        if self._earlier is not None and self._earlier.cut:
            self._append(b"\n")  # the cut line ends here, and the next starts on its own
            self._earlier.end += 1

    @property
    def resuming(self) -> bool:
        return self._earlier is not None

    def claim(self, key: Key, index: int) -> bool:
        """Whether an earlier run finished the article of this key: its line then stands
        for the article, at this place in the run, and each line for one article only."""
        if self._earlier is None:
            return False
        with self._lock:
            spots = self._earlier.finished.get(key)
            if self._closed or not spots:
                return False
            offset, length = spots.popleft()
            self._earlier.placed.append((index, offset, length))
            return True

    def write(self, line: str, index: int = -1) -> None:
        """Write one line; `index` is its place in the run, to order a resumed file."""
        if self._file is None:
            to_stdout(line + "\n")
            return
        data = (line + "\n").encode("utf-8")
        self._append(data)
        if self._earlier is not None:
            with self._lock:
                self._earlier.placed.append((index, self._earlier.end, len(data)))
                self._earlier.end += len(data)
                self._earlier.written += 1

    def close(self, inputs: Collection[str] | None = None) -> list[str]:
        """Close the output, and put a resumed file in input order: the lines of the run's
        articles by their place, then the earlier lines it did not reach. `inputs`, given
        once the run went through all its articles, are its input files: their earlier
        lines that stood for none of them are stale (the input changed) and dropped.
        Returns notes for stderr."""
        if self._file is None:
            return []
        self._file.close()
        self._file = None
        with self._lock:
            self._closed = True
        earlier = self._earlier
        if earlier is None or self._failed:  # after a failed write the file stays as it is
            return []
        order, notes = earlier.order(inputs)
        if not earlier.already(order):
            earlier.rewrite(order)
        return notes

    def _append(self, data: bytes) -> None:
        assert self._file is not None
        try:
            while data:  # one call for a regular file; the rest of a short one is sent after
                written = self._file.write(data)
                if not written:
                    raise OSError(0, "the file took none of the line")
                data = data[written:]
        except BrokenPipeError:  # a pipe's reader went away: as with stdout
            self._failed = True
            raise OutputClosed from None
        except OSError as e:  # a full disk: what was written stays, --resume redoes the rest
            self._failed = True
            raise InputError(
                f"{self._file.name!s}: cannot write: {e.strerror}; --resume continues"
            ) from None


@dataclass
class _Earlier:
    """An earlier run's output being continued: where its finished lines are, by the key
    of their article, and where each line of the file goes once this run ends."""

    path: Path
    finished: dict[Key, deque[tuple[int, int]]] = field(default_factory=dict)  # offset, length
    count: int = 0  # lines the file had, finished or not
    end: int = 0  # where the next line is appended
    cut: bool = False  # its last line has no end: an interruption cut it off
    written: int = 0  # lines this run appended
    placed: list[tuple[int, int, int]] = field(default_factory=list)  # place, offset, length

    def order(self, inputs: Collection[str] | None) -> tuple[list[tuple[int, int]], list[str]]:
        """Offsets and lengths of the lines to keep, in order; and what was dropped."""
        placed = [(offset, n) for _, offset, n in sorted(self.placed, key=lambda p: p[0])]
        left = sorted((offset, n, key[0]) for key, spots in self.finished.items()
                      for offset, n in spots)  # fmt: skip
        stale = frozenset(same_file(where) for where in inputs or ())
        kept = [(offset, n) for offset, n, where in left if where not in stale]
        notes = []
        if len(kept) < len(left):
            notes.append(f"{self.path}: dropped {len(left) - len(kept)} earlier lines whose"
                         " articles their input no longer has (it changed)")  # fmt: skip
        if kept and inputs is not None:
            notes.append(f"{self.path}: kept {len(kept)} earlier lines of inputs not in this"
                         " run, after its lines")  # fmt: skip
        return placed + kept, notes

    def already(self, order: list[tuple[int, int]]) -> bool:
        """Whether the file is the lines in this order already: none dropped, none moved."""
        every = len(order) == self.count + self.written
        return every and all(a[0] < b[0] for a, b in pairwise(order))

    def rewrite(self, order: list[tuple[int, int]]) -> None:
        def chunks() -> Iterator[bytes]:
            with open(self.path, "rb") as f:
                for offset, n in order:
                    f.seek(offset)
                    yield f.read(n)

        try:
            _replace(self.path, chunks())
        except OSError as e:
            raise InputError(
                f"{self.path}: cannot put its lines in input order: {e.strerror}; every"
                " finished line is kept, and --resume orders them"
            ) from None


def _read_earlier(path: Path) -> _Earlier:
    """Where the finished lines of an earlier run's output are; a file that is not one is
    refused, and left as it is."""
    earlier = _Earlier(path)
    try:
        with open(path, "rb") as f:
            raw = f.readline(_FIRST_LINE_LIMIT)
            if raw and not _looks_ours(raw):
                raise InputError(
                    f"{path}: not an output of summarize --format jsonl (its first line is"
                    " no result or error line); --resume leaves it alone"
                )
            while raw:
                key = _finished_key(raw)
                if key is not None:
                    earlier.finished.setdefault(key, deque()).append((earlier.end, len(raw)))
                earlier.count += 1
                earlier.end += len(raw)
                earlier.cut = not raw.endswith(b"\n")
                raw = f.readline()
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from None
    return earlier


def _looks_ours(raw: bytes) -> bool:
    """A result or error line of ours, or the start of one an interruption cut off."""
    if _ours(raw) is not None:
        return True
    if raw.endswith(b"\n") or not raw.startswith(_OUR_START):
        return False
    try:
        json.loads(raw)
    except (ValueError, RecursionError):
        return True  # unfinished, as a cut line is
    return False  # whole, and not ours


def _ours(raw: bytes) -> dict[str, Any] | None:
    """The line, when it is a result or error line of ours."""
    try:
        line = json.loads(raw)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested beyond reason
        return None
    if not (isinstance(line, dict) and isinstance(line.get("id"), str)
            and isinstance(line.get("path"), str)):  # fmt: skip
        return None
    result, error = line.get("result"), line.get("error")
    if isinstance(result, dict) and isinstance(result.get("document_id"), str):
        return line
    if isinstance(error, dict) and error.get("kind") in _ERROR_KINDS:
        return line
    return None


def _finished_key(raw: bytes) -> Key | None:
    """The key of the article a whole result line is for; none for any other line."""
    line = _ours(raw) if raw.endswith(b"\n") else None
    if line is None or not isinstance(line.get("result"), dict):
        return None
    if "input" in line:
        where, number = line["input"], line.get("line")
    else:  # written before lines said their input
        where, number = origin(line["path"])
    if not isinstance(where, str) or not (number is None or type(number) is int):
        return None
    return (same_file(where), number, line["id"], line["result"]["document_id"])


def _kind(path: Path) -> Literal["missing", "file", "dir", "other"]:
    """What the path names, links followed; "other" is a device, a pipe or a socket."""
    try:
        mode = os.stat(path).st_mode
    except OSError:  # missing, or out of reach: creating it says which
        return "missing"
    if stat.S_ISREG(mode):
        return "file"
    return "dir" if stat.S_ISDIR(mode) else "other"


def _write_in_place(path: Path, data: bytes) -> None:
    """A device or a pipe is written as it is: never created, truncated, or renamed over."""
    with open(os.open(path, os.O_WRONLY), "wb") as f:
        f.write(data)


def _replace(output: Path, chunks: Iterable[bytes]) -> None:
    """Replace the file with the chunks through a temporary file beside it. The file is
    synced before the rename and the directory after it, so that a crash leaves the old
    file or the new one, whole. A link stays a link: the file it names is replaced."""
    target = Path(os.path.realpath(output))
    try:
        mode: int | None = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, tmp = _create_beside(target, private=mode is not None)
    try:
        with open(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            if mode is not None:
                os.fchmod(fd, mode)
            os.fsync(fd)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_directory(target.parent)


def _create_beside(target: Path, private: bool) -> tuple[int, Path]:
    """A new empty file in the target's directory: its owner's alone while it is to
    replace a file, whose mode it takes before the rename; otherwise with the mode any
    new file gets, the umask applied by the system rather than changed to be read."""
    for _ in range(100):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        with contextlib.suppress(FileExistsError):
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
            return os.open(tmp, flags, 0o600 if private else 0o666), tmp
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target.parent))


def _sync_directory(directory: Path) -> None:
    """Make a rename in the directory durable; a file system that cannot sync one has
    the file itself synced, at least."""
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.fsync(fd)
    os.close(fd)


def _stdout_to_null() -> None:
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, io.UnsupportedOperation):
        return  # not a file (a test's capture): nothing is flushed to it at exit
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)
