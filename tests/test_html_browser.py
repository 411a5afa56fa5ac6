"""The evidence page in a real browser: Debian's headless Chromium loads the sample
article's report from file://, and the tests read its DOM, click it as a person does
and take a screenshot.

Chromium is driven through its DevTools protocol over a pipe (--remote-debugging-pipe:
requests on file descriptor 3, answers on 4, each a JSON text ended by a NUL byte), so
no Python package beyond the standard library is needed. Where no chromium binary is
found the tests skip, saying so, except under CI (the CI variable set, as .ci/run and
CI runners set it), where a missing browser is a failure: CI must run them."""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import struct
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer.inputs import load_article
from summarizer.pipeline import SummaryResult
from summarizer.report import Finding
from summarizer.settings import Settings
from tests.conftest import SAMPLE
from tests.test_cli import run

BROWSERS = ("chromium", "chromium-browser")
WIDE, HIGH = 1280, 900
NARROW = 600
_READ, _WRITE = 3, 4  # the descriptors Chromium reads and writes the protocol on
_TIMEOUT = 30.0


def browser_binary() -> str:
    """The Chromium to run: skipped where there is none, but a failure under CI."""
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found is None:
        reason = (
            "no chromium binary on PATH (looked for: " + ", ".join(BROWSERS) + "); "
            "install Debian's: apt-get install chromium"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{reason}. CI must run the browser tests.")
        pytest.skip(reason)
    return found


class Browser:
    """One headless Chromium and one page in it, driven over the DevTools pipe."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_browser, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # The child's ends above 3 and 4 first, so that placing one cannot close the other.
        for_child = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser, from_browser_w)]
        for fd in (to_browser, from_browser_w):
            os.close(fd)

        def descriptors() -> None:  # in the child: the pipe ends where Chromium expects them
            os.dup2(for_child[0], _READ)
            os.dup2(for_child[1], _WRITE)

        args = [
            binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--hide-scrollbars", "--mute-audio", "--remote-debugging-pipe",
            f"--user-data-dir={profile}", f"--window-size={WIDE},{HIGH}", "about:blank",
        ]  # fmt: skip
        self._process = subprocess.Popen(
            args, preexec_fn=descriptors, pass_fds=(_READ, _WRITE),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for fd in for_child:
            os.close(fd)
        self._buffer = b""
        self._next_id = 0
        pages = self.call("Target.getTargets")["targetInfos"]
        page = next(t["targetId"] for t in pages if t["type"] == "page")
        attached = self.call("Target.attachToTarget", targetId=page, flatten=True)
        self._session = attached["sessionId"]

    def call(self, method: str, **params: Any) -> Any:
        """Send one command and wait for its answer; events on the way are dropped."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if method.split(".")[0] not in {"Target", "Browser"}:
            message["sessionId"] = self._session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + _TIMEOUT
        while True:
            answer = json.loads(self._message(deadline))
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def _message(self, deadline: float) -> bytes:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return message

    def evaluate(self, expression: str) -> Any:
        """A JavaScript expression's value in the page, as JSON."""
        done = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in done:
            raise RuntimeError(f"{expression}: {done['exceptionDetails']}")
        return done["result"].get("value")

    def open(self, url: str, width: int = WIDE) -> None:
        """Load a page at this viewport width and wait until it has loaded."""
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=HIGH,
                  deviceScaleFactor=1, mobile=False)  # fmt: skip
        self.evaluate("window.stale = true")  # the page before has it; the new one not
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + _TIMEOUT
        while self.evaluate("window.stale === true || document.readyState !== 'complete'"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not load")
            time.sleep(0.05)

    def click(self, selector: str) -> None:
        """A real mouse click (pressed and released) at the middle of the element."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'}); const r = e.getClientRects()[0];"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1],
                      button="left", clickCount=1)  # fmt: skip

    def screenshot(self, path: Path) -> None:
        shot = self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        try:
            self.call("Browser.close")
            self._process.wait(timeout=10)
        except (RuntimeError, TimeoutError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        finally:
            os.close(self._to_browser)
            os.close(self._from_browser)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SummaryResult]:
    """The sample article's page, made by the CLI with the offline rules engine, and the
    same result as JSON to hold the page against."""
    where = tmp_path_factory.mktemp("report")
    page = where / "report.html"
    code, _, err = run("summarize", str(SAMPLE), "--format", "html", "-o", str(page))
    assert code == 0, err
    code, out, err = run("summarize", str(SAMPLE), "--format", "json")
    assert code == 0, err
    return page, SummaryResult.model_validate_json(out)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    started = Browser(browser_binary(), tmp_path_factory.mktemp("profile"))
    try:
        yield started
    finally:
        started.close()


@pytest.fixture
def page(browser: Browser, sample: tuple[Path, SummaryResult]) -> Browser:
    """The sample page, freshly loaded in a wide window."""
    browser.open(sample[0].as_uri())
    return browser


_MARKS = (
    "[...document.querySelectorAll('.article-text mark')].map(m => ({finding:"
    " Number(m.dataset.finding), path: m.dataset.path, status: m.dataset.status,"
    " text: m.textContent}))"
)


def _finding(result: SummaryResult, path: str, words: str | None = None) -> tuple[int, Finding]:
    """The first finding at `path` (with evidence `words`), and its place in the report."""
    return next(
        (i, f)
        for i, f in enumerate(result.verification.findings)
        if f.path == path and (words is None or words in (e.text for e in f.evidence))
    )


def test_every_finding_with_evidence_has_highlights_with_its_path_and_status(
    page: Browser, sample: tuple[Path, SummaryResult], tmp_path: Path
) -> None:
    result = sample[1]
    marks = page.evaluate(_MARKS)
    findings = result.verification.findings
    assert len(findings) > 20 and all(f.evidence for f in findings)  # all in the text
    for i, f in enumerate(findings):
        mine = [m for m in marks if m["finding"] == i]
        assert {(m["path"], m["status"]) for m in mine} == {(f.path, f.status.value)}, f.path
        # Its fragments (a mark is cut where it crosses another's end) put together are
        # its evidence, word for word.
        assert "".join(m["text"] for m in mine) == "".join(e.text for e in f.evidence)
    page.screenshot(tmp_path / "report.png")


def test_the_page_shows_the_whole_article_text(page: Browser) -> None:
    shown = page.evaluate("document.querySelector('.article-text').textContent")
    assert shown == load_article(SAMPLE, Settings().max_bytes).text


_DETAIL = (
    "Object.fromEntries(['claim', 'quote', 'evidence', 'note'].map(k =>"
    " [k, document.querySelector('.detail dd.' + k).textContent]).concat("
    "[['record', document.querySelector('.detail .record').textContent]]))"
)


@pytest.mark.parametrize(
    ("path", "words"),
    [("events[0].casualties[2].count", "14"), ("events[1].description", "second")],
)
def test_clicking_a_highlight_shows_its_record_quote_and_note(
    page: Browser, sample: tuple[Path, SummaryResult], path: str, words: str
) -> None:
    i, f = _finding(sample[1], path, words)
    page.click(f'.article-text mark[data-finding="{i}"]')
    detail = page.evaluate(_DETAIL)
    record = sample[1].summary.model_dump(mode="json")
    if path.endswith(".count"):
        casualty = record["events"][0]["casualties"][2]
        assert json.loads(detail["record"]) == casualty
        assert detail["quote"] == casualty["count"]["quote"]  # <q> adds the quote marks
    else:  # a number in prose: the prose is its record, and it has no quote of its own
        assert (detail["record"], detail["quote"]) == (record["events"][1]["description"], "—")
    assert detail["claim"] == f.claimed()
    assert detail["evidence"] == "; ".join(dict.fromkeys(e.text for e in f.evidence))
    assert detail["note"] == (f.note or "—")


def test_clicking_words_several_findings_share_offers_the_others(
    page: Browser, sample: tuple[Path, SummaryResult]
) -> None:
    (start,) = {e.start for f in sample[1].verification.findings for e in f.evidence
                if e.text == "June 20, 2025"}  # fmt: skip
    sharing = [i for i, f in enumerate(sample[1].verification.findings)
               if any(e.start == start for e in f.evidence)]  # fmt: skip
    page.click(f'.article-text mark[data-finding="{sharing[0]}"]')  # the innermost is hit
    shown = page.evaluate(
        "[document.querySelector('.article-text .selected').dataset.finding].concat("
        "[...document.querySelectorAll('.detail .also button')].map(b => b.dataset.finding))"
    )
    assert len(sharing) > 1
    assert sorted(map(int, shown)) == sharing


# Whether the element is selected, and seen: inside the part of its column that is on
# screen and not under the detail panel.
_SEEN = (
    "(sel => { const e = document.querySelector(sel);"
    " const col = e.closest('.text-col, .side-col').getBoundingClientRect();"
    " const panel = e.closest('.side-col') ? document.querySelector('.detail')"
    ".getBoundingClientRect().bottom : col.top;"
    " const r = e.getBoundingClientRect();"
    " return [e.classList.contains('selected'), r.top >= Math.max(panel, 0)"
    " && r.bottom <= Math.min(col.bottom, innerHeight)]; })"
)


def test_clicking_a_highlight_scrolls_its_record_into_view(
    page: Browser, sample: tuple[Path, SummaryResult]
) -> None:
    i, _ = _finding(sample[1], "events[3].casualties[1].count")  # the last event's
    page.click(f'.article-text mark[data-finding="{i}"]')
    record = f'.events [data-finding="{i}"]'
    assert page.evaluate(f"{_SEEN}({json.dumps(record)})") == [True, True]


def test_clicking_a_record_scrolls_its_highlight_into_view(
    page: Browser, sample: tuple[Path, SummaryResult]
) -> None:
    i, _ = _finding(sample[1], "events[3].casualties[1].count")
    page.evaluate("document.querySelector('.text-col').scrollTop = 1e6")  # out of view
    page.click(f'tr[data-finding="{i}"]')
    mark = f'.article-text mark[data-finding="{i}"]'
    assert page.evaluate(f"{_SEEN}({json.dumps(mark)})") == [True, True]


def test_a_link_to_a_finding_opens_it(browser: Browser, sample: tuple[Path, SummaryResult]) -> None:
    i, f = _finding(sample[1], "events[2].munitions[0].neutralized")
    browser.open("about:blank")  # so that the page loads anew, not just jumps
    browser.open(f"{sample[0].as_uri()}#a1-f{i}")
    shown = browser.evaluate(
        "[document.querySelector('.detail code').textContent,"
        " document.querySelector('.article-text .selected').dataset.finding]"
    )
    assert shown == [f.path, str(i)]


def test_the_failures_filter_leaves_supported_numbers_unhighlighted(page: Browser) -> None:
    colour = "getComputedStyle(document.querySelector('.article-text mark')).backgroundColor"
    before = page.evaluate(colour)
    page.click("#only-failures")
    assert before != "rgba(0, 0, 0, 0)"
    assert page.evaluate(colour) == "rgba(0, 0, 0, 0)"  # the sample has no failure


def test_events_sit_beside_the_text_on_a_wide_screen_and_below_it_on_a_narrow_one(
    browser: Browser, sample: tuple[Path, SummaryResult], tmp_path: Path
) -> None:
    where = (
        "(() => { const t = document.querySelector('.text-col').getBoundingClientRect();"
        " const s = document.querySelector('.side-col').getBoundingClientRect();"
        " return [s.left >= t.right, s.top >= t.bottom]; })()"
    )
    browser.open(sample[0].as_uri(), width=WIDE)
    assert browser.evaluate(where) == [True, False]
    browser.open(sample[0].as_uri(), width=NARROW)
    assert browser.evaluate(where) == [False, True]
    shot = tmp_path / "narrow.png"
    browser.screenshot(shot)
    assert struct.unpack(">II", shot.read_bytes()[16:24]) == (NARROW, HIGH)  # PNG's IHDR


@pytest.mark.parametrize("ci", ["", "true"], ids=["developer", "CI"])
def test_without_a_browser_the_tests_skip_but_under_ci_they_fail(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, ci: str
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium in an empty directory
    monkeypatch.setenv("CI", ci)
    outcome = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(outcome, match="no chromium binary on PATH"):
        browser_binary()
