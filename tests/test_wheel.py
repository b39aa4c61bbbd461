"""The package installs anywhere: build a wheel, install it into a fresh virtualenv outside the
repository (dependencies taken from the test environment, never from this checkout), and run
`assistant ingest`, `ask` and `plan` there. Prompts, the legal-terms list and the tiktoken files
must come from the installed package."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS

pytestmark = pytest.mark.slow


def test_wheel_installs_and_runs_outside_the_repository(tmp_path):
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(REPO)],
                           capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(dist.glob("lvju_assistant-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # the dependencies: the test environment's site-packages, added without its .pth files (so not
    # the editable install of this checkout)
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    inst = subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--no-index", str(wheel)],
                          capture_output=True, text=True, timeout=300)
    assert inst.returncode == 0, inst.stderr[-2000:]
    work = tmp_path / "elsewhere"
    shutil.copytree(SEEDS, work / "docs")
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "LVJU_STORE_PATH": str(work / "store"),
           "LVJU_DATA_DIR": str(work / "data"), "LVJU_SEEDS_PATH": str(work / "docs")}
    where = subprocess.run([str(py), "-c", "import assistant, assistant.prompts as p; print(assistant.__file__); print(p.PROMPTS_DIR)"],
                           capture_output=True, text=True, env=env, cwd=work, timeout=60)
    assert where.returncode == 0, where.stderr
    for line in where.stdout.split():
        assert str(venv) in line and str(REPO) not in line  # code and prompts from the installed wheel

    def run(*args):
        out = subprocess.run([str(venv / "bin" / "assistant"), *args], capture_output=True, text=True, env=env, cwd=work, timeout=300)
        assert out.returncode == 0, out.stderr[-2000:]
        return out.stdout

    assert json.loads(run("ingest", str(work / "docs"), "--json"))["written"] > 100
    answer = json.loads(run("ask", "府检联动协调机制的召集人是谁？", "--json"))
    assert not answer["refused"] and all(s["citations"] for s in answer["statements"])
    plan = json.loads(run("plan", "为某区检察院起草未成年人综合司法保护工作方案提纲", "--json"))
    assert any(sec["items"] for sec in plan["sections"])
    # the legal-terms dictionary and the vendored tiktoken files are package data
    check = subprocess.run([str(py), "-c", "from assistant.index.lexical import _TERMS; from assistant.offline import verify_vendored_encodings; "
                            "print(_TERMS.is_file(), len(verify_vendored_encodings()))"],
                           capture_output=True, text=True, env={**env, "TIKTOKEN_CACHE_DIR": ""}, cwd=work, timeout=60)
    assert check.stdout.split() == ["True", "2"], check.stderr
