"""Loading and rendering the prompt templates in prompts/.

The system prompt gives the rules the schema cannot, and one worked example that is
checked against the records' schema when it loads; the fields themselves are described
once, in the schema sent with every request. Its hash, with the other templates and
the schema, is the prompt version every result carries.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from pydantic import BaseModel, ValidationError

from summarizer.errors import InputError, first_problem
from summarizer.records import SCHEMA_VERSION, ArticleSummary, json_schema
from summarizer.report import Finding

TEMPLATES = ("system.j2", "user.j2", "reask.j2")
EXAMPLE = "example.json"
MAX_SUMMARY_SENTENCES = 3
# Any tag named "article" in the text, opening or closing, in any case or spacing.
_ARTICLE_TAG = re.compile(r"<\s*/?\s*article\b", re.IGNORECASE)

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
        missing = [name for name in (*TEMPLATES, EXAMPLE) if not (directory / name).is_file()]
        if missing:
            raise InputError(f"{directory}: prompt files missing: {', '.join(missing)}")
        env = Environment(
            loader=FileSystemLoader(directory),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            autoescape=False,  # prompts are plain text, not HTML
        )
        try:
            system = env.get_template("system.j2").render(
                example=_example(directory / EXAMPLE),
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
            article=article, fence=fence(article), part=part if parts > 1 else 0, parts=parts
        )
        return [{"role": "system", "content": self.system}, {"role": "user", "content": user}]

    def answered(self, answer: BaseModel, failing: list[Finding]) -> list[Message]:
        """What a re-ask adds to the conversation: the model's answer, and the findings
        of its numbers that failed the check."""
        said: Message = {"role": "assistant", "content": answer.model_dump_json(exclude_none=True)}
        return [said, self.reask(failing)]

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


def fence(article: str) -> str:
    """The tag that encloses the article: `article`, unless the text has a tag of that
    name, which could close the block early; then one named for the text's own hash,
    which the text cannot contain."""
    if not _ARTICLE_TAG.search(article):
        return "article"
    return f"article-{hashlib.sha256(article.encode()).hexdigest()[:12]}"


def _example(path: Path) -> dict[str, str]:
    """The worked example: its article, and its records as compact JSON, held to the
    records' schema so that the example cannot teach a field that does not exist."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as e:
        raise InputError(f"{path}: bad worked example: not JSON ({e})") from None
    if not isinstance(data, dict) or not isinstance(data.get("article"), str):
        raise InputError(f'{path}: bad worked example: needs "article" (text) and "records"')
    try:
        records = ArticleSummary.model_validate(data.get("records"))
    except ValidationError as e:
        raise InputError(f"{path}: bad worked example: records.{first_problem(e)}") from None
    article = data["article"]
    return {"article": article, "records": records.model_dump_json(exclude_unset=True)}


def _claim(f: Finding) -> str:
    return f.claimed()
