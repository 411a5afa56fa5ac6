from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from summarizer import cassettes
from summarizer.errors import ProviderError
from tests.scripted_server import MODEL, Answer, ScriptedServer

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "seeds" / "odesa-kharkiv-2025-06-20.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(autouse=True)
def _isolated(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory, record_mode: str
) -> None:
    """No test reads the developer's endpoint settings (but re-recording, which needs
    them) or writes the user's cache."""
    if record_mode == "none":
        for name in list(os.environ):
            if name.startswith(("OPENAI_", "SUMMARIZER_")):
                monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def corpus_articles() -> list[Path]:
    """The shared dev corpus, where the checkout has it beside it."""
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


# --- recorded LLM responses -------------------------------------------------------------

CASSETTES = ROOT / "cassettes"
# The recognisable fake key of the tests: it must never be written anywhere.
FAKE_KEY = "sk-summarizer-test-FAKEKEY-0123456789abcdef"
RERECORD = (
    "OPENAI_API_KEY=... SUMMARIZER_MODEL=... .venv/bin/python -m pytest "
    "tests/test_llm_cassettes.py --record-mode=rewrite"
)


def takes_ctrl_c() -> None:
    """For a child process: Ctrl-C as a terminal delivers it, even when the tests run as
    a background job, whose children start with SIGINT ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTES / request.module.__name__.rsplit(".", 1)[-1])


# The scrubbing and matching of users' cassettes (summarizer/cassettes.py), telling the
# developer how to re-record the project's own.
_VCR_CONFIG = cassettes.vcr_config(rerecord=f"re-record with: {RERECORD}")


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, object]:
    return {k: v for k, v in _VCR_CONFIG.items() if k != "matchers"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "replay_only: checks a replay; skipped while recording")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Skipped here, before the cassette is opened: recording would overwrite it.
    if (config.getoption("--record-mode") or "none") != "none":
        skip = pytest.mark.skip(reason="checks a replay; there is nothing to record")
        for item in items:
            if item.get_closest_marker("replay_only"):
                item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    # A replay that no longer matches surfaces in the engine as "cannot reach"; show
    # the cassette's own explanation, which names the re-record command.
    try:
        return (yield)
    except ProviderError as error:
        if error.detail and RERECORD in error.detail:
            raise AssertionError(f"{error}\n{error.detail}") from error
        raise


def pytest_recording_configure(config: pytest.Config, vcr: object) -> None:
    for name, matcher in _VCR_CONFIG["matchers"].items():
        vcr.register_matcher(name, matcher)  # type: ignore[attr-defined]


@dataclass
class Endpoint:
    """Where a test's LLM calls go: a replayed cassette, the scripted server, or a real
    endpoint when re-recording with OPENAI_API_KEY set."""

    base_url: str | None
    model: str
    api_key: str
    server: ScriptedServer | None = None


@pytest.fixture
def llm_endpoint(
    record_mode: str, vcr_cassette_dir: str, default_cassette_name: str
) -> Iterator[Callable[..., Endpoint]]:
    with ExitStack() as stack:

        def make(answers: list[Answer], cassette: str | None = None) -> Endpoint:
            if record_mode == "none":
                path = Path(vcr_cassette_dir) / f"{cassette or default_cassette_name}.yaml"
                if not path.is_file():
                    pytest.fail(f"no cassette {path}; record it with: {RERECORD}")
                # Nothing listens here: the cassette answers, or the test fails.
                return Endpoint(
                    "http://127.0.0.1:9/v1", str(cassettes.recorded_request(path).model), FAKE_KEY
                )
            if os.environ.get("OPENAI_API_KEY"):
                model = os.environ.get("SUMMARIZER_MODEL") or pytest.fail(
                    "set SUMMARIZER_MODEL to re-record against a real endpoint"
                )
                base_url = os.environ.get("OPENAI_BASE_URL")
                return Endpoint(base_url, model, os.environ["OPENAI_API_KEY"])
            server = stack.enter_context(ScriptedServer(answers))
            return Endpoint(server.url, MODEL, FAKE_KEY, server)

        yield make
