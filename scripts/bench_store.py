"""Store benchmark at library scale: ingest, first result, add one document, query latency, cold CLI.

    python scripts/bench_store.py --library ../shared/laws        # a real folder
    python scripts/bench_store.py --synthetic 200000              # generated clauses (scripts/synth_corpus.py)
    python scripts/bench_store.py --library PATH --profile out.prof   # also cProfile the ingest

Every step runs as its own process (as a user would run it), in a fresh temporary store; peak RSS
is that process's own (wait4). Prints one line per figure, then a JSON line with all of them.
Targets (issue 15, 2 cores, offline embedder): ../shared/laws ingest <= 60 s, peak RSS <= 1 GB,
first result <= 5 s, add one document <= 3 s, query p95 <= 50 ms (long-lived), cold CLI retrieve <= 3 s.
"Add one document" is measured twice: as two CLI processes (``ingest FILE`` then a cold ``retrieve``), and
as the app meets it (one long-lived process that has answered a question imports a file and asks again;
then removes it and asks again).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "人民检察院提起公益诉讼的条件", "行政机关不依法履行职责", "证据的收集和审查判断", "未成年人犯罪案件的办理",
    "合同无效的情形", "诉讼时效期间", "行政处罚的听证程序", "国家赔偿的范围", "环境污染责任", "劳动合同解除",
    "减刑假释的条件", "刑事附带民事诉讼", "财产保全", "侵权责任的承担方式", "行政复议的期限",
    "检察建议的制发", "法律援助", "强制执行的措施", "个人信息保护", "知识产权侵权赔偿",
]
# part references (exact lookup: the document named, then its article), timed apart from the topic queries above
REFERENCE_QUERIES = [
    "刑事诉讼法第八十一条", "民法典第一千零七十九条是怎么规定的？", "行政处罚法第三十六条", "刑诉法第五十六条第一款",
    "人民检察院刑事诉讼规则第二百八十二条", "治安管理处罚法第二条说了什么", "劳动合同法第四十条", "公司法第一百条",
    "民事诉讼法第一百二十二条", "国家赔偿法第十七条",
]
ADD_ONE = """某市人民检察院基准测试协作办法

第一条 为检验增量导入，制定本办法。

第二条 人民检察院应当在七日内完成基准测试校验码甲乙丙丁的核对工作。

第三条 本办法自印发之日起施行。
"""

ADD_TWO = ADD_ONE.replace("基准测试", "驻留测试").replace("七日", "五日")

# the app's case: a long-lived process that has answered a question imports one more file (and later removes
# it) and asks again; timed from the import's start to the answer that finds it (and to the answer without it)
IN_PROCESS = r"""
import json, sys, time
from pathlib import Path
from assistant.config import Settings
from assistant.index.ingest import ingest_paths, open_store, remove_source
from assistant.retrieve.retrieval import ClauseRetriever
path, warm, query, needle = sys.argv[1:5]
settings = Settings()
r = ClauseRetriever(open_store(settings), settings)
r.search(warm, k=5)
t = time.perf_counter()
ingest_paths(settings, [Path(path)])
t_in = time.perf_counter() - t
hits = r.search(query, k=1).hits
t_add = time.perf_counter() - t
found = bool(hits) and needle in hits[0].clause["text"]
t = time.perf_counter()
remove_source(r.store, Path(path).name)
hits = r.search(query, k=1).hits
t_rm = time.perf_counter() - t
gone = not hits or needle not in hits[0].clause["text"]
print(json.dumps({"ingest_s": t_in, "searchable_s": t_add, "found": found, "remove_s": t_rm, "gone": gone,
                  "rebuilds": r.rebuilds, "updates": r.updates}))
"""

STEADY = r"""
import json, sys, time, resource
from assistant.config import Settings
from assistant.index.ingest import open_store
from assistant.retrieve.retrieval import ClauseRetriever
queries = json.loads(sys.argv[1])
settings = Settings()
r = ClauseRetriever(open_store(settings), settings)
r.search(queries[0], k=10)
times = []
for _ in range(3):
    for q in queries:
        t = time.perf_counter(); r.search(q, k=10); times.append((time.perf_counter() - t) * 1000)
times.sort()
print(json.dumps({"p50_ms": times[len(times) // 2], "p95_ms": times[int(len(times) * 0.95) - 1],
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(cmd: list[str], env: dict) -> tuple[float, float, str, str, int]:
    """(wall s, peak RSS MB, stdout, stderr, rc) of one child process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return wall, usage.ru_maxrss / 1024, out.read().decode(), err.read().decode(), proc.returncode


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "assistant.cli", *args]


def _start_chroma(work: Path) -> tuple[subprocess.Popen, str]:
    """A `chroma run` server on a free port of 127.0.0.1, its data in ``work``; waits until it listens."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cli = Path(sys.executable).with_name("chroma")
    log = open(work / "chroma.log", "wb")
    proc = subprocess.Popen([str(cli if cli.exists() else "chroma"), "run", "--host", "127.0.0.1", "--port", str(port),
                             "--path", str(work / "chroma-server")], stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, f"http://127.0.0.1:{port}"
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"chroma run did not start; see {work / 'chroma.log'}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--library", type=Path, help="a folder of documents")
    src.add_argument("--synthetic", type=int, metavar="N", help="generate about N clauses")
    ap.add_argument("--work", type=Path, help="folder for the store (default: a temporary folder, removed)")
    ap.add_argument("--server", action="store_true",
                    help="client/server mode: start a real `chroma run` on 127.0.0.1 (data in the work folder) and "
                         "run every step against it; its peak RSS is reported apart")
    ap.add_argument("--profile", type=Path, help="also write a cProfile of the ingest here (a second, profiled ingest)")
    args = ap.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="bench_store_"))
    work.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LVJU_")}
    env.update({"LVJU_STORE_PATH": str(work / "store"), "LVJU_DATA_DIR": str(work / "data"), "PYTHONPATH": str(ROOT)})
    figures: dict[str, float | int | str] = {}
    server = None
    if args.server:
        server, url = _start_chroma(work)
        env["LVJU_CHROMA_SERVER_URL"] = url
        figures["mode"] = f"server {url}"
    try:
        if args.synthetic:
            library = work / "synthetic"
            sys.path.insert(0, str(ROOT))
            from scripts.synth_corpus import generate

            generate(args.synthetic, library, ROOT / "seeds")
        else:
            library = args.library.resolve()
        from assistant.parse.corpus import expand_paths

        figures["files"] = len(expand_paths([library]))
        wall, rss, out, err, rc = run(cli("ingest", str(library), "--json"), env)
        if rc not in (0, 1) or not out.strip():
            print(err[-2000:], file=sys.stderr)
            return 1
        report = json.loads(out)
        figures.update(clauses=report["written"], skipped=len(report["skipped"]), ingest_s=round(wall, 1),
                       clauses_per_s=round(report["written"] / wall), ingest_rss_mb=round(rss))
        figures["store_mb"] = round(du(work / "store") / 1e6)
        wall, rss, out, err, rc = run(cli("retrieve", QUERIES[0], "--k", "5", "--json"), env)
        figures.update(first_result_s=round(wall, 1), first_query_rss_mb=round(rss))
        figures["store_with_lexical_mb"] = round(du(work / "store") / 1e6)
        wall, rss, out, err, rc = run([sys.executable, "-c", STEADY, json.dumps(QUERIES, ensure_ascii=False)], env)
        steady = json.loads(out.strip().splitlines()[-1])
        figures.update(query_p50_ms=round(steady["p50_ms"], 1), query_p95_ms=round(steady["p95_ms"], 1),
                       steady_rss_mb=round(steady["rss_mb"]))
        wall, rss, out, err, rc = run([sys.executable, "-c", STEADY, json.dumps(REFERENCE_QUERIES, ensure_ascii=False)], env)
        steady = json.loads(out.strip().splitlines()[-1])
        figures.update(reference_p50_ms=round(steady["p50_ms"], 1), reference_p95_ms=round(steady["p95_ms"], 1))
        wall, rss, out, err, rc = run(cli("retrieve", QUERIES[1], "--k", "5", "--json"), env)
        figures.update(cold_cli_retrieve_s=round(wall, 1), cold_cli_rss_mb=round(rss))
        one = work / "add_one" / "bench_add_one.txt"
        one.parent.mkdir(exist_ok=True)
        one.write_text(ADD_ONE, encoding="utf-8")
        wall_in, rss_in, out, err, rc = run(cli("ingest", str(one), "--json"), env)
        wall_q, rss_q, out, err, rc = run(cli("retrieve", "基准测试校验码甲乙丙丁", "--k", "1", "--json"), env)
        found = rc == 0 and "基准测试校验码" in out
        figures.update(add_one_ingest_s=round(wall_in, 1), add_one_searchable_s=round(wall_in + wall_q, 1),
                       add_one_found=str(found), add_one_rss_mb=round(max(rss_in, rss_q)))
        two = work / "add_one" / "bench_in_process.txt"
        two.write_text(ADD_TWO, encoding="utf-8")
        wall, rss, out, err, rc = run([sys.executable, "-c", IN_PROCESS, str(two), QUERIES[2], "驻留测试校验码甲乙丙丁",
                                       "驻留测试校验码"], env)
        live = json.loads(out.strip().splitlines()[-1]) if rc == 0 and out.strip() else {}
        if not live:
            print(err[-2000:], file=sys.stderr)
        figures.update(add_one_in_process_ingest_s=round(live.get("ingest_s", -1), 2),
                       add_one_in_process_searchable_s=round(live.get("searchable_s", -1), 2),
                       add_one_in_process_found=str(live.get("found")),
                       remove_one_in_process_s=round(live.get("remove_s", -1), 2), remove_one_gone=str(live.get("gone")),
                       in_process_full_builds=live.get("rebuilds"), in_process_updates=live.get("updates"),
                       in_process_rss_mb=round(rss))
        if args.profile:
            prof_env = {**env, "LVJU_STORE_PATH": str(work / "store_profiled")}
            wall, rss, out, err, rc = run([sys.executable, "-m", "cProfile", "-o", str(args.profile), "-m", "assistant.cli",
                                           "ingest", str(library), "--json"], prof_env)
            figures["profiled_ingest_s"] = round(wall, 1)
    finally:
        if server is not None:
            server.terminate()
            _pid, _status, usage = os.wait4(server.pid, 0)
            figures["server_peak_rss_mb"] = round(usage.ru_maxrss / 1024)
            figures["server_data_mb"] = round(du(work / "chroma-server") / 1e6)
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    width = max(len(k) for k in figures)
    for k, v in figures.items():
        print(f"{k:<{width}}  {v}")
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
