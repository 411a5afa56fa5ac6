"""The evidence page (`--format html`) as markup: every checked number highlighted by
its verdict, spans that overlap still nesting, numbers the text does not state listed
apart, article and record text escaped, and nothing loaded from outside the page. How
it behaves in a browser is tests/test_html_browser.py's."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.highlights import Mark, nested
from summarizer.html_report import Article, Failure, report_html
from summarizer.pipeline import SummaryResult, Timings
from summarizer.records import (
    ArticleSummary,
    Casualty,
    Damage,
    DamageStatus,
    Event,
    EventType,
    Outcome,
    Quantity,
)
from summarizer.report import Evidence, Finding, Status, VerificationReport
from tests.conftest import SAMPLE

TEXT = "Shelling killed 28 people and injured 142 in the city on Monday, officials said."
KILLED = "events[0].casualties[0].count"
INJURED = "events[0].casualties[1].count"
MISSING = "events[0].casualties[2].count"


def _span(words: str, text: str = TEXT) -> Evidence:
    start = text.index(words)
    return Evidence(start=start, end=start + len(words), text=words)


def _summary(headline: str = "Shelling kills 28", thing: str = "apartment block") -> ArticleSummary:
    def count(value: int, quote: str) -> Quantity:
        return Quantity(value=value, quote=quote)

    return ArticleSummary(
        headline=headline,
        summary="Shelling killed 28 people.",
        events=[
            Event(
                event_type=EventType.EXPLOSIONS_REMOTE_VIOLENCE,
                description="Shelling killed 28 people.",
                casualties=[
                    Casualty(outcome=Outcome.KILLED, count=count(28, "killed 28 people")),
                    Casualty(outcome=Outcome.INJURED, count=count(28, "injured 28")),
                    Casualty(outcome=Outcome.MISSING, count=count(500, "500 missing")),
                ],
                damage=[Damage(object=thing, floors=9, status=DamageStatus.DAMAGED)],
            )
        ],
    )


def _findings() -> list[Finding]:
    return [
        Finding(path=KILLED, value=28, status=Status.SUPPORTED, evidence=[_span("killed 28")]),
        Finding(
            path=INJURED,
            value=28,
            status=Status.MISATTRIBUTED,
            evidence=[_span("28")],
            note="28 are the dead",
        ),
        Finding(path=MISSING, value=500, status=Status.UNSUPPORTED, note="not in the source"),
    ]


def _result(
    findings: list[Finding] | None = None,
    summary: ArticleSummary | None = None,
    strict: bool = False,
    path: str = "shelling.txt",
) -> SummaryResult:
    checked = _findings() if findings is None else findings
    return SummaryResult(
        document_id=path,
        path=path,
        engine="rules",
        model=None,
        summary=summary or _summary(),
        verification=VerificationReport.of(checked, strict=strict),
        timings=Timings(extract_ms=0, verify_ms=0, total_ms=0),
    )


class _Page(HTMLParser):
    """The page's marks (attributes and the text inside), each element checked to close
    in the order it opened."""

    VOID = frozenset({"meta", "input", "br", "hr", "img", "link"})

    def __init__(self, html: str) -> None:
        super().__init__()
        self.open: list[str] = []
        self.marks: list[dict[str, Any]] = []
        self._inside: list[dict[str, Any]] = []
        self.sections: dict[str, str] = {}  # h2 heading -> the text until the next one
        self._heading: str | None = None
        self._in_h2 = False
        self.feed(html)
        self.close()
        assert self.open == [], f"left open: {self.open}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        self.open.append(tag)
        if tag == "mark":
            mark = {**dict(attrs), "text": ""}
            self.marks.append(mark)
            self._inside.append(mark)
        self._in_h2 = tag == "h2"

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1:]}>"
        self.open.pop()
        if tag == "mark":
            self._inside.pop()
        self._in_h2 = False

    def handle_data(self, data: str) -> None:
        for mark in self._inside:
            mark["text"] += data
        if self._in_h2:
            self._heading = data.strip()
            self.sections[self._heading] = ""
        elif self._heading is not None:
            self.sections[self._heading] += data


def _page(*articles: Article, strict: bool = False) -> _Page:
    return _Page(report_html(articles, strict=strict))


def _fragments(page: _Page, finding: int) -> list[dict[str, Any]]:
    return [m for m in page.marks if m["data-finding"] == str(finding)]


# --- highlights ------------------------------------------------------------------------


def test_every_finding_with_evidence_is_highlighted_with_its_path_and_status() -> None:
    page = _page(Article(_result(), TEXT))
    marks = {(m["data-finding"], m["data-path"], m["data-status"], m["text"]) for m in page.marks}
    assert marks == {("0", KILLED, "supported", "killed 28"),
                     ("1", INJURED, "misattributed", "28")}  # fmt: skip


def test_a_number_the_text_does_not_state_is_listed_apart() -> None:
    page = _page(Article(_result(), TEXT))
    assert not _fragments(page, 2)
    listed = page.sections["Claimed, not found in the text"]
    assert MISSING in listed and "500" in listed and "not in the source" in listed


def test_a_finding_whose_spans_lie_outside_the_text_is_listed_apart() -> None:
    outside = Evidence(start=len(TEXT) + 5, end=len(TEXT) + 8, text="300")
    finding = Finding(path=KILLED, value=300, status=Status.UNSUPPORTED, evidence=[outside])
    page = _page(Article(_result([finding]), TEXT))
    assert page.marks == []
    assert KILLED in page.sections["Claimed, not found in the text"]


def test_a_span_whose_words_are_not_at_its_offsets_is_not_highlighted() -> None:
    shifted = "Reports: " + TEXT  # not the text that was checked
    page = _page(Article(_result(), shifted))
    assert page.marks == []
    listed = page.sections["Claimed, not found in the text"]
    assert KILLED in listed and INJURED in listed


def test_the_whole_article_text_is_shown_around_the_highlights() -> None:
    html = report_html([Article(_result(), TEXT)])
    shown = re.search(r'<div class="article-text">(.*?)</div>', html, re.S)
    assert shown is not None
    assert re.sub(r"<[^>]+>", "", shown[1]) == TEXT


def test_coinciding_spans_nest_with_the_worst_verdict_innermost() -> None:
    both = [
        Finding(path=INJURED, value=28, status=Status.MISATTRIBUTED, evidence=[_span("28")]),
        Finding(path=KILLED, value=28, status=Status.SUPPORTED, evidence=[_span("28")]),
    ]
    html = report_html([Article(_result(both), TEXT)])
    outer, inner = re.findall(r'<mark data-finding="\d+" data-path="[^"]+" data-status="(\w+)"',
                              html)  # fmt: skip
    assert (outer, inner) == ("supported", "misattributed")
    assert re.search(r"<mark [^>]*><mark [^>]*>28</mark></mark>", html)


def test_crossing_spans_are_cut_into_fragments_that_nest() -> None:
    crossing = [
        Finding(
            path=KILLED, value=28, status=Status.SUPPORTED, evidence=[_span("killed 28 people")]
        ),
        Finding(
            path=INJURED,
            value=28,
            status=Status.MISATTRIBUTED,
            evidence=[_span("28 people and injured")],
        ),
    ]
    page = _page(Article(_result(crossing), TEXT))  # fails if any tag closes out of order
    first, second = _fragments(page, 0), _fragments(page, 1)
    assert [m["text"] for m in first] == ["killed 28 people"]
    assert [m["text"] for m in second] == ["28 people", " and injured"]
    assert ["data-continued" in m for m in second] == [False, True]


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([(0, 5), (2, 8)], "<0>ab<1>cde</1></0><1>fgh</1>"),
        ([(0, 8), (2, 5)], "<0>ab<1>cde</1>fgh</0>"),
        ([(2, 5), (2, 5)], "ab<0><1>cde</1></0>fgh"),
        ([(-3, 2), (7, 20)], "<0>ab</0>cdefg<1>h</1>"),
        ([(4, 4), (9, 12)], "abcdefgh"),
    ],
    ids=["crossing", "inside", "same", "cut-to-text", "empty-or-outside"],
)
def test_highlights_nest_for_any_spans(spans: list[tuple[int, int]], expected: str) -> None:
    pieces = nested("abcdefgh", [Mark(s, e, key) for key, (s, e) in enumerate(spans)])
    opened: list[int] = []
    out = ""
    for p in pieces:
        if p.kind == "text":
            out += p.text
        elif p.kind == "open":
            assert p.mark is not None
            opened.append(p.mark.key)
            out += f"<{p.mark.key}>"
        else:
            out += f"</{opened.pop()}>"
    assert out == expected


# --- verdicts and failures --------------------------------------------------------------


@pytest.mark.parametrize("strict", [False, True])
def test_strict_decides_whether_an_unconfirmed_number_fails(strict: bool) -> None:
    finding = Finding(path=KILLED, value=28, status=Status.UNCONFIRMED, evidence=[_span("28")])
    page = _page(Article(_result([finding], strict=strict), TEXT), strict=strict)
    (mark,) = page.marks
    assert ("data-fails" in mark) is strict


def test_a_failing_number_is_marked_as_a_failure_and_a_supported_one_not() -> None:
    page = _page(Article(_result(), TEXT))
    fails = {m["data-status"]: "data-fails" in m for m in page.marks}
    assert fails == {"supported": False, "misattributed": True}


def test_the_records_numbers_sit_beside_the_events_linked_to_their_findings() -> None:
    html = report_html([Article(_result(), TEXT)])
    events = html[html.index('<table class="events">') : html.index("</table>", html.index(
        '<table class="events">'))]  # fmt: skip
    chips = re.findall(r'<button type="button" class="chip number" data-finding="(\d)" '
                       r'data-status="(\w+)"', events)  # fmt: skip
    assert chips == [("0", "supported"), ("1", "misattributed"), ("2", "unsupported")]


# --- escaping ----------------------------------------------------------------------------


def test_a_script_in_the_article_text_is_text_not_markup() -> None:
    text = "<script>alert('text')</script> " + TEXT
    findings = [Finding(path=KILLED, value=28, status=Status.SUPPORTED,
                        evidence=[_span("killed 28", text)])]  # fmt: skip
    html = report_html([Article(_result(findings), text)])
    assert "<script>alert('text')</script>" not in html
    assert "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in html
    assert html.count("<script") == 1  # the page's own


def test_a_script_in_a_record_is_text_not_markup() -> None:
    summary = _summary(headline="<script>alert('headline')</script>",
                       thing="<script>alert('damage')</script>")  # fmt: skip
    html = report_html([Article(_result(summary=summary), TEXT)])
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#39;headline&#39;)" in html
    assert "&lt;script&gt;alert(&#39;damage&#39;)" in html
    assert html.count("<script") == 1


def test_a_quote_in_a_path_or_note_cannot_leave_its_attribute() -> None:
    odd = Finding(path='events[0]" onclick="alert(1)', value=1, status=Status.UNSUPPORTED,
                  note='"><img src=x>')  # fmt: skip
    html = report_html([Article(_result([odd]), TEXT)])
    assert 'onclick="alert(1)' not in html and "<img" not in html


# --- one page, many articles --------------------------------------------------------------


def test_many_articles_get_an_overview_with_their_tallies_and_a_section_each() -> None:
    supported = [Finding(path=KILLED, value=28, status=Status.SUPPORTED,
                         evidence=[_span("killed 28")])]  # fmt: skip
    html = report_html([Article(_result(path="one.txt"), TEXT),
                        Article(_result(supported, path="two.txt"), TEXT)])  # fmt: skip
    overview = html[html.index('<nav class="overview">') : html.index("</nav>")]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", overview, re.S)[1:]
    cells = [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>",
              row, re.S)] for row in rows]  # fmt: skip
    # number, article, verdict, then supported, derived, unconfirmed, qualifier mismatch,
    # misattributed, unsupported
    assert cells == [
        ["1", "one.txt", "Some numbers failed verification.", "1", "", "", "", "1", "1"],
        ["2", "two.txt", "All numbers proven.", "1", "", "", "", "", ""],
    ]
    assert re.findall(r'<section class="article" id="(a\d)"', html) == ["a1", "a2"]


def test_an_article_that_failed_is_listed_with_its_error() -> None:
    html = report_html([Article(_result(), TEXT)], [Failure("gone.txt", "gone.txt: no such file")])
    assert "no result: no such file" in html
    assert "<li>gone.txt: no such file</li>" in html


def test_one_article_has_no_overview() -> None:
    assert '<nav class="overview">' not in report_html([Article(_result(), TEXT)])


# --- self-contained ------------------------------------------------------------------------


def test_the_page_loads_nothing_from_outside() -> None:
    html = report_html([Article(_result(), "See https://example.org/x.js. " + TEXT)])
    assert not re.search(r"<(?:link|img|iframe|object|embed)\b", html)
    assert not re.search(r"\b(?:src|href)=\"(?!#)", html)  # only links within the page
    assert "default-src &#39;none&#39;" in html  # nor may it


def test_the_pages_policy_runs_exactly_its_own_script_and_style() -> None:
    html = report_html([Article(_result(), TEXT)])
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    for tag in ("script", "style"):
        (body,) = re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S)
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in policy[1].replace("&#39;", "'")


# --- the command line ---------------------------------------------------------------------


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def test_summarize_html_writes_the_page_to_the_output_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, out, _ = _cli("summarize", str(SAMPLE), "--format", "html", "-o", str(target))
    assert (code, out) == (0, "")
    page = _Page(target.read_text(encoding="utf-8"))
    assert len(page.marks) > 20
    assert {m["data-status"] for m in page.marks} == {"supported"}


def test_summarize_html_of_many_articles_lists_them_and_the_failed_one(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("A car bomb killed 9 people and wounded 31 in the city on Monday.\n")
    missing = tmp_path / "missing.txt"
    code, out, _ = _cli("summarize", str(SAMPLE), str(other), str(missing), "--format", "html")
    assert code == 2  # a bad input, as for every format
    assert re.findall(r'<section class="article" id="(a\d)"', out) == ["a1", "a2"]
    assert f'<a href="#a2">{other}</a>' in out
    assert f"<li>{missing}: " in out


def test_summarize_html_of_one_article_that_fails_is_an_error_and_no_page(
    tmp_path: Path,
) -> None:
    target = tmp_path / "report.html"
    code, out, err = _cli("summarize", str(tmp_path / "missing.txt"), "-f", "html",
                          "-o", str(target))  # fmt: skip
    assert (code, out) == (2, "")
    assert err.endswith("missing.txt: no such file\n") and not target.exists()
