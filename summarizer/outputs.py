"""Writing results without losing any: whole files replaced atomically, JSONL lines
appended as articles finish, a resumed file put in input order (which lines it keeps, and
where they go, is resume.py's), devices and pipes written in place, and a reader gone told
apart from an output that cannot take the text."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import secrets
import stat
import sys
import threading
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import IO, Literal

from summarizer.errors import InputError
from summarizer.resume import Earlier, Key, read_earlier


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
        self._earlier: Earlier | None = None
        self._lock = threading.Lock()  # claims come from the run's worker thread
        self._closed = False
        self._failed = False
        self._resumable = False  # a regular file, which --resume can continue
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
            self._earlier = read_earlier(output)
        self._resumable = kind != "other"
        try:
            self._file = open(output, "ab", buffering=0)  # noqa: SIM115
            if self._earlier is not None and self._earlier.cut is not None:
                # A line cut off by an interruption is dropped, so that what follows it is
                # no whole line that is none of ours (the first could stop any --resume).
                os.ftruncate(self._file.fileno(), self._earlier.cut)
        except OSError as e:
            raise InputError(f"{output}: cannot write: {e.strerror}") from None

    @property
    def resuming(self) -> bool:
        return self._earlier is not None

    def claim(self, key: Key, index: int) -> bool:
        """Whether an earlier run finished the article of this key: its line then stands
        for the article, at this place in the run, and each line for one article only."""
        if self._earlier is None:
            return False
        with self._lock:
            return not self._closed and self._earlier.claim(key, index)

    def write(self, line: str, index: int = -1) -> None:
        """Write one line; `index` is its place in the run, to order a resumed file."""
        if self._file is None:
            to_stdout(line + "\n")
            return
        data = (line + "\n").encode("utf-8")
        self._append(data)
        if self._earlier is not None:
            with self._lock:
                self._earlier.appended(index, len(data))

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
            _rewrite(earlier.path, order)
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
            then = "; --resume continues it" if self._resumable else ""
            raise InputError(f"{self._file.name!s}: cannot write: {e.strerror}{then}") from None


def _rewrite(path: Path, order: list[tuple[int, int]]) -> None:
    """Put a resumed file's lines in this order: offsets and lengths of the lines kept."""

    def chunks() -> Iterator[bytes]:
        with open(path, "rb") as f:
            for offset, n in order:
                f.seek(offset)
                yield f.read(n)

    try:
        _replace(path, chunks())
    except OSError as e:
        raise InputError(
            f"{path}: cannot put its lines in input order: {e.strerror}; every"
            " finished line is kept, and --resume orders them"
        ) from None


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
