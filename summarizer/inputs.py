"""The articles of a run: files, directories of them, and JSONL files of many, read one
at a time so that a corpus of any size streams through.

An HTML page, as a file or as a JSONL line's text, is read for its main text only:
its menus, teasers, headers and footers carry numbers of other stories, which must
not become evidence."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.documents import Document, document_from_text, load_document
from summarizer.errors import InputError
from summarizer.html_pages import article_text, looks_like_html
from summarizer.summaries import parse_json

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
_HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class Item:
    """One input article, loaded, or the reason it could not be."""

    index: int
    path: str
    document: Document | None = None
    error: InputError | None = None
    given_id: str | None = None  # a JSONL line's own id
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        if self.given_id is not None:
            return self.given_id
        if self.document is not None:
            return self.document.id
        return self.path


def sources(paths: list[str], recursive: bool = False) -> list[str]:
    """The files a run reads, in order: directories expanded, nothing read yet."""
    out: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found = _articles_in(Path(path), recursive)
            if not found:
                where = "" if recursive else " (use -r for its subdirectories)"
                raise InputError(f"{path}: no .txt, .md or .html articles in it{where}")
            out += [str(p) for p in found]
        else:
            out.append(path)
    return out


def count(files: list[str]) -> int:
    """How many articles the files hold, without reading the articles themselves."""
    total = 0
    for path in files:
        if path.endswith(".jsonl") and os.path.isfile(path):
            with open(path, "rb") as f:
                total += sum(1 for line in f if line.strip())
        else:
            total += 1
    return total


def items(files: list[str], max_bytes: int) -> Iterator[Item]:
    """Every article of the files, in order, loaded as it is reached."""
    index = 0
    for path in files:
        if path.endswith(".jsonl") and os.path.isfile(path):
            for item in _jsonl(path, index, max_bytes):
                yield item
                index += 1
            continue
        try:
            yield Item(index, path, load_article(path, max_bytes))
        except InputError as error:
            yield Item(index, path, error=error)
        index += 1


def load_article(path: str | os.PathLike[str], max_bytes: int) -> Document:
    """One article file; an HTML page is read for its main text (`article_text`)."""
    document = load_document(path, max_bytes=max_bytes)
    if str(path).lower().endswith(_HTML_SUFFIXES):
        page = document_from_text(article_text(document.text), path=str(path), max_bytes=max_bytes)
        return page.model_copy(update={"warnings": document.warnings + page.warnings})
    return document


def _articles_in(directory: Path, recursive: bool) -> list[Path]:
    found = directory.rglob("*") if recursive else directory.glob("*")
    return sorted(p for p in found if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)


def _jsonl(path: str, first_index: int, max_bytes: int) -> Iterator[Item]:
    index = first_index
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                yield _jsonl_item(index, where, line, max_bytes)
            except InputError as error:
                yield Item(index, where, error=error)
            index += 1


def _jsonl_item(index: int, where: str, line: str, max_bytes: int) -> Item:
    try:
        # No digit limit: an article is not refused for a long checksum beside it.
        record = parse_json(line, where, max_digits=None)
    except json.JSONDecodeError as e:
        raise InputError(f"{where}: not valid JSON: {e.msg}") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError(f'{where}: each line needs a "text" field with the article')
    given = record.get("id")
    if given is not None and not isinstance(given, str | int):
        raise InputError(f'{where}: "id" must be a string or a number')
    metadata = {k: v for k, v in record.items() if k not in {"id", "text"}}
    text = record["text"]
    if looks_like_html(text, record):
        text = article_text(text.removeprefix("\ufeff"))
    document = document_from_text(text, path=where, max_bytes=max_bytes)
    return Item(index, where, document, given_id=None if given is None else str(given),
                metadata=metadata)  # fmt: skip
