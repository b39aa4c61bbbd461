"""Prompts are package data files in ``assistant/data/prompts/`` with a small front matter, validated at load.

Format::

    ---
    name: condense
    version: 1
    variables: history, question
    ---
    template text with {history} and {question}   ({{ and }} for literal braces)

Loading fails if a placeholder is not declared or a declared variable is unused; rendering
fails on a missing or unknown variable.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from assistant.errors import ConfigError

PROMPTS_DIR = Path(str(resources.files("assistant") / "data" / "prompts"))  # inside the installed package


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    variables: tuple[str, ...]
    template: str
    path: Path

    def render(self, **values: str) -> str:
        missing = [v for v in self.variables if v not in values]
        unknown = [k for k in values if k not in self.variables]
        if missing or unknown:
            raise ConfigError(f"prompt {self.name}: missing variables {missing}, unknown variables {unknown}")
        return self.template.format(**{k: str(v) for k, v in values.items()})


def parse_prompt(text: str, path: Path) -> Prompt:
    if not text.startswith("---\n"):
        raise ConfigError(f"{path}: a prompt file starts with a '---' front matter block")
    try:
        head, body = text[4:].split("\n---\n", 1)
    except ValueError as exc:
        raise ConfigError(f"{path}: front matter is not closed with '---'") from exc
    meta: dict[str, str] = {}
    for line in head.splitlines():
        if line.strip():
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip()
    for key in ("name", "version", "variables"):
        if not meta.get(key):
            raise ConfigError(f"{path}: front matter needs '{key}'")
    declared = tuple(v.strip() for v in meta["variables"].split(",") if v.strip())
    try:
        used = {f for _, f, _, _ in string.Formatter().parse(body) if f is not None}
    except ValueError as exc:
        raise ConfigError(f"{path}: bad placeholder syntax ({exc})") from exc
    bad = [u for u in used if not u.isidentifier()]
    if bad:
        raise ConfigError(f"{path}: placeholders must be plain names, got {bad}")
    if used != set(declared):
        raise ConfigError(f"{path}: placeholders {sorted(used)} do not match declared variables {sorted(declared)}")
    return Prompt(meta["name"], meta["version"], declared, body.strip() + "\n", path)


@cache
def load_prompt(name: str, folder: Path = PROMPTS_DIR) -> Prompt:
    path = folder / f"{name}.md"
    if not path.is_file():
        raise ConfigError(f"prompt file missing: {path}")
    prompt = parse_prompt(path.read_text(encoding="utf-8"), path)
    if prompt.name != name:
        raise ConfigError(f"{path}: front matter name {prompt.name!r} does not match the file name")
    return prompt


def prompt_versions(folder: Path = PROMPTS_DIR) -> dict[str, str]:
    """{prompt name: version} of every prompt file: stamped on results and evaluation records."""
    return {p.name: p.version for p in all_prompts(folder)}


def all_prompts(folder: Path = PROMPTS_DIR) -> list[Prompt]:
    return [load_prompt(p.stem, folder) for p in sorted(folder.glob("*.md")) if p.name != "README.md"]
