"""Loading and rendering the prompt templates in prompts/.

The system prompt is rendered from the records' own field descriptions and enums, so
the instructions and the schema cannot drift apart; its hash, with the other
templates and the schema, is the prompt version every result carries.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from pydantic import BaseModel

from summarizer.errors import InputError
from summarizer.records import (
    SCHEMA_VERSION,
    Affected,
    ArticleSummary,
    Casualty,
    Damage,
    Event,
    Location,
    MunitionTally,
    Quantity,
    json_schema,
)
from summarizer.report import Finding

TEMPLATES = ("system.j2", "user.j2", "reask.j2")
MAX_SUMMARY_SENTENCES = 3
_GUIDE_MODELS: tuple[type[BaseModel], ...] = (
    ArticleSummary, Event, Location, Casualty, Affected, Damage, MunitionTally, Quantity,
)  # fmt: skip

Message = dict[str, str]


def default_prompts_dir() -> Path:
    """prompts/ inside an installed wheel, else the checkout's own."""
    packaged = Path(__file__).resolve().parent / "_data" / "prompts"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[1] / "prompts"


@dataclass(frozen=True)
class Prompts:
    """The three templates of one prompts directory, ready to render."""

    system: str
    version: str
    _env: Environment

    @classmethod
    def load(cls, directory: Path | None = None) -> Prompts:
        directory = directory or default_prompts_dir()
        missing = [name for name in TEMPLATES if not (directory / name).is_file()]
        if missing:
            raise InputError(f"{directory}: prompt templates missing: {', '.join(missing)}")
        env = Environment(
            loader=FileSystemLoader(directory),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            autoescape=False,  # prompts are plain text, not HTML
        )
        try:
            system = env.get_template("system.j2").render(
                models=field_guide(),
                schema_version=SCHEMA_VERSION,
                max_summary_sentences=MAX_SUMMARY_SENTENCES,
            )
            digest = hashlib.sha256(system.encode())
            for name in TEMPLATES[1:]:
                digest.update((directory / name).read_bytes())
            prompts = cls(system=system, version="", _env=env)
            # Rendered once now, so a broken template fails here, not at the first re-ask.
            prompts.messages("A sample article.", 1, 2)
            prompts.reask([])
        except (TemplateError, OSError) as e:
            where = getattr(e, "filename", None) or directory
            raise InputError(f"{where}: bad prompt template: {e}") from None
        digest.update(json.dumps(json_schema(), sort_keys=True).encode())
        return cls(system=system, version=digest.hexdigest()[:12], _env=env)

    def messages(self, article: str, part: int = 0, parts: int = 1) -> list[Message]:
        user = self._env.get_template("user.j2").render(
            article=article, part=part if parts > 1 else 0, parts=parts
        )
        return [{"role": "system", "content": self.system}, {"role": "user", "content": user}]

    def reask(self, findings: list[Finding]) -> Message:
        rows = [
            {
                "path": f.path,
                "claim": _claim(f),
                "status": f.status.value,
                "note": f.note,
                "evidence": [e.text for e in f.evidence],
            }
            for f in findings
        ]
        return {"role": "user", "content": self._env.get_template("reask.j2").render(findings=rows)}


def field_guide() -> list[dict[str, Any]]:
    """Each record type with its fields' descriptions and allowed values."""
    guide = []
    for model in _GUIDE_MODELS:
        fields = []
        for name, info in model.model_fields.items():
            annotation = info.annotation
            choices = (
                [str(m.value) for m in annotation]
                if isinstance(annotation, type) and issubclass(annotation, Enum)
                else []
            )
            fields.append({"name": name, "description": info.description or "", "choices": choices})
        guide.append(
            {"name": model.__name__, "description": (model.__doc__ or "").strip(), "fields": fields}
        )
    return guide


def _claim(f: Finding) -> str:
    return f.claimed()
