"""Settings: one place, read from the environment and a `.env` file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from tools.errors import ConfigError

__all__ = ["Settings"]


class Settings(BaseSettings):
    """Marginal's configuration (DESIGN.md, Configuration)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore",
                                      populate_by_name=True)

    model: str = Field("offline", validation_alias="MARGINAL_MODEL",
                       description="offline | openai:<model> | hybrid:<model>")
    openai_api_key: SecretStr | None = Field(None, validation_alias="OPENAI_API_KEY")
    openai_base_url: str | None = Field(None, validation_alias="OPENAI_BASE_URL")
    data_dir: Path = Field(Path(".marginal"), validation_alias="MARGINAL_DATA_DIR")
    chroma_url: str | None = Field(None, validation_alias="MARGINAL_CHROMA_URL")
    database_url: SecretStr | None = Field(
        None, validation_alias="MARGINAL_DATABASE_URL",
        description="A PostgreSQL URL (postgresql://user:pass@host:5432/db) for the sessions, shared by "
                    "every app process; unset, they live in MARGINAL_DATA_DIR/sessions.sqlite.")
    embeddings: Literal["wordllama", "openai", "onnx-minilm"] = Field(
        "wordllama", validation_alias="MARGINAL_EMBEDDINGS")
    prices_file: Path | None = Field(None, validation_alias="MARGINAL_PRICES_FILE")
    llm_timeout_s: float = Field(30.0, gt=0, validation_alias="MARGINAL_LLM_TIMEOUT")
    llm_max_retries: int = Field(2, ge=0, le=10, validation_alias="MARGINAL_LLM_RETRIES")
    session_turns: int = Field(20, ge=1, le=1000, validation_alias="MARGINAL_SESSION_TURNS",
                               description="Turns of a conversation kept for follow-ups (and sent to an "
                                           "LLM); the last two calculator turns are always kept.")
    llm_cooldown_s: float = Field(60.0, ge=0, le=86_400, validation_alias="MARGINAL_LLM_COOLDOWN",
                                  description="Seconds an unreachable LLM is skipped (the offline planner "
                                              "answers, and says so) before it is tried again; 0 never skips.")
    llm_breaker_failures: int = Field(1, ge=1, le=100, validation_alias="MARGINAL_LLM_BREAKER_FAILURES",
                                      description="Answers in a row that could not reach the LLM before it "
                                                  "is skipped for MARGINAL_LLM_COOLDOWN seconds.")
    max_tool_rounds: int = Field(6, ge=1, le=50, validation_alias="MARGINAL_MAX_TOOL_ROUNDS")
    llm_writes_answers: bool = Field(False, validation_alias="MARGINAL_LLM_WRITES_ANSWERS",
                                     description="Let the LLM write every final answer, even when the "
                                                 "calculators' results already say everything (one more call).")
    debug: bool = Field(False, validation_alias="MARGINAL_DEBUG")

    @field_validator("model")
    @classmethod
    def _check_model(cls, value: str) -> str:
        value = value.strip() or "offline"
        kind, _, name = value.partition(":")
        if kind not in {"offline", "openai", "hybrid"} or (kind != "offline" and not name):
            raise ConfigError(f"MARGINAL_MODEL must be offline, openai:<model> or hybrid:<model> (got {value!r}).",
                              hint="Example: MARGINAL_MODEL=openai:gpt-4o-mini")
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: SecretStr | None) -> SecretStr | None:
        url = value.get_secret_value().strip() if value is not None else ""
        if not url:
            return None
        if not url.startswith(("postgresql://", "postgres://")):
            shown = url.split("://")[0] + "://..." if "://" in url else "a value without a scheme"
            raise ConfigError(f"MARGINAL_DATABASE_URL must be a postgresql:// URL (got {shown}).",
                              hint="Example: MARGINAL_DATABASE_URL=postgresql://marginal:secret@127.0.0.1:5432/"
                                   "marginal; unset it to keep sessions in SQLite.")
        return SecretStr(url)

    @property
    def scenarios_dir(self) -> Path:
        """Where saved scenario files live: `MARGINAL_DATA_DIR/scenarios`."""
        return self.data_dir / "scenarios"

    @property
    def model_kind(self) -> str:
        """offline, openai or hybrid."""
        return self.model.partition(":")[0]

    @property
    def llm_name(self) -> str | None:
        """The LLM's model name for openai/hybrid, else None."""
        return self.model.partition(":")[2] or None
