"""A full disk: an ingest that does not fit is refused with one clear line before anything changes;
the store stays readable (retrieve works even when the lexical index cannot be saved) and unchanged.
Runs on a small tmpfs, so only where this process may mount one (root); skipped otherwise."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.test_store_processes import write_corpus

pytestmark = pytest.mark.slow


@pytest.fixture
def small_disk(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    out = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(disk)], capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {out.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def _fill(disk, leave_kb: int) -> None:
    filler = disk / "filler"
    filler.unlink(missing_ok=True)
    free_kb = shutil.disk_usage(disk).free // 1024
    with open(filler, "wb") as fh:
        os.posix_fallocate(fh.fileno(), 0, max(0, free_kb - leave_kb) * 1024)


def test_an_ingest_that_does_not_fit_is_refused_and_the_store_stays_readable(small_disk, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LVJU_")}
    env.update({"LVJU_STORE_PATH": str(small_disk / "store"), "LVJU_DATA_DIR": str(small_disk / "data")})

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "assistant.cli", *args], cwd=REPO, env=env, capture_output=True,
                              text=True, timeout=300)

    write_corpus(tmp_path / "small", "甲", files=2, articles=80, seed=1)  # a lexical index larger than the room left below
    write_corpus(tmp_path / "big", "丁", files=20, articles=100, seed=5)
    assert cli("ingest", str(tmp_path / "small")).returncode == 0
    docs = cli("docs").stdout
    hits = cli("retrieve", "（甲-0-3）", "--k", "3").stdout
    assert "甲-0-3" in hits

    _fill(small_disk, leave_kb=3000)  # 2,000 clauses need ~15 MB
    out = cli("ingest", str(tmp_path / "big"), "--json")
    assert out.returncode == 1
    errors = [line for line in out.stderr.splitlines() if line.startswith("error:")]
    assert errors == [errors[0]] and "not enough disk space for this write" in errors[0] and "nothing was changed" in errors[0]
    assert not (small_disk / "store" / "lvju-write.journal").exists()

    # the disk all but full (and no room to save a lexical index): still readable, unchanged
    shutil.rmtree(small_disk / "store" / "lexical")
    _fill(small_disk, leave_kb=64)
    assert cli("docs").stdout == docs
    again = cli("retrieve", "（甲-0-3）", "--k", "3")
    assert again.returncode == 0 and again.stdout == hits
    assert "kept in memory" in again.stderr
    check = cli("check")
    assert check.returncode == 0 and check.stdout.splitlines()[-1].startswith("ok:")

    # with room again, the same ingest goes in
    (small_disk / "filler").unlink()
    assert cli("ingest", str(tmp_path / "big")).returncode == 0
    assert "丁" in cli("docs").stdout
