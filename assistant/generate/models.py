"""The one seam to chat models.

Everything that talks to a model receives a :class:`ChatModel`: ``complete(prompt) -> text`` and
``stream(prompt) -> text pieces``, both bounded by a :class:`Deadline`. :class:`OpenAICompatibleChat`
is the one adapter (LangChain's ``ChatOpenAI``: OpenAI or any OpenAI-compatible server); tests put
a scripted model here and nowhere else.

Failures become :class:`~assistant.errors.ModelError` (transport, HTTP status, timeouts, the
deadline, a stream cut before its end marker) or :class:`~assistant.errors.ModelOutputError`
(a reply that cannot be used); callers catch only those. One deadline covers a whole answer:
connecting, streaming, retries and any ``Retry-After`` wait all happen inside it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Protocol

from assistant.config import Settings
from assistant.errors import ConfigError, ModelError

log = logging.getLogger(__name__)

RETRYABLE_STATUS = {408, 409, 429, 500, 502, 503, 504}


class Deadline:
    """A point in time after which no more model work is started or continued."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def check(self, what: str) -> float:
        left = self.remaining()
        if left <= 0:
            raise ModelError(f"{what}: the answer's time limit of {self.seconds:g} s is used up (LVJU_LLM_DEADLINE_S)")
        return left


class ChatModel(Protocol):
    name: str

    def complete(self, prompt: str, deadline: Deadline | None = None) -> str: ...

    def stream(self, prompt: str, deadline: Deadline | None = None) -> Iterator[str]: ...


def _text(content) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks
        return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return str(content or "")


def _retry_after(exc) -> float | None:
    response = getattr(exc, "response", None)
    value = response.headers.get("retry-after") if response is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


class OpenAICompatibleChat:
    """``ChatOpenAI`` behind the :class:`ChatModel` seam, with our own retries inside the deadline."""

    def __init__(self, settings: Settings) -> None:
        if not settings.llm_base_url and not settings.llm_api_key:
            raise ConfigError("LVJU_LLM_MODEL is set but neither LVJU_LLM_BASE_URL (local server) nor LVJU_LLM_API_KEY is")
        self.settings = settings
        self.name = describe(settings)

    def _client(self, timeout: float, streaming: bool):
        from langchain_openai import ChatOpenAI

        s = self.settings
        key = s.llm_api_key.get_secret_value() if s.llm_api_key else "not-needed"
        # the SDK's own retries are off: they would wait outside our deadline
        return ChatOpenAI(model=s.llm_model, base_url=s.llm_base_url, api_key=key, temperature=s.llm_temperature,
                          timeout=timeout, max_retries=0, max_tokens=s.llm_max_tokens, streaming=streaming)

    def _deadline(self, deadline: Deadline | None) -> Deadline:
        return deadline or Deadline(self.settings.llm_deadline_s)

    def _attempts(self, deadline: Deadline, what: str):
        """Yield the per-request timeout of each attempt; the caller reports failures with ``failed``."""
        for attempt in range(self.settings.llm_max_retries + 1):
            left = deadline.check(what)
            yield attempt, min(self.settings.llm_timeout_s, left)

    def _classify(self, exc: Exception, deadline: Deadline, attempt: int, what: str) -> None:
        """Raise ModelError unless ``exc`` is worth another attempt within the deadline (then wait)."""
        import openai

        status = getattr(exc, "status_code", None)
        retryable = isinstance(exc, openai.APIConnectionError) or status in RETRYABLE_STATUS
        reason = f"{type(exc).__name__}: {str(exc)[:200]}"
        if not retryable or attempt >= self.settings.llm_max_retries:
            raise ModelError(f"{what} failed ({reason})") from exc
        wait = _retry_after(exc)
        wait = min(2.0 ** attempt, 8.0) if wait is None else wait
        if wait >= deadline.remaining():
            raise ModelError(f"{what} failed ({reason}); the server asks to retry after {wait:g} s, "
                             f"beyond the answer's time limit") from exc
        log.warning("%s failed (%s); retrying in %.1f s", what, reason, wait)
        time.sleep(wait)

    def complete(self, prompt: str, deadline: Deadline | None = None) -> str:
        import httpx
        import openai

        deadline = self._deadline(deadline)
        for attempt, timeout in self._attempts(deadline, "model call"):
            try:
                reply = self._client(timeout, streaming=False).invoke(prompt)
            except (openai.OpenAIError, httpx.HTTPError) as exc:
                self._classify(exc, deadline, attempt, "model call")
                continue
            return _text(reply.content)
        raise ModelError("model call failed")  # pragma: no cover - the loop returns or raises

    def stream(self, prompt: str, deadline: Deadline | None = None) -> Iterator[str]:
        """Text pieces as the model writes them. Raises ModelError if the stream stops before the
        server's end marker (``finish_reason``), or runs past the deadline."""
        import httpx
        import openai

        deadline = self._deadline(deadline)
        for attempt, timeout in self._attempts(deadline, "model stream"):
            finish = None
            sent = False
            try:
                for chunk in self._client(timeout, streaming=True).stream(prompt):
                    finish = (chunk.response_metadata or {}).get("finish_reason") or finish
                    text = _text(chunk.content)
                    if text:
                        sent = True
                        yield text
                    if finish is None:
                        deadline.check("model stream")
            except (openai.OpenAIError, httpx.HTTPError) as exc:
                if sent:  # part of the answer is out: no silent restart
                    raise ModelError(f"model stream broke off ({type(exc).__name__}: {str(exc)[:200]})") from exc
                self._classify(exc, deadline, attempt, "model stream")
                continue
            if finish is None:
                raise ModelError("the model's stream ended without its end marker (finish_reason): the answer may be cut")
            if finish == "length":  # complete as far as it goes; the checker judges the last, cut sentence
                log.warning("the model's answer stopped at LVJU_LLM_MAX_TOKENS")
            return


def build_chat_model(settings: Settings) -> ChatModel | None:
    """The configured chat model, or None when none is configured (offline drafter)."""
    if not settings.llm_configured:
        return None
    return OpenAICompatibleChat(settings)


def describe(settings: Settings) -> str:
    if not settings.llm_configured:
        return "offline drafter (no LLM configured)"
    return f"{settings.llm_model} @ {settings.llm_base_url or 'api.openai.com'}"


def failure_zh(exc: BaseException) -> str:
    """What a Chinese reader is told when the model could not be used, with what to check; the technical detail
    (English, from the client library) follows in brackets for whoever runs the service."""
    from assistant.errors import ModelOutputError

    text = f"{type(exc).__name__}: {exc}"
    low = text.lower()
    if isinstance(exc, ModelOutputError):
        head = "大模型有回复，但输出无法使用"
    elif "connection" in low or "connect" in low:
        head = "无法连接大模型服务，请检查服务地址（LVJU_LLM_BASE_URL）是否正确、服务是否已启动"
    elif "timed out" in low or "timeout" in low or "time limit" in low:
        head = "大模型响应超时，请稍后再试，或请管理员调大 LVJU_LLM_TIMEOUT_S / LVJU_LLM_DEADLINE_S"
    elif "401" in low or "403" in low or "authentication" in low or "permission" in low:
        head = "大模型服务拒绝访问，请检查 API 密钥（LVJU_LLM_API_KEY）"
    elif "404" in low or "not found" in low:
        head = "大模型服务找不到所配置的模型或地址，请检查模型名称（LVJU_LLM_MODEL）和服务地址"
    elif "end marker" in low or "broke off" in low:
        head = "大模型的输出中途中断"
    else:
        head = "大模型调用失败"
    return f"{head}（技术信息：{text[:200]}）"
