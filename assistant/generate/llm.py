"""The one seam to chat models: :func:`build_chat_model`. Everything else receives the model as a
parameter, so tests substitute a scripted fake here and nowhere else."""

from __future__ import annotations

from langchain_core.language_models.chat_models import BaseChatModel

from assistant.config import Settings
from assistant.errors import ConfigError


def build_chat_model(settings: Settings, *, streaming: bool = False) -> BaseChatModel | None:
    """ChatOpenAI for OpenAI or any OpenAI-compatible server; None when no model is configured."""
    if not settings.llm_configured:
        return None
    if not settings.llm_base_url and not settings.llm_api_key:
        raise ConfigError("LVJU_LLM_MODEL is set but neither LVJU_LLM_BASE_URL (local server) nor LVJU_LLM_API_KEY is")
    from langchain_openai import ChatOpenAI

    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else "not-needed"
    return ChatOpenAI(
        model=settings.llm_model, base_url=settings.llm_base_url, api_key=key,
        temperature=settings.llm_temperature, timeout=settings.llm_timeout_s, max_retries=settings.llm_max_retries,
        max_tokens=settings.llm_max_tokens, streaming=streaming,
    )


def describe(settings: Settings) -> str:
    if not settings.llm_configured:
        return "offline drafter (no LLM configured)"
    return f"{settings.llm_model} @ {settings.llm_base_url or 'api.openai.com'}"
