"""Configuration from flags and the environment."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from summarizer.documents import DEFAULT_MAX_BYTES


class EngineChoice(StrEnum):
    AUTO = "auto"
    RULES = "rules"
    LLM = "llm"


class LLMMode(StrEnum):
    """How the model is asked for JSON; local servers often lack tool calling."""

    TOOLS = "tools"  # tool calling: OpenAI, Azure, vLLM, Ollama, LM Studio
    JSON_SCHEMA = "json_schema"  # response_format with the schema: OpenAI, vLLM, llama.cpp
    JSON = "json"  # response_format json_object: most local servers
    MD_JSON = "md_json"  # JSON in the message text: any chat model


class ReasoningEffort(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


# OpenAI's reasoning models, by name, with or without a provider's prefix ("openai/o3"):
# the o-series ("o1", "o3-mini", "o4-mini-2025-04-16") and the gpt-5 family.
_REASONING_MODEL = re.compile(r"(?:^|/)(?:o\d+(?:-[\w.-]+)?|gpt-5[\w.-]*)$", re.IGNORECASE)


class Settings(BaseSettings):
    """Flags win over the environment; the environment over the defaults."""

    model_config = SettingsConfigDict(
        env_prefix="SUMMARIZER_", extra="ignore", populate_by_name=True
    )

    engine: EngineChoice = EngineChoice.AUTO
    max_bytes: int = Field(default=DEFAULT_MAX_BYTES, gt=0)
    strict: bool = Field(
        default=False,
        description="Fail numbers the source states without words that say what they count.",
    )

    api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "SUMMARIZER_API_KEY")
    )
    base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "SUMMARIZER_BASE_URL")
    )
    model: str | None = None
    mode: LLMMode = LLMMode.TOOLS
    strict_schema: bool = Field(
        default=True,
        description="Ask for strict structured output: json_schema mode, tools on OpenAI.",
    )
    temperature: float = Field(default=0.0, ge=0, le=2)
    reasoning: bool | None = Field(
        default=None,
        description="Ask as a reasoning model does; None: tell it by the model's name.",
    )
    reasoning_effort: ReasoningEffort | None = None
    seed: int | None = None
    timeout: float = Field(default=120.0, gt=0, description="Seconds for one HTTP request.")
    max_output_tokens: int = Field(default=4096, gt=0)
    max_attempts: int = Field(
        default=5,
        ge=1,
        description="Tries of one request on 5xx, dropped connections and timeouts; "
        "rate limits (429) are waited out within retry_seconds and not counted.",
    )
    retry_seconds: float = Field(
        default=120.0,
        gt=0,
        description="Stop retrying one request after this long; a 429 asking for a "
        "longer wait than is left fails at once.",
    )
    backoff_seconds: float = Field(
        default=1.0, ge=0, description="The first backoff's upper bound; it doubles per retry."
    )
    backoff_max_seconds: float = Field(default=30.0, ge=0)
    validation_retries: int = Field(
        default=2, ge=0, description="Re-asks for answers that do not fit the schema."
    )
    reask: int = Field(default=1, ge=0, description="Re-asks for numbers that failed the check.")
    max_total_tokens: int | None = Field(
        default=None, gt=0, description="Stop re-asking once this many tokens are spent."
    )
    chunk_chars: int = Field(
        default=12_000, gt=500, description="Longer articles are extracted in parts."
    )
    prompts_dir: Path | None = None
    # The OpenAI Batch API's limits of one input file; a larger job is split.
    batch_max_requests: int = Field(default=50_000, gt=0, description="Requests a batch file.")
    batch_max_bytes: int = Field(
        default=200_000_000, gt=0, description="Bytes a batch file holds at most."
    )

    @property
    def reasoning_model(self) -> bool:
        """Does the model take `max_completion_tokens` and refuse `temperature`?"""
        if self.reasoning is not None:
            return self.reasoning
        return bool(self.model and _REASONING_MODEL.search(self.model))

    @property
    def llm_configured(self) -> bool:
        """An endpoint and a model are known, so `auto` may use the LLM engine."""
        return bool((self.base_url or self.api_key) and self.model)
