"""Offline operation: tiktoken from the vendored files, no network, telemetry off."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from assistant.offline import TIKTOKEN_DIR, VENDORED_ENCODINGS, verify_vendored_encodings

# Runs in a fresh interpreter with every socket connection refused, and an empty home/cache.
PROBE = r"""
import socket, json
attempts = []
def refuse(self, *a, **k):
    attempts.append(repr(a))
    raise OSError("network unreachable (blocked by test)")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = lambda *a, **k: refuse(None, *a)
import assistant  # points tiktoken at the vendored files
import tiktoken
enc = tiktoken.get_encoding("o200k_base")
cl = tiktoken.get_encoding("cl100k_base")
text = "人民检察院、公安机关应当加强协作配合。"
print(json.dumps({"o200k": len(enc.encode(text)), "cl100k": len(cl.encode(text)),
                  "roundtrip": enc.decode(enc.encode(text)) == text, "attempts": attempts}))
"""


def _run_probe(extra_env: dict, tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR")}
    env.update({"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"),
                "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9", **extra_env})
    cmd = [sys.executable, "-c", PROBE]
    if shutil.which("unshare") and subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0:
        cmd = ["unshare", "-rn", *cmd]  # a network namespace with no interfaces at all
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_vendored_files_match_their_sha256():
    digests = verify_vendored_encodings()
    assert digests == {name: sha for name, (_f, sha) in VENDORED_ENCODINGS.items()}
    for fname, _sha in VENDORED_ENCODINGS.values():
        assert (TIKTOKEN_DIR / fname).stat().st_size > 1_000_000


def test_get_encoding_works_with_the_network_unreachable(tmp_path):
    result = _run_probe({}, tmp_path)
    assert result["roundtrip"] is True
    assert result["o200k"] > 5 and result["cl100k"] > result["o200k"]  # o200k is denser for Chinese
    assert result["attempts"] == []


def test_a_user_cache_without_our_files_is_not_trusted(tmp_path):
    empty = tmp_path / "empty-cache"
    empty.mkdir()
    result = _run_probe({"TIKTOKEN_CACHE_DIR": str(empty)}, tmp_path)
    assert result["roundtrip"] is True and result["attempts"] == []


def test_telemetry_is_off():
    import assistant  # noqa: F401

    assert os.environ["ANONYMIZED_TELEMETRY"] == "False"
    assert os.environ["LANGCHAIN_TRACING_V2"] == "false"
    assert os.environ["HF_HUB_OFFLINE"] == "1"


OFFLINE_RUN = r"""
import socket, sys, json
def refuse(*a, **k):
    raise OSError("network unreachable (blocked by test)")
socket.socket.connect = refuse
socket.create_connection = refuse
from assistant.cli import main
assert main(["ingest", sys.argv[1]]) == 0
assert main(["ask", "府检联动协调机制的召集人是谁？", "--json"]) == 0
assert main(["plan", "为某区检察院起草未成年人综合司法保护工作方案提纲", "--json"]) == 0
"""


@pytest.mark.slow
def test_the_whole_pipeline_runs_without_network(tmp_path):
    """Ingest, ask and plan with every outgoing connection refused (and, where possible, in a
    network namespace with no interfaces): nothing downloads a model or phones home."""
    from tests.conftest import SEEDS

    env = {k: v for k, v in os.environ.items() if not k.startswith("LVJU_")}
    env.update({"HOME": str(tmp_path), "LVJU_STORE_PATH": str(tmp_path / "store"), "LVJU_DATA_DIR": str(tmp_path / "data"),
                "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"})
    cmd = [sys.executable, "-c", OFFLINE_RUN, str(SEEDS)]
    if shutil.which("unshare") and subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0:
        cmd = ["unshare", "-rn", *cmd]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    lines = [x for x in out.stdout.splitlines() if x.startswith("{")]
    answer, plan = json.loads(lines[0]), json.loads(lines[1])
    assert not answer["refused"] and answer["statements"] and all(s["citations"] for s in answer["statements"])
    assert plan["sections"][2]["items"]
