"""The articles of a run: files, directories of them, and JSONL files of many, read one
at a time so that a corpus of any size streams through.

An HTML page, as a file or as a JSONL line's text, is read for its main text only:
its menus, teasers, headers and footers carry numbers of other stories, which must
not become evidence."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from summarizer.documents import Document, document_from_text, load_document
from summarizer.errors import InputError
from summarizer.summaries import parse_json

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
_HTML_SUFFIXES = (".html", ".htm")
# A JSONL text is HTML when it holds, anywhere, a doctype or a tag of these names:
# a closing tag, or an opening one whose attributes all have values, so that "a < b"
# or "<b and c>" in plain text is not taken for a tag. Or when its line says so in
# one of _HTML_FIELDS, whose value (before any "; charset=") is one of _HTML_TYPES.
_TAG_NAMES = (
    r"(?:html|head|body|main|article|section|header|footer|nav|aside|div|p|br|hr|h[1-6]"
    r"|span|a|b|i|em|strong|ul|ol|li|table|tr|td|th|script|style|noscript|template"
    r"|meta|link|title|img|iframe|form|figure|blockquote)\b"
)
# Attribute values hold no "<", so no attempt at a tag reads past the next "<".
_ATTRIBUTE = r"""\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'|[^\s"'<>=`]+)"""
_HTML_TAG = re.compile(
    rf"<!doctype\s+html|</{_TAG_NAMES}\s*>|<{_TAG_NAMES}(?:{_ATTRIBUTE})*\s*/?>",
    re.IGNORECASE,
)
_HTML_FIELDS = ("content_type", "format")
_HTML_TYPES = frozenset({"html", "text/html", "application/xhtml+xml"})


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


def article_text(html: str) -> str:
    """The main text of an HTML page, one paragraph a block, its headline first.

    trafilatura finds the article and leaves out navigation, related-story teasers,
    headers, footers, comments, scripts and styles. A page it finds no article in (a
    bare <p>) is read whole, as `html_text` reads it."""
    page = _TextOfHtml()
    page.feed(html)
    page.close()
    found = _main_text(html)
    if found is None:
        return page.text()
    text, title = found
    paragraphs = [p for p in (_squeezed(line) for line in text.splitlines()) if p]
    headline = _headline(title, page)
    # The rules engine and the documents take a short first paragraph for the headline.
    if headline and not (paragraphs and paragraphs[0] in {headline, *page.headings["h1"]}):
        paragraphs.insert(0, headline)
    return "\n\n".join(paragraphs)


def html_text(html: str) -> str:
    """The readable text of a whole HTML page: paragraphs kept; scripts, styles and
    <title> dropped. Menus and teasers stay: `article_text` is the one that drops them."""
    page = _TextOfHtml()
    page.feed(html)
    page.close()
    return page.text()


def _main_text(html: str) -> tuple[str, str | None] | None:
    """The article's text as trafilatura finds it, and its title; None for none."""
    # Imported here: trafilatura takes a tenth of a second to import, which a run
    # without HTML need not pay.
    import trafilatura

    # Precision over recall: a paragraph missed costs a number its evidence, but a
    # teaser kept lends evidence to numbers of another story.
    found = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_precision=True
    )
    if found is None or isinstance(found, dict) or not found.text:
        return None
    return found.text, found.title


def _headline(title: str | None, page: _TextOfHtml) -> str | None:
    """trafilatura's title of the page (its <h1>, or the article title its metadata
    names), unless it fell back on <title>, where the site's name and section ride
    along, or on an <h2>, which may head a box of other stories."""
    if not title:
        return None
    title = _squeezed(title)
    if title in page.headings["h1"]:
        return title
    if any(title in t for t in page.headings["title"]) or title in page.headings["h2"]:
        return None
    return title


def _squeezed(text: str) -> str:
    return " ".join(text.split())


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
    if _looks_like_html(text, record):
        text = article_text(text.removeprefix("\ufeff"))
    document = document_from_text(text, path=where, max_bytes=max_bytes)
    return Item(index, where, document, given_id=None if given is None else str(given),
                metadata=metadata)  # fmt: skip


def _looks_like_html(text: str, record: dict[str, Any]) -> bool:
    """Whether a JSONL line's text is HTML: a field says so, or a tag is in it anywhere
    (after a BOM, an <?xml?> line, or plain text)."""
    for field_name in _HTML_FIELDS:
        value = record.get(field_name)
        if isinstance(value, str) and value.split(";")[0].strip().lower() in _HTML_TYPES:
            return True
    return _HTML_TAG.search(text) is not None


class _TextOfHtml(HTMLParser):
    """Every block of text of a page, and the texts of its <title>, <h1> and <h2>."""

    _BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                         "article", "section", "header", "footer", "tr", "blockquote"})  # fmt: skip
    # <title> is the site's name and section as much as the story's: not text.
    _SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = [""]
        self.headings: dict[str, list[str]] = {"title": [], "h1": [], "h2": []}
        self._skipping = 0
        self._heading: str | None = None

    def close(self) -> None:
        super().close()
        self.headings = {k: [_squeezed(t) for t in v] for k, v in self.headings.items()}

    def text(self) -> str:
        return "\n\n".join(p for p in (_squeezed(b) for b in self.blocks) if p)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.headings:
            self._heading = tag
            self.headings[tag].append("")
        if tag in self._SKIPPED:
            self._skipping += 1
        elif tag in self._BLOCKS:
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self._heading = None
        if tag in self._SKIPPED and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCKS:
            self.blocks.append("")

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self.headings[self._heading][-1] += data
        if not self._skipping:
            self.blocks[-1] += data
