"""Every prompt file loads, validates and renders; malformed prompt files fail fast."""

from __future__ import annotations

import pytest

from assistant.errors import ConfigError
from assistant.prompts import PROMPTS_DIR, all_prompts, parse_prompt


def test_every_prompt_renders():
    prompts = all_prompts()
    assert {p.name for p in prompts} >= {"condense"}
    for p in prompts:
        text = p.render(**{v: f"<{v}>" for v in p.variables})
        for v in p.variables:
            assert f"<{v}>" in text
        with pytest.raises(ConfigError, match="missing variables"):
            p.render()
        with pytest.raises(ConfigError, match="unknown variables"):
            p.render(**{v: "x" for v in p.variables}, extra="y")


@pytest.mark.parametrize("text,problem", [
    ("no front matter {x}", "starts with"),
    ("---\nname: a\nversion: 1\nvariables: x\n{x}", "not closed"),
    ("---\nname: a\nversion: 1\n---\n{x}", "needs 'variables'"),
    ("---\nname: a\nversion: 1\nvariables: x\n---\n{x} {y}", "do not match"),
    ("---\nname: a\nversion: 1\nvariables: x, y\n---\n{x}", "do not match"),
    ("---\nname: a\nversion: 1\nvariables: x\n---\n{x.attr}", "plain names"),
])
def test_malformed_prompt_files(text, problem):
    with pytest.raises(ConfigError, match=problem):
        parse_prompt(text, PROMPTS_DIR / "a.md")


def test_literal_braces_are_allowed():
    p = parse_prompt("---\nname: a\nversion: 1\nvariables: x\n---\n{{\"json\": 1}} {x}", PROMPTS_DIR / "a.md")
    assert p.render(x="v").strip() == '{"json": 1} v'
