"""Configuration from flags and the environment."""

from __future__ import annotations

from enum import StrEnum

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from summarizer.documents import DEFAULT_MAX_BYTES


class EngineChoice(StrEnum):
    AUTO = "auto"
    RULES = "rules"
    LLM = "llm"


class Settings(BaseSettings):
    """Flags win over the environment; the environment over the defaults."""

    model_config = SettingsConfigDict(env_prefix="SUMMARIZER_", extra="ignore")

    engine: EngineChoice = EngineChoice.AUTO
    api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "SUMMARIZER_API_KEY")
    )
    base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "SUMMARIZER_BASE_URL")
    )
    model: str | None = None
    max_bytes: int = Field(default=DEFAULT_MAX_BYTES, gt=0)

    @property
    def llm_configured(self) -> bool:
        return bool(self.base_url or self.api_key)
