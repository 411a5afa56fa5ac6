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


@pytest.mark.parametrize(
    "text",
    [
        "the Bearer of bad news",
        "bearer Mohammedan",
        "sk-Kostiantynivka-Pokrovsk-Druzhkivka",
        "Sloviansk-Kramatorsk-Druzhkivka-Kostiantynivka",
        "content-type:\n- application/json",
        "    He wrote: cookie: none",
    ],
)
def test_the_secret_pattern_leaves_news_text_alone(text: str) -> None:
    assert SECRET.search(text) is None


def test_the_key_in_use_is_found_unless_it_is_a_placeholder(tmp_path: Path) -> None:
    cassette = tmp_path / "c.yaml"
    cassette.write_text("a: 1\nb: my-local-token-42\nc: EMPTY\n")
    assert secrets_in(cassette, also="my-local-token-42") == [2]
    assert secrets_in(cassette, also="EMPTY") == []
