"""Standard ``logging`` for the CLI and the app: one handler on stderr, level from LVJU_LOG_LEVEL."""

from __future__ import annotations

import logging


def setup_logging(level: str = "WARNING") -> None:
    logger = logging.getLogger("assistant")
    logger.setLevel(level)
    if not any(getattr(h, "_lvju", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler._lvju = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.propagate = False
