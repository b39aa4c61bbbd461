"""Every CLI failure is one line on stderr with a non-zero exit, whatever raised it; input text that
would break the output is cleaned or rejected with a message."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import cli
from assistant.errors import InputError
from assistant.text.clean import clean_question


@pytest.mark.parametrize("raw,expected", [
    ("问题\ud800？", "问题？"),  # a lone surrogate
    ("\x00\x07立案监督\x1b[31m", "立案监督[31m"),  # control characters
    ("  第一行\n第二行\t ", "第一行\n第二行"),  # whitespace kept inside, trimmed outside
])
def test_clean_question_table(raw, expected):
    assert clean_question(raw) == expected


@pytest.mark.parametrize("raw", ["", "\x00\x01", "\ud800", "问" * 4001])
def test_clean_question_rejects(raw):
    with pytest.raises(InputError):
        clean_question(raw)


@pytest.mark.parametrize("exc", [TypeError("a bug"), MemoryError(), RuntimeError("chromadb InternalError: Error getting embedding\nmore")])
def test_any_failure_is_one_line(monkeypatch, capsys, exc):
    def boom(args, settings):
        raise exc

    monkeypatch.setattr(cli, "cmd_docs", boom)
    assert cli.main(["docs"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_debug_shows_the_traceback(monkeypatch):
    monkeypatch.setattr(cli, "cmd_docs", lambda a, s: (_ for _ in ()).throw(TypeError("a bug")))
    monkeypatch.setenv("LVJU_DEBUG", "1")
    with pytest.raises(TypeError):
        cli.main(["docs"])


@pytest.mark.slow
def test_batch_with_a_lone_surrogate_and_bad_lines(tmp_path):
    env_store = tmp_path / "store"
    env = {"LVJU_STORE_PATH": str(env_store), "PATH": "/usr/bin:/bin"}
    run = lambda *a: subprocess.run([sys.executable, "-m", "assistant.cli", *a], capture_output=True, text=True,  # noqa: E731
                                    env=env, cwd=tmp_path, timeout=300)
    assert run("init").returncode == 0
    batch = tmp_path / "q.jsonl"
    batch.write_text(json.dumps({"id": "q1", "question": "府检联动协调机制的召集人是谁\ud800？"}) + "\n", encoding="utf-8")
    out = run("ask", "--batch", str(batch), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["question"] == "府检联动协调机制的召集人是谁？"
    batch.write_text(json.dumps({"id": "q1", "question": "\u0000\u0001"}) + "\n", encoding="utf-8")
    out = run("ask", "--batch", str(batch), "--json")
    assert out.returncode == 1 and out.stderr.startswith("error: ") and ":1:" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    batch.write_bytes(b"\xff\xfe not utf-8\n")
    out = run("retrieve", "--batch", str(batch), "--json")
    assert out.returncode == 1 and len(out.stderr.strip().splitlines()) == 1 and "UTF-8" in out.stderr


@pytest.mark.parametrize("text", [
    "（简称“府检联动”）与(简称“府检联动”)", "数字检察+基层治理", "可以采取以下方式:(一) 书面查阅案卷材料;", "1. 第一项", "http://example.org/a_b",
    "a\\b [链接](http://x) <b>粗体</b> **强调** # 标题 `代码` ~删除~ $x$ |表|",
])
def test_escaped_markdown_reads_as_the_text_itself_on_a_terminal(text):
    from assistant.text.mdtext import escape_md, for_terminal

    assert for_terminal(escape_md(text)) == text


@pytest.mark.parametrize("ours, text, expected", [
    ("**{}**", "未找到依据", "未找到依据"),  # our bold: a plain-text file gets the words alone
    ("{} **〔未核实〕**", "第三条 内容", "第三条 内容 〔未核实〕"),
    ("*{}*", "本节未找到依据", "本节未找到依据"),  # (an outline's note in italics)
    ("**{}**", "第*1*条 **强调** a\\b", "第*1*条 **强调** a\\b"),  # the document's own asterisks kept, ours dropped
    ("{}**粗**", "a\\", "a\\粗"),  # an escaped backslash before our markup
])
def test_a_terminal_and_plain_get_none_of_our_emphasis_markers(ours, text, expected):
    """`--plain` (and a terminal) printed 未找到依据 as **未找到依据** — the Markdown of our own emphasis — into the file a
    clerk pastes from (a trial); the document's text, escaped, keeps its asterisks."""
    from assistant.text.mdtext import escape_md, for_terminal

    assert for_terminal(ours.format(escape_md(text))) == expected


def test_a_terminal_gets_no_control_characters_from_a_document():
    from assistant.text.mdtext import escape_md, for_terminal

    assert for_terminal(escape_md("正文\x1b[31m红色\x07")) == "正文[31m红色"


def test_an_outline_on_a_terminal_has_no_markdown_escapes(seeded_store, tmp_path):
    """`assistant plan` prints Markdown (document text escaped) into a pipe or a file, and the text itself on a
    terminal, which renders no Markdown (a real pseudo-terminal here)."""
    import os
    import pty
    import subprocess
    import sys

    env = {**os.environ, "LVJU_STORE_PATH": str(seeded_store), "LVJU_DATA_DIR": str(tmp_path / "data")}
    cmd = [sys.executable, "-m", "assistant.cli", "plan", "为武汉市某区人民检察院起草府检联动工作方案提纲"]  # (half-width sources)
    piped = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    # Markdown, its document text inert; a half-width (简称…) needs no backslash (as in the .md export)
    assert piped.returncode == 0 and piped.stdout.startswith("# ") and "(简称" in piped.stdout and "\\(" not in piped.stdout
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, env=env, stdout=slave, stderr=subprocess.DEVNULL)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=120) == 0
    os.close(master)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert "主要任务" in shown and "\\(" not in shown and "\\:" not in shown


def test_an_imported_folder_says_which_of_its_files_it_did_not_take(tmp_path):
    """Nothing in a folder is dropped without a word: a .doc, an .rtf and the folder's README are listed with
    their reasons, the supported file goes in, and the import still succeeds."""
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "规定.md").write_text("# 某市某项工作规定\n\n第一条 为规范某项工作，制定本规定。\n\n第二条 检察机关应当依法办理。\n", encoding="utf-8")
    (folder / "旧规定.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word file")
    (folder / "通知.rtf").write_text("{\\rtf1 text}", encoding="ascii")
    (folder / "README.md").write_text("这个文件夹放的是本院的规定。\n", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\x00")
    env = {"LVJU_STORE_PATH": str(tmp_path / "store"), "LVJU_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    run = lambda *a: subprocess.run([sys.executable, "-m", "assistant.cli", *a], capture_output=True, text=True,  # noqa: E731
                                    env=env, cwd=tmp_path, timeout=300)
    out = run("ingest", str(folder), "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert [f["name"] for f in report["files"]] == ["规定.md"]
    ignored = {Path(x["file"]).name: x["reason"] for x in report["ignored"]}
    assert set(ignored) == {"旧规定.doc", "通知.rtf", "README.md"}  # not the hidden .DS_Store
    assert "unsupported file type .doc" in ignored["旧规定.doc"] and "README" in ignored["README.md"]
    assert "not imported: 旧规定.doc" in out.stderr
    (folder / "规定.md").unlink()
    out = run("ingest", str(folder))
    assert out.returncode == 1 and len(out.stderr.strip().splitlines()) == 1
    assert "no supported files" in out.stderr and "旧规定.doc" in out.stderr and "通知.rtf" in out.stderr


def test_progress_off_a_terminal_is_a_few_plain_lines(capsys):
    """Found by a new-user trial: ingest progress bars wrote carriage returns into logs and pipes."""
    from assistant.index.ingest import _tqdm_progress

    progress = _tqdm_progress()
    for done in range(0, 1001, 10):
        progress(done, 1000, "embed")
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert "\r" not in err and len(lines) == 4
    assert all(line.startswith(f"embed: {n:,} / 1,000 clauses") for line, n in zip(lines, (250, 500, 750, 1000)))


def test_a_slow_run_off_a_terminal_says_at_least_every_minute_how_fast_and_how_long(capsys, monkeypatch):
    """Found by a new-user trial: a 1.5-hour e5 ingest printed a line every 20 minutes with no rate or time left."""
    from assistant.index import ingest

    clock = iter(range(0, 10_000, 30))  # each update 30 s after the one before
    monkeypatch.setattr(ingest.time, "monotonic", lambda: float(next(clock)))
    progress = ingest._tqdm_progress(min_total=1)
    for done in range(0, 101, 1):
        progress(done, 100, "embed")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) > 40  # every other update (60 s), not only the quarters
    assert "clauses/s" in lines[1] and "left" in lines[1] and "left" not in lines[-1]


@pytest.mark.parametrize("seconds,said", [(12, "12 s"), (89, "89 s"), (240, "4 min"), (5400, "1 h 30 min")])
def test_durations_read_as_a_person_says_them(seconds, said):
    from assistant.index.ingest import _duration

    assert _duration(seconds) == said


@pytest.mark.parametrize("issuers,date,shown", [
    (["最高人民法院"], "2020-12-23", "[最高人民法院 2020-12-23]  (a.md)"),
    ([], "2020-12-23", "[2020-12-23]  (a.md)"),  # found by a new-user trial: "[ 2020-12-23]"
    (["甲", "乙"], None, "[甲、乙]  (a.md)"),
    ([], None, "某某条例  (a.md)"),  # nothing known: no empty brackets
])
def test_a_docs_line_shows_only_what_is_known(issuers, date, shown):
    from assistant.cli import _doc_line

    line = _doc_line({"doc_id": "d", "clause_count": 3, "title": "某某条例", "issuers": issuers, "date": date, "source": "a.md"})
    assert line.endswith(shown) and "[ " not in line and "[]" not in line


def test_a_docs_line_shows_the_issuers_a_title_opens_with_when_none_were_recorded():
    from assistant.cli import _doc_line

    title = "最高人民法院、最高人民检察院关于办理某类刑事案件适用法律若干问题的解释"
    line = _doc_line({"doc_id": "d", "clause_count": 3, "title": title, "issuers": [], "date": "2013-04-23", "source": "a.md"})
    assert line.endswith("[最高人民法院、最高人民检察院 2013-04-23]  (a.md)")


@pytest.mark.parametrize("single,batch,message", [
    ("", None, "the question is empty"),  # an empty argument says what is wrong, as a blank one does
    ("   ", None, "the question is empty"),
    (None, None, "give either a QUESTION or --batch"),
    ("问题", "q.jsonl", "give either a QUESTION or --batch"),
])
def test_a_question_argument_that_cannot_be_asked_is_said_precisely(single, batch, message):
    with pytest.raises(InputError, match=message):
        cli._questions(None, batch, single)


def test_plain_prints_the_text_itself_into_a_pipe(tmp_path):
    """`ask --plain` (piped into a file, as a clerk pasting the answer into a document does): the text itself, no
    Markdown escapes; without it the piped answer is escaped Markdown."""
    import os

    from tests.conftest import files_store

    s = files_store(tmp_path, {"规定.md": "# 某某管理规定\n\n第一条 为加强管理，制定本规定。\n\n"
                                          "第二条 有下列情形之一的，不予登记：(一)材料不齐全的；(二)超过期限的。\n"})
    env = {**os.environ, "LVJU_STORE_PATH": str(s.store_path), "LVJU_DATA_DIR": str(tmp_path / "data")}
    cmd = [sys.executable, "-m", "assistant.cli", "ask", "哪些情形不予登记？"]
    escaped = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    plain = subprocess.run([*cmd, "--plain"], env=env, capture_output=True, text=True, timeout=120)
    assert escaped.returncode == 0 and "\\(一\\)" in escaped.stdout
    assert plain.returncode == 0 and "(一)材料不齐全的" in plain.stdout and "\\" not in plain.stdout


def test_chat_reads_each_question_against_the_answers_before_it(tmp_path):
    """`assistant chat`: one conversation on stdin, each follow-up read as the app reads it (both trials could not ask
    a follow-up from the CLI) — 那第二款呢？ of the article before, 不履行的怎么处罚？ the 罚则 punishing it, 那第三条呢？ after a
    refusal of the document still at hand; a question that cannot be asked is an error for its turn, the rest answered."""
    import os

    from tests.conftest import files_store

    s = files_store(tmp_path, {"办法.md": "# 某某登记管理办法\n\n第一条 为规范某某登记，制定本办法。\n\n"
                                          "第二条 单位应当自成立之日起三十日内办理某某登记。\n\n单位变更名称的，应当办理变更登记。\n\n"
                                          "第三条 登记机关应当公开办理登记的条件和程序。\n\n"
                                          "第四条 未履行本办法第二条规定的义务的，由登记机关责令改正，处一千元以下的罚款。\n"})
    env = {**os.environ, "LVJU_STORE_PATH": str(s.store_path), "LVJU_DATA_DIR": str(tmp_path / "data")}
    turns = ["某某登记管理办法第二条是怎么规定的？", "", "那第二款呢？", "不履行的怎么处罚？", "\x00", "离婚冷静期是多久？",
             "那第三条呢？"]
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "chat", "--json"], input="\n".join(turns) + "\n",
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and "turn 4" in out.stderr and len(out.stderr.strip().splitlines()) == 1, out.stderr
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["turn"] for r in results] == [1, 2, 3, 5, 6]
    cited = [[r["clauses"][c]["label"] for st in r["statements"] for c in st["citations"]] for r in results]
    assert cited[0] and all("第二条" in x for x in cited[0])
    assert cited[1] and all(x.endswith("第二条第二款") for x in cited[1]), cited[1]
    assert cited[2] and "第四条" in cited[2][0], cited[2]
    assert results[3]["refused"]
    assert cited[4] and all(x.endswith("第三条") for x in cited[4]), cited[4]
    # the same conversation as arguments, for a reader: each turn headed by its question, the text itself
    plain = subprocess.run([sys.executable, "-m", "assistant.cli", "chat", "--plain", turns[0], turns[2]], env=env,
                           capture_output=True, text=True, timeout=120)
    assert plain.returncode == 0 and plain.stdout.startswith(f"问：{turns[0]}") and f"\n问：{turns[2]}\n" in plain.stdout
    assert "单位变更名称的" in plain.stdout.split("问：那第二款呢？")[1] and "*" not in plain.stdout
