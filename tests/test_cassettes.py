"""Every cassette is scrubbed of secrets and has its provenance written down."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.cassettes import SECRET, secrets_in
from tests.conftest import CASSETTES, FAKE_KEY

CASSETTE_FILES = sorted(CASSETTES.rglob("*.yaml"))


def test_there_are_cassettes() -> None:
    assert len(CASSETTE_FILES) >= 4


@pytest.mark.parametrize("cassette", CASSETTE_FILES, ids=lambda p: Path(p).stem)
def test_cassette_holds_no_secret(cassette: Path) -> None:
    assert secrets_in(cassette, also=FAKE_KEY) == []


@pytest.mark.parametrize("cassette", CASSETTE_FILES, ids=lambda p: Path(p).stem)
def test_cassette_provenance_is_written_down(cassette: Path) -> None:
    readme = (CASSETTES / "README.md").read_text()
    assert f"`{cassette.relative_to(CASSETTES)}`" in readme


def test_the_secret_pattern_catches_what_it_should() -> None:
    assert SECRET.search("authorization:\n- Bearer sk-abcdefghijklmnopqrstuv")
    assert SECRET.search(f"body: {FAKE_KEY}")
    assert SECRET.search("    set-cookie:\n    - session=1")
    assert SECRET.search("content-type:\n- application/json") is None
