"""The README stays true: every setting and CLI command is documented."""

from assistant.cli import build_parser
from assistant.config import Settings
from tests.conftest import REPO


def test_every_setting_is_documented():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [f"LVJU_{name.upper()}" for name in Settings.model_fields if f"`LVJU_{name.upper()}`" not in readme]
    assert missing == []


def test_every_cli_command_is_documented():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    missing = [name for name in sub.choices if f"`assistant {name}" not in readme]
    assert missing == []
