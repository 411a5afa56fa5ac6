"""HTML pages read for their article: the main text, not the menus, teasers, headers
and footers around it, whose numbers belong to other stories; and the test that tells
an HTML text from a plain one."""

from __future__ import annotations

import re
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

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


def article_text(html: str) -> str:
    """The main text of an HTML page, one paragraph a block, its headline first.

    trafilatura finds the article and leaves out navigation, related-story teasers,
    headers, footers, comments, scripts and styles. A page it finds no article in (a
    bare <p>) is read whole, but for its <title>."""
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


def looks_like_html(text: str, record: Mapping[str, Any]) -> bool:
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
