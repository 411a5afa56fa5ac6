"""Hostile inputs: files that are no article file, pages whose menus and teasers carry
other stories' numbers, formats we cannot read, and records JSON built to crash a
parser. Each is one line of error and exit 2, or text without the stray numbers;
never a hang, a traceback, or a number proven by a menu."""

from __future__ import annotations

import gzip
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from summarizer.inputs import items, load_article
from summarizer.verify import Status, verify

# The limits the records reader holds JSON to (summaries.MAX_JSON_DEPTH and
# MAX_NUMBER_DIGITS; test_the_limits_are_the_ones_named_in_the_code pins them).
MAX_DEPTH = 64
MAX_DIGITS = 25
# A hang fails the test instead of blocking the run.
TIMEOUT = 20

ARTICLE = "Strike kills 3 in Kharkiv\n\nA missile strike killed 3 people in Kharkiv on Monday.\n"
STRAY = "999"  # the number only the page's menus, teasers and scripts state

PAGE = """<!doctype html>
<html><head>
<title>999 killed in flood | Top stories | Daily News</title>
<script>var breaking = "Flood: 999 killed";</script>
</head><body>
<header><nav><ul>
  <li><a href="/">Home</a></li><li><a href="/world">World</a></li>
  <li><a href="/flood">Breaking: 999 killed in flood</a></li>
</ul></nav></header>
<main><article>
  <h1>Market blast kills 3 in Lagos</h1>
  <p>A blast at a market in Lagos killed 3 people and injured 14 on Monday, police said.</p>
  <p>Police said the explosion happened near the fish stalls shortly before noon and
  that an investigation had been opened into its cause.</p>
  <p>Traders said the market would stay closed until the end of the week.</p>
</article>
<aside><h2>Related stories</h2><ul>
  <li><a href="/a">Flood in the south: 999 killed, thousands displaced</a></li>
  <li><a href="/b">Earthquake: 999 killed as buildings fall</a></li>
</ul></aside></main>
<footer><p>Most read: 999 killed in flood. Daily News, all rights reserved.</p></footer>
</body></html>
"""


def _run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    """The CLI in its own process, so a hang or a crash is seen as the user sees it."""
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        input=stdin,
        capture_output=True,
        timeout=TIMEOUT,
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


def _refused(done: subprocess.CompletedProcess[str], *words: str) -> str:
    """The reason of a run refused as bad input in one line ("error: LABEL: REASON"),
    which says each of `words`."""
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, done.stderr
    # The reason alone: a temporary path may say anything.
    reason = errors[0].split(": ", 2)[-1]
    for word in words:
        assert word in reason, errors[0]
    return reason


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE)
    return path


@pytest.fixture
def records(tmp_path: Path, article: Path) -> dict[str, Any]:
    """A whole result of summarize for `article`, as verify reads it."""
    done = _run("summarize", str(article), "--engine", "rules")
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _verify(tmp_path: Path, article: Path, text: str) -> subprocess.CompletedProcess[str]:
    claimed = tmp_path / "records.json"
    claimed.write_text(text)
    return _run("verify", str(claimed), "--source", str(article))


def _with_count(records: dict[str, Any], number: str) -> str:
    """The records as JSON with the first count's value written as `number`."""
    text = json.dumps(records)
    assert '"value": 3,' in text
    return text.replace('"value": 3,', f'"value": {number},', 1)


def _nested(depth: int) -> Any:
    """A value whose brackets nest `depth` levels deep."""
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


# --- files that are no article file ----------------------------------------------------


@pytest.mark.parametrize("command", ["summarize", "verify --source"])
def test_a_fifo_as_input_is_refused_at_once(tmp_path: Path, article: Path, command: str) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # no writer ever comes: opening it for reading would block for good
    if command == "summarize":
        done = _run("summarize", str(fifo), "--engine", "rules")
    else:
        done = _run("verify", str(article), "--source", str(fifo))
    _refused(done, "FIFO", "not a regular file")
    assert f"error: {fifo}: " in done.stderr


def test_a_fifo_as_a_gold_file_is_refused_at_once(tmp_path: Path, article: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE)
    fifo = tmp_path / "article.expected.json"
    os.mkfifo(fifo)  # read_text() on it would block for good
    done = _run("eval", str(tmp_path), "--engine", "rules")
    _refused(done, "FIFO", "not a regular file")
    assert f"error: {fifo}: " in done.stderr


def test_a_character_device_as_input_is_refused() -> None:
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null here")
    _refused(_run("summarize", "/dev/null", "--engine", "rules"), "is a character device")


def test_a_socket_as_input_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        try:
            server.bind(str(path))
        except OSError as e:  # a tmp path too long for a socket's address
            pytest.skip(f"cannot make a socket here: {e}")
        _refused(_run("summarize", str(path), "--engine", "rules"), "is a socket")


# --- formats we do not read yet ------------------------------------------------------


def _zip() -> bytes:
    return b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"word/document.xml 3 killed"


FORMATS = {
    # An uncompressed PDF has no NUL byte: it used to be read as text, headline "%PDF-1.4".
    "pdf": ("report.pdf", b"%PDF-1.4\n1 0 obj << /Title (3 killed in Kharkiv) >> endobj\n",
            "a PDF file"),
    "docx": ("report.docx", _zip(), "ZIP archive"),
    "gzip": ("article.txt.gz", gzip.compress(ARTICLE.encode()), "gzip-compressed"),
}  # fmt: skip


@pytest.mark.parametrize("where", ["file", "stdin"])
@pytest.mark.parametrize("name", list(FORMATS))
def test_a_pdf_is_refused_as_not_supported_yet(tmp_path: Path, name: str, where: str) -> None:
    filename, data, kind = FORMATS[name]
    if where == "file":
        path = tmp_path / filename
        path.write_bytes(data)
        done = _run("summarize", str(path), "--engine", "rules")
    else:
        done = _run("summarize", "-", "--engine", "rules", stdin=data)
    _refused(done, kind, "not supported yet")


# --- HTML ----------------------------------------------------------------------------


def test_menus_and_teasers_of_an_html_page_are_not_evidence(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE)
    text = load_article(page, 10**6).text
    assert STRAY not in text
    assert "killed 3 people and injured 14" in text
    # A claim of 999 dead finds nothing on the page to prove it.
    report = verify("A flood killed 999 people.", text)
    assert {f.status for f in report.findings if f.value == 999} == {Status.UNSUPPORTED}
    done = _run("summarize", str(page), "--engine", "rules")
    assert done.returncode == 0, done.stderr
    assert STRAY not in json.dumps(json.loads(done.stdout)["summary"])


def test_the_headline_of_an_html_page_is_its_h1_not_its_title(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE)
    text = load_article(page, 10**6).text
    assert text.split("\n\n")[0] == "Market blast kills 3 in Lagos"


def test_a_page_too_small_for_an_article_is_read_whole_but_for_its_title(
    tmp_path: Path,
) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>999 killed | Daily News</title></head>"
        "<body><p>A blast killed 3 people.</p><p>Police closed the road.</p></body></html>"
    )
    assert load_article(page, 10**6).text == "A blast killed 3 people.\n\nPolice closed the road."


JSONL_HTML = {
    "a page": {"text": PAGE},
    "a fragment": {"text": '<p>A blast at a market in Lagos killed 3 people on Monday.</p>'
                           '<script>var s = "999 killed";</script>'},
    "said by content_type": {"content_type": "text/html",
                             "text": 'Lagos<br>A blast killed 3 people on Monday.'
                                     '<script>var s = "999 killed";</script>'},
    "said by format": {"format": "html",
                       "text": 'Lagos<br>A blast killed 3 people on Monday.'
                               '<style>.n:after { content: "999 killed" }</style>'},
    "a script after plain text": {"text": 'A blast in Lagos killed 3 people on Monday. '
                                          '<script>document.write("999 people were killed")'
                                          '</script>'},
    "starting with <nav>": {"text": '<nav>Breaking: 999 killed in flood</nav>'
                                    '<p>A blast in Lagos killed 3 people on Monday.</p>'},
    "starting with <header>": {"text": '<header><a href="/flood">999 killed</a></header>'
                                       '<p>A blast in Lagos killed 3 people on Monday.</p>'},
    "starting with <?xml": {"text": '<?xml version="1.0" encoding="utf-8"?>\n' + PAGE},
    "starting with a BOM": {"text": "\ufeff" + PAGE},
    "said by content_type with a charset": {
        "content_type": "Text/HTML; charset=utf-8",
        "text": 'Lagos<br>A blast killed 3 people on Monday.<script>var s = "999";</script>'},
}  # fmt: skip


@pytest.mark.parametrize("case", list(JSONL_HTML))
def test_html_in_a_jsonl_text_is_stripped(tmp_path: Path, case: str) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", **JSONL_HTML[case]}) + "\n")
    (item,) = items([str(source)], 10**6)
    assert item.document is not None, item.error
    assert STRAY not in item.document.text
    assert "<" not in item.document.text
    assert "killed 3 people" in item.document.text


JSONL_PLAIN = {
    "a stray <": {"text": "A blast killed 3 people; police said 2 < 5 of the stalls reopened."},
    "angle brackets": {"text": "If a <b and c> d, then x<y. A blast killed 3 people. I <3 Lagos."},
    "a mail address": {"text": "Write to <desk@example.com>. A blast killed 3 people."},
    "a format naming html": {"format": "plain text, not html-escaped",
                             "text": "A blast killed 3 people. <x> stays."},
}  # fmt: skip


@pytest.mark.parametrize("case", list(JSONL_PLAIN))
def test_plain_text_with_angle_brackets_in_a_jsonl_line_is_kept_whole(
    tmp_path: Path, case: str
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", **JSONL_PLAIN[case]}) + "\n")
    (item,) = items([str(source)], 10**6)
    assert item.document is not None, item.error
    assert item.document.text.strip() == JSONL_PLAIN[case]["text"]


# --- records JSON built to break a parser ----------------------------------------------


DEEP = {
    "arrays": "[" * 100_000 + "]" * 100_000,
    "objects": '{"a": ' * 100_000 + "1" + "}" * 100_000,
}


@pytest.mark.parametrize("shape", list(DEEP))
def test_records_nested_100000_deep_are_an_input_error(
    tmp_path: Path, article: Path, shape: str
) -> None:
    # Python's parser recurses once a level: this used to end in a RecursionError.
    _refused(_verify(tmp_path, article, DEEP[shape]), "nested more than")


def test_nesting_is_refused_past_the_limit_and_read_up_to_it(
    tmp_path: Path, article: Path, records: dict[str, Any]
) -> None:
    # The whole result is one level; a field of it nested to the limit is read (and
    # ignored, as every field of a result but its summary is) ...
    within = {**records, "notes": _nested(MAX_DEPTH - 1)}
    done = _verify(tmp_path, article, json.dumps(within))
    assert done.returncode == 0, done.stderr
    # ... and one level more is refused.
    beyond = {**records, "notes": _nested(MAX_DEPTH)}
    _refused(_verify(tmp_path, article, json.dumps(beyond)), f"more than {MAX_DEPTH} levels")


def test_a_jsonl_line_nested_100000_deep_is_an_error_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "ok", "text": "A blast killed 3 people in Lagos."}\n'
                      + "[" * 100_000 + "]" * 100_000 + "\n")  # fmt: skip
    done = _run("summarize", str(source), "--engine", "rules", "--format", "jsonl")
    assert "Traceback" not in done.stderr
    assert done.returncode == 2, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [("result" in line, line.get("error", {}).get("kind")) for line in lines] == [
        (True, None),
        (False, "input"),
    ]
    assert "nested more than" in lines[1]["error"]["message"]


def test_long_integers_in_a_jsonl_line_are_metadata_not_an_error(tmp_path: Path) -> None:
    # The digit limit is the records' own: a line's checksum or long id is no count.
    big, huge = "1234567890" * 3, "9" * 5000  # int() refuses more than 4,300 digits
    source = tmp_path / "in.jsonl"
    source.write_text(
        f'{{"id": "x", "text": "A blast killed 3 people.", "checksum": {big}}}\n'
        f'{{"id": {big}, "text": "A blast killed 3 people.", "n": {huge}, "f": 1.{huge}}}\n'
        '{"id": "y", "text": "A blast killed 3 people.", "score": NaN}\n'
    )
    first, second, third = items([str(source)], 10**6)
    assert first.error is None and first.id == "x"
    assert first.metadata == {"checksum": int(big)}
    assert second.error is None and second.id == big
    assert second.metadata["n"] == huge  # kept as its digits
    assert third.error is not None and "NaN" in str(third.error)
    done = _run("summarize", str(source), "--engine", "rules", "--format", "jsonl")
    assert "Traceback" not in done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["id"] for line in lines if "result" in line] == ["x", big]


def test_a_5000_digit_count_is_an_input_error(
    tmp_path: Path, article: Path, records: dict[str, Any]
) -> None:
    # Python's int() refuses strings of more than 4,300 digits with a ValueError.
    done = _verify(tmp_path, article, _with_count(records, "9" * 5000))
    _refused(done, "5,000 digits")


def test_numbers_are_refused_past_the_digit_limit_and_read_up_to_it(
    tmp_path: Path, article: Path, records: dict[str, Any]
) -> None:
    within = _verify(tmp_path, article, _with_count(records, "9" * MAX_DIGITS))
    assert "Traceback" not in within.stderr
    assert within.returncode == 1, within.stderr  # read and verified: no such count
    beyond = _verify(tmp_path, article, _with_count(records, "9" * (MAX_DIGITS + 1)))
    _refused(beyond, f"{MAX_DIGITS + 1} digits")
    # The longest float Python writes is read.
    timed = {**records, "timings": {"total_ms": 0.00012345678901234567}}
    assert _verify(tmp_path, article, json.dumps(timed)).returncode == 0


NON_FINITE = ["NaN", "Infinity", "-Infinity", "1e400"]


@pytest.mark.parametrize("where", ["count", "timings"])
@pytest.mark.parametrize("number", NON_FINITE)
def test_nan_and_infinity_in_records_are_input_errors(
    tmp_path: Path, article: Path, records: dict[str, Any], number: str, where: str
) -> None:
    if where == "count":
        text = _with_count(records, number)
    else:  # outside the records, where no schema looks
        text = json.dumps(records).replace('"timings": {', f'"timings": {{"x": {number}, ', 1)
    _refused(_verify(tmp_path, article, text), number)


def test_the_limits_are_the_ones_named_in_the_code() -> None:
    from summarizer import summaries

    assert (summaries.MAX_JSON_DEPTH, summaries.MAX_NUMBER_DIGITS) == (MAX_DEPTH, MAX_DIGITS)
