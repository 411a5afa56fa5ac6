"""The prompt templates: rendered from the records' own descriptions, versioned by
their content, and checked when they load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.prompts import Prompts, default_prompts_dir
from summarizer.records import ArticleSummary, Casualty, Quantity


def test_the_system_prompt_carries_every_field_description() -> None:
    system = Prompts.load().system
    for model in (ArticleSummary, Casualty, Quantity):
        for name, info in model.model_fields.items():
            assert f"- {name}" in system
            assert (info.description or "") in system


def test_the_system_prompt_lists_the_enums() -> None:
    assert "(one of: killed, injured, missing)" in Prompts.load().system


def _copy(tmp_path: Path) -> Path:
    directory = tmp_path / "prompts"
    shutil.copytree(default_prompts_dir(), directory)
    return directory


@pytest.mark.parametrize("template", ["system.j2", "user.j2", "reask.j2"])
def test_any_template_change_changes_the_version(tmp_path: Path, template: str) -> None:
    directory = _copy(tmp_path)
    before = Prompts.load(directory).version
    (directory / template).write_text((directory / template).read_text() + "\nBe careful.\n")
    assert Prompts.load(directory).version != before
    assert len(before) == 12


@pytest.mark.parametrize(
    ("template", "broken"),
    [("reask.j2", "{% if %}"), ("system.j2", "{{ undefined_thing }}"), ("user.j2", "{% for")],
)
def test_a_broken_template_is_an_input_error_at_load(
    tmp_path: Path, template: str, broken: str
) -> None:
    directory = _copy(tmp_path)
    (directory / template).write_text((directory / template).read_text() + broken)
    with pytest.raises(InputError, match="bad prompt template"):
        Prompts.load(directory)


def test_a_missing_template_is_an_input_error(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    (directory / "user.j2").unlink()
    with pytest.raises(InputError, match=r"prompt templates missing: user\.j2"):
        Prompts.load(directory)
