"""Writing results without losing any: whole files replaced atomically, JSONL lines
appended as articles finish, and earlier runs' lines kept for --resume."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import IO

from summarizer.errors import InputError


def write_atomic(text: str, output: Path | None) -> None:
    """Write to stdout, or to a file through a temporary one and a rename: an existing
    file is replaced whole or not at all, and keeps its mode."""
    if output is None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
        return
    if output.is_dir():
        raise InputError(f"{output}: is a directory; give a file name for --output")
    try:
        fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    except OSError as e:
        raise InputError(f"{output}: cannot write: {e.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text + "\n")
        os.chmod(tmp, _file_mode(output))
        os.replace(tmp, output)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{output}: cannot write: {e.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class JsonlSink:
    """Lines to stdout or to a file, each flushed as it is written, so an interrupted
    run keeps every finished line. A file gets each line in one unbuffered append, so
    a reader following it sees whole lines, not a buffer's worth at a time."""

    def __init__(self, output: Path | None, resume: bool) -> None:
        self.done: set[str] = set()  # ids with a result from an earlier run
        self._file: IO[bytes] | None = None
        if output is None:
            if resume:
                raise InputError("--resume needs --output: the file to continue")
            return
        if output.is_dir():
            raise InputError(f"{output}: is a directory; give a file name for --output")
        if output.exists() and not resume:
            raise InputError(f"{output}: exists; pass --resume to continue it, or remove it")
        if resume and output.exists():
            self.done = _keep_finished(output)
        try:
            self._file = open(output, "ab", buffering=0)  # noqa: SIM115
        except OSError as e:
            raise InputError(f"{output}: cannot write: {e.strerror}") from None

    def write(self, line: str) -> None:
        if self._file is None:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
            return
        data = (line + "\n").encode("utf-8")
        try:
            while data:  # one call for a regular file; the rest of a short one is sent after
                written = self._file.write(data)
                if not written:
                    raise OSError(0, "the file took none of the line")
                data = data[written:]
        except OSError as e:  # a full disk: what was written stays, --resume redoes the rest
            raise InputError(
                f"{self._file.name!s}: cannot write: {e.strerror}; --resume continues"
            ) from None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _keep_finished(path: Path) -> set[str]:
    """Rewrite the file with only its successful lines (dropping error lines, which the
    new run redoes, and a line cut off by an interruption); their ids."""
    kept: list[str] = []
    done: set[str] = set()
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for raw in f:
                try:
                    line = json.loads(raw)
                except json.JSONDecodeError:
                    continue
                if isinstance(line, dict) and line.get("result") and "id" in line:
                    kept.append(raw if raw.endswith("\n") else raw + "\n")
                    done.add(str(line["id"]))
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from None
    if kept:
        write_atomic("".join(kept).rstrip("\n"), path)
    else:
        path.write_text("")
    return done


def _file_mode(path: Path) -> int:
    """The mode of the file being replaced, else what a new file gets under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
