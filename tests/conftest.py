"""Shared fixtures. Every test gets its own store/data folders (never the repo's vectorstore/)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED_EVAL = REPO.parent / "shared" / "eval"
EVAL_DATA = REPO / "eval" / "datasets"


def eval_file(name: str) -> Path:
    """The shared dev set when present (CI has shared/ beside the clone), else the repo's copy."""
    p = SHARED_EVAL / name
    return p if p.is_file() else EVAL_DATA / name


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path, monkeypatch):
    for key in list(os.environ):
        if key.startswith("LVJU_"):
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LVJU_STORE_PATH", str(tmp_path / "store"))
    monkeypatch.setenv("LVJU_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)  # no stray .env from the repo
    from assistant.config import get_settings

    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def settings(tmp_path):
    from assistant.config import Settings

    return Settings(store_path=tmp_path / "store", data_dir=tmp_path / "data")


@pytest.fixture(scope="session")
def seed_docs():
    """All seed documents parsed once: {file name: (raw text, [ParsedDocument])}."""
    from assistant.corpus import expand_paths, parse_path

    out = {}
    for f in expand_paths([SEEDS]):
        pf = parse_path(f)
        out[f.name] = (pf.source.text, pf.documents)
    return out
