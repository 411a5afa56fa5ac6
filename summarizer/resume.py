"""What --resume knows of an earlier run's output: the identity of an article (its input,
its line there, its id and its text), where the finished lines of a file are, by that
identity, and the order its lines go in once this run ends. Writing is outputs.py's."""

from __future__ import annotations

import functools
import json
import os
from collections import deque
from collections.abc import Collection
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.errors import InputError

if TYPE_CHECKING:
    from summarizer.inputs import Item

# What an earlier run's line must match to stand for an item: the input, the line in it
# (none for a file of one article), the id, and the SHA-256 of the text.
Key = tuple[str, int | None, str, str]

# The start of every line we write, so a first line cut off by an interruption is known.
_OUR_START = b'{"id":"'
# A first line longer than this is none of ours: a file with no line ends is not read whole.
_FIRST_LINE_LIMIT = 64 << 20
_ERROR_KINDS = frozenset({"input", "provider", "internal"})


def origin(path: str) -> tuple[str, int | None]:
    """The input file of an item's path and the line in it: a JSONL article's path is
    "FILE.jsonl:LINE", any other path is the file of one article."""
    head, colon, tail = path.rpartition(":")
    if colon and tail.isascii() and tail.isdigit() and head.endswith(".jsonl"):
        return head, int(tail)
    return path, None


def resume_key(item: Item) -> Key | None:
    """What an earlier run's finished line must match to stand for this item; none for
    an item that could not be read, which is always done again."""
    if item.document is None:
        return None
    where, number = origin(item.path)
    return (same_file(where), number, item.id, item.document.id)


@functools.lru_cache(maxsize=256)
def same_file(where: str) -> str:
    """One name for an input however it was written ("day.jsonl", "./day.jsonl", an
    absolute path, a link), so that a resumed run knows its lines again."""
    return where if where == "-" else os.path.realpath(where)


@dataclass
class Earlier:
    """An earlier run's output being continued: where its finished lines are, by the key
    of their article, and where each line of the file goes once this run ends."""

    path: Path
    finished: dict[Key, deque[tuple[int, int]]] = field(default_factory=dict)  # offset, length
    count: int = 0  # whole lines the file has, finished or not
    end: int = 0  # where the next line is appended
    cut: int | None = None  # where a last line with no end starts: an interruption cut it off
    written: int = 0  # lines this run appended
    placed: list[tuple[int, int, int]] = field(default_factory=list)  # place, offset, length

    def claim(self, key: Key, index: int) -> bool:
        """Whether a finished line of this key is left: it then stands for the article at
        this place in the run, and for that article only."""
        spots = self.finished.get(key)
        if not spots:
            return False
        offset, length = spots.popleft()
        self.placed.append((index, offset, length))
        return True

    def appended(self, index: int, length: int) -> None:
        """A line of this run's, of the article at this place, appended at the end."""
        self.placed.append((index, self.end, length))
        self.end += length
        self.written += 1

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


def read_earlier(path: Path) -> Earlier:
    """Where the finished lines of an earlier run's output are; a file that is not one is
    refused, and left as it is."""
    earlier = Earlier(path)
    here = os.path.dirname(os.path.abspath(path))
    try:
        with open(path, "rb") as f:
            raw = f.readline(_FIRST_LINE_LIMIT)
            longer = not raw.endswith(b"\n") and f.read(1) != b""  # no cut line: more follows
            if raw and (longer or not looks_ours(raw)):
                raise InputError(
                    f"{path}: not an output of summarize --format jsonl (its first line is"
                    " no result or error line); --resume leaves it alone"
                )
            while raw:
                if not raw.endswith(b"\n"):
                    earlier.cut = earlier.end
                    break
                key = finished_key(raw, here)
                if key is not None:
                    earlier.finished.setdefault(key, deque()).append((earlier.end, len(raw)))
                earlier.count += 1
                earlier.end += len(raw)
                raw = f.readline()
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from None
    return earlier


def looks_ours(raw: bytes) -> bool:
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


def finished_key(raw: bytes, here: str) -> Key | None:
    """The key of the article a whole result line is for; none for any other line. A
    line that does not give its input's resolved path has its input found from `here`,
    the output's directory, or else the working directory."""
    line = _ours(raw) if raw.endswith(b"\n") else None
    if line is None or not isinstance(line.get("result"), dict):
        return None
    if "input" in line:
        where, number = line["input"], line.get("line")
    else:  # written before lines said their input
        where, number = origin(line["path"])
    if not isinstance(where, str) or not (number is None or type(number) is int):
        return None
    resolved = line.get("input_path")
    if not isinstance(resolved, str):
        resolved = _found(where, here)
    return (resolved, number, line["id"], line["result"]["document_id"])


def _found(where: str, here: str) -> str:
    """An input named as a run named it, in the output's directory or the working one."""
    beside = os.path.join(here, where)
    if where != "-" and not os.path.isabs(where) and os.path.exists(beside):
        return same_file(beside)
    return same_file(where)
