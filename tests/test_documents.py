"""Reading and normalising input articles (summarizer.documents)."""

from __future__ import annotations

import hashlib
import io
import os
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pydantic
import pytest

from summarizer.documents import (
    DEFAULT_MAX_BYTES,
    Document,
    document_from_bytes,
    document_from_text,
    load_document,
)
from summarizer.errors import InputError

SENTENCE = "A fire at the depot injured 12 workers on Tuesday."


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _FakeStdin:
    """Stands in for sys.stdin: only `.buffer` is read."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path so tests can give relative paths, as a user would."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- identity -------------------------------------------------------------------------


def test_id_is_the_sha256_of_the_normalised_text() -> None:
    doc = document_from_bytes(b"Two people were hurt.\r\n\r\nRoads were closed.  \n")

    assert doc.text == "Two people were hurt.\n\nRoads were closed."
    assert doc.id == _sha256(doc.text)


def test_id_is_the_same_for_crlf_and_lf_versions_of_one_text() -> None:
    lf = document_from_bytes(b"Three houses burned.\nNine families left.\n")
    crlf = document_from_bytes(b"Three houses burned.\r\nNine families left.\r\n")

    assert crlf.id == lf.id


def test_id_differs_when_the_text_differs() -> None:
    assert document_from_text("5 were hurt.").id != document_from_text("6 were hurt.").id


def test_text_and_bytes_of_one_article_give_the_same_document() -> None:
    assert document_from_text(SENTENCE) == document_from_bytes(SENTENCE.encode("utf-8"))


def test_document_is_frozen() -> None:
    doc = document_from_text(SENTENCE)

    with pytest.raises(pydantic.ValidationError):
        doc.text = "changed"  # type: ignore[misc]


# --- normalisation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(b"One.\r\nTwo.", "One.\nTwo.", id="crlf-to-lf"),
        pytest.param(b"One.\rTwo.", "One.\nTwo.", id="lone-cr-to-lf"),
        pytest.param(b"\xef\xbb\xbfOne.", "One.", id="utf8-bom-stripped"),
        pytest.param("Cafe\u0301 fire".encode(), "Caf\u00e9 fire", id="nfc-composes"),
        pytest.param("14\u00a0dead".encode(), "14 dead", id="no-break-space"),
        pytest.param("1\u202f200 fled".encode(), "1 200 fled", id="narrow-no-break-space"),
        pytest.param("1\u2007200 fled".encode(), "1 200 fled", id="figure-space"),
        pytest.param("1\u2009200 fled".encode(), "1 200 fled", id="thin-space"),
        pytest.param(b"Seven hurt.  \n\n \t", "Seven hurt.", id="trailing-whitespace-stripped"),
        pytest.param(b"One.\n\n\nTwo.", "One.\n\n\nTwo.", id="paragraph-breaks-kept"),
        pytest.param(b"Hurt:\t4 ", "Hurt:\t4", id="inner-tab-kept"),
        pytest.param(
            "\u201cAbout 30\u201d \u2013 or 30\u201340 \u2014 \u2018many\u2019".encode(),
            "\u201cAbout 30\u201d \u2013 or 30\u201340 \u2014 \u2018many\u2019",
            id="quotes-and-dashes-kept",
        ),
    ],
)
def test_normalisation(raw: bytes, expected: str) -> None:
    assert document_from_bytes(raw).text == expected


def _unicode_space_separators() -> list[str]:
    return [
        chr(cp)
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) == "Zs" and cp != 0x20
    ]


@pytest.mark.parametrize("space", _unicode_space_separators(), ids=lambda c: f"U+{ord(c):04X}")
def test_every_unicode_space_separator_becomes_a_plain_space(space: str) -> None:
    assert document_from_text(f"8{space}injured").text == "8 injured"


def test_clean_text_has_no_warnings() -> None:
    assert document_from_text(SENTENCE).warnings == []


# --- invalid UTF-8 --------------------------------------------------------------------


def test_invalid_utf8_is_replaced_and_warned_with_the_byte_count() -> None:
    doc = document_from_bytes(b"Police said 3\xff\xfe people were held.", path="a.txt")

    assert doc.text == "Police said 3\ufffd\ufffd people were held."
    assert len(doc.warnings) == 1
    assert doc.warnings[0].startswith("a.txt: ")
    assert "2 invalid UTF-8 bytes" in doc.warnings[0]


def test_invalid_utf8_counts_bytes_not_replacement_characters() -> None:
    # A truncated three-byte sequence is one U+FFFD but two bytes.
    doc = document_from_bytes(b"Smoke \xe2\x80 rose.")

    assert "2 invalid UTF-8 bytes" in doc.warnings[0]


def test_digits_beside_invalid_bytes_survive() -> None:
    doc = document_from_bytes(b"\xe2\x8040 were evacuated.")

    assert doc.text.endswith("40 were evacuated.")


# --- refused content ------------------------------------------------------------------


def test_nul_bytes_are_refused_as_binary() -> None:
    with pytest.raises(InputError, match="looks binary"):
        document_from_bytes(b"Two\x00hurt", path="a.txt")


@pytest.mark.parametrize(
    "raw, kind",
    [
        pytest.param(b"%PDF-1.7\n3 killed", "a PDF file", id="pdf"),
        pytest.param(b"PK\x03\x04\x14\x00", "a ZIP archive", id="zip-docx"),
        pytest.param(b"\x1f\x8b\x08\x00", "a gzip-compressed file", id="gzip"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file", id="doc"),
        pytest.param(b"{\\rtf1\\ansi 3 killed}", "an RTF document", id="rtf"),
    ],
)
def test_formats_named_by_their_magic_bytes_are_refused_as_not_supported(
    raw: bytes, kind: str
) -> None:
    with pytest.raises(InputError, match=f"^a.bin: {kind}.*; not supported yet"):
        document_from_bytes(raw, path="a.bin")


def test_a_text_that_merely_mentions_a_pdf_is_read() -> None:
    assert document_from_bytes(b"The %PDF-1.4 report says 3 died.").text.startswith("The")


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"", id="no-bytes"),
        pytest.param(b"   ", id="spaces"),
        pytest.param(b"\r\n\t\n", id="line-breaks-and-tabs"),
        pytest.param("\u00a0\u202f".encode(), id="unicode-spaces"),
        pytest.param(b"\xef\xbb\xbf", id="bom-only"),
    ],
)
def test_empty_or_whitespace_only_input_is_refused(raw: bytes) -> None:
    with pytest.raises(InputError, match="is empty"):
        document_from_bytes(raw, path="a.txt")


# --- size limit -----------------------------------------------------------------------


def test_default_size_limit_is_two_million_bytes() -> None:
    assert DEFAULT_MAX_BYTES == 2_000_000


def test_input_over_the_limit_is_refused_naming_size_limit_and_flag() -> None:
    with pytest.raises(InputError) as caught:
        document_from_bytes(b"x" * 1_201, path="a.txt", max_bytes=1_200)

    message = str(caught.value)
    assert "1,201" in message
    assert "1,200" in message
    assert "--max-bytes" in message


def test_input_of_exactly_the_limit_is_accepted() -> None:
    assert document_from_bytes(b"x" * 1_200, max_bytes=1_200).text == "x" * 1_200


def test_text_is_held_to_the_limit_in_utf8_bytes() -> None:
    # Three characters, six bytes.
    with pytest.raises(InputError, match="--max-bytes"):
        document_from_text("\u00e9\u00e9\u00e9", max_bytes=5)


def test_file_over_the_limit_is_refused_naming_its_size(in_tmp: Path) -> None:
    (in_tmp / "big.txt").write_bytes(b"y" * 5_000)

    with pytest.raises(InputError, match=r"5,000 bytes.*--max-bytes"):
        load_document("big.txt", max_bytes=100)


def test_file_of_exactly_the_limit_is_accepted(in_tmp: Path) -> None:
    (in_tmp / "edge.txt").write_bytes(b"z" * 100)

    assert load_document("edge.txt", max_bytes=100).text == "z" * 100


def test_oversized_stdin_is_refused_without_reading_it_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stdin = _FakeStdin(b"w" * 1_000_000)
    monkeypatch.setattr(sys, "stdin", stdin)

    with pytest.raises(InputError, match="--max-bytes"):
        load_document("-", max_bytes=100)
    assert stdin.buffer.tell() <= 101


# --- loading files --------------------------------------------------------------------


def test_file_is_read_and_its_path_kept_as_given(in_tmp: Path) -> None:
    (in_tmp / "seeds").mkdir()
    (in_tmp / "seeds" / "x.txt").write_bytes(SENTENCE.encode("utf-8") + b"\r\n")

    doc = load_document("seeds/x.txt")

    assert doc.path == "seeds/x.txt"
    assert doc.text == SENTENCE
    assert doc.id == _sha256(SENTENCE)


def test_path_objects_are_accepted_and_recorded_as_strings(in_tmp: Path) -> None:
    (in_tmp / "x.txt").write_text(SENTENCE, encoding="utf-8")

    assert load_document(Path("x.txt")).path == "x.txt"


def test_missing_file_is_refused(in_tmp: Path) -> None:
    with pytest.raises(InputError, match=r"^seeds/x\.txt: no such file"):
        load_document("seeds/x.txt")


def test_directory_is_refused_asking_for_the_article_files(in_tmp: Path) -> None:
    (in_tmp / "seeds").mkdir()

    with pytest.raises(InputError, match=r"^seeds: is a directory; give the article files"):
        load_document("seeds")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="needs POSIX permissions and a non-root user",
)
def test_unreadable_file_is_refused(in_tmp: Path) -> None:
    (in_tmp / "locked.txt").write_text(SENTENCE, encoding="utf-8")
    (in_tmp / "locked.txt").chmod(0)

    with pytest.raises(InputError, match=r"^locked\.txt: permission denied"):
        load_document("locked.txt")


def test_a_device_is_refused_before_it_is_read() -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    # Read, it would fill the size limit with NUL bytes: no device is an article, and
    # the message says what the path is. (A FIFO's test runs the CLI in a process of
    # its own, in test_hostile_inputs, so that a hang cannot block the suite.)
    with pytest.raises(InputError, match=r"^/dev/zero: is a character device, not a regular"):
        load_document("/dev/zero")


# --- standard input -------------------------------------------------------------------


def test_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _FakeStdin(b"\xef\xbb\xbf" + SENTENCE.encode("utf-8")))

    doc = load_document("-")

    assert doc == Document(id=_sha256(SENTENCE), path=None, text=SENTENCE, warnings=[])


def test_stdin_errors_are_labelled_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _FakeStdin(b"  \n"))

    with pytest.raises(InputError, match=r"^<stdin>: is empty"):
        load_document("-")


# --- error messages -------------------------------------------------------------------


def _write(name: str, data: bytes) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)

    return setup


def _make_dir(name: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        (root / name).mkdir(parents=True)

    return setup


def _nothing(root: Path) -> None:
    pass


@pytest.mark.parametrize(
    ("given", "setup"),
    [
        pytest.param("seeds/x.txt", _nothing, id="missing"),
        pytest.param("notes.txt/x.txt", _write("notes.txt", b"1 hurt"), id="parent-is-a-file"),
        pytest.param("seeds", _make_dir("seeds"), id="directory"),
        pytest.param("seeds/empty.txt", _write("seeds/empty.txt", b""), id="empty"),
        pytest.param("seeds/blank.txt", _write("seeds/blank.txt", b" \r\n \n"), id="blank"),
        pytest.param("seeds/bin.txt", _write("seeds/bin.txt", b"\x00\x01"), id="binary"),
        pytest.param("seeds/big.txt", _write("seeds/big.txt", b"9" * 64), id="too-large"),
    ],
)
def test_every_input_error_is_one_line_starting_with_the_path(
    in_tmp: Path, given: str, setup: Callable[[Path], None]
) -> None:
    setup(in_tmp)

    with pytest.raises(InputError) as caught:
        load_document(given, max_bytes=32)

    message = str(caught.value)
    assert message.startswith(f"{given}: ")
    assert "\n" not in message


def test_unnamed_input_errors_still_name_a_source() -> None:
    with pytest.raises(InputError, match=r"^<input>: is empty"):
        document_from_text("   ")
